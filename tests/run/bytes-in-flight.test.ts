import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PageModel } from '../../checks/analysis/page-model.ts';
import { modelBytes } from '../../checks/defacement/model-bytes.ts';
import { inlineExtractor, type ModelExtractor } from '../../checks/defacement/model-extractor.ts';
import { isVariantRun } from '../../checks/defacement/variants.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { startBenchPortals, type BenchPortals } from '../../checks/simulator/bench-portals.ts';
import { flatLocation } from '../../checks/store/data-location.ts';

// The bounded-memory rule, end to end: a site's page bytes and the models made from them count
// against probe.max_bytes_in_flight until its check ends, and the run reports the most it held.
const ID = 'so-tu-phap';
let portals: BenchPortals;
let dataDir: string;
beforeAll(async () => {
  // Every response differs (a visitor counter), so the home page is modelled on every run.
  portals = await startBenchPortals({ count: 1, latencyMs: [0, 0], pageBytes: [80_000, 80_000], visitorCounter: true });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-bytes-'));
  await mkdir(path.join(dataDir, 'sites'), { recursive: true });
  const config = {
    organisation: { name: 'bytes in flight test' },
    probe: { concurrency: 1, dns_servers: [`${portals.dnsServer.host}:${portals.dnsServer.port}`] },
    defacement: { enabled: true, sample_pages: 0, visual: { enabled: false } },
  };
  await writeFile(path.join(dataDir, 'config.yml'), stringify(config));
  await writeFile(
    path.join(dataDir, 'sites', `${ID}.yml`),
    stringify({ name: 'Sở Tư pháp', agency: 'Ủy ban nhân dân tỉnh Ví Dụ', group: 'province', url: portals.urls[0] }),
  );
});
afterAll(async () => {
  await portals?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('bytes in flight', () => {
  it('counts the home page and its model until the check ends, and reports that peak against the budget', async () => {
    const inline = inlineExtractor();
    const seen: { bytes: number; model: PageModel }[] = [];
    const extractor: ModelExtractor = {
      async extract(bytes, ...rest) {
        const extracted = await inline.extract(bytes, ...rest);
        seen.push({ bytes: bytes.length, model: extracted.model });
        return extracted;
      },
      close: async () => {},
    };
    const run = (now: Date) =>
      runChecks(
        { location: flatLocation(dataDir), allowPrivate: true, commit: false, now },
        { extractor, visual: null, incidents: null, sleep: async () => {} },
      );
    // First sight takes the baseline (with the cloaking variants); then a slot with neither the
    // variants nor the sitemap due, so the run reads the home page alone.
    await run(new Date('2026-12-07T00:00:00Z'));
    let slot = Math.floor(Date.parse('2026-12-07T01:00:00Z') / 300_000);
    while (isVariantRun(ID, slot, 6) || isVariantRun(`${ID}:sitemap`, slot, 12)) slot += 1;
    seen.length = 0;
    const report = await run(new Date(slot * 300_000));

    expect(report.checks[0]!.status.state).toBe('up');
    expect(seen).toHaveLength(1);
    const [home] = seen;
    expect(home!.bytes).toBeGreaterThan(80_000);
    expect(report.bytesInFlight).toEqual({
      limit: 32 * 1024 * 1024,
      peak: home!.bytes + modelBytes(home!.model),
    });
  });
});
