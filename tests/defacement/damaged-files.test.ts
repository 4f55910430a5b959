import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBaselineAccept } from '../../checks/defacement/baseline-requests.ts';
import { readBaselineScreenshot } from '../../checks/defacement/baseline-store.ts';
import { isVariantRun } from '../../checks/defacement/variants.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { toJson } from '../../checks/store/atomic-write.ts';
import { flatLocation } from '../../checks/store/data-location.ts';
import type { VisualCapture, VisualTier } from '../../checks/visual/visual-tier.ts';
import { startDemoWorld, type DemoWorld } from './demo-world.ts';

// Issue 10: a damaged status, baseline or baseline screenshot is never taken for "nothing there".
let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('canhgac-damaged-');
});
afterAll(() => world.close());

async function run(only: string[], at: string, visual: VisualTier | null = null) {
  return runChecks(
    { location: flatLocation(world.dataDir), only, allowPrivate: true, commit: false, now: new Date(at) },
    { resolver: world.resolver, sleep: async () => {}, visual, incidents: null },
  );
}
const results = (...parts: string[]) => path.join(world.dataDir, ...parts);
const siteFile = (id: string) => expect.stringMatching(new RegExp(`sites[\\\\/]${id}\\.yml$`));
const subpageUrls = (d: { signals: { kind: string; url?: string }[] } | null) =>
  (d?.signals ?? []).filter((s) => s.kind === 'subpage-spam').map((s) => s.url);

describe('a status file that does not parse', { timeout: 60_000 }, () => {
  const id = 'truong-cao-dang-mau';
  const DOORWAY = /\/tin-tuc\/khuyen-mai-thanh-vien-moi-2026\.html$/;
  // Slots where the rotation does not read the sitemap: only the re-check of flagged pages finds the doorway.
  const slots = Array.from({ length: 40 }, (_, i) => Date.parse('2026-11-26T00:00:00Z') + i * 300_000).filter(
    (t) => !isVariantRun(`${id}:sitemap`, t / 300_000, 12),
  );
  const at = (i: number) => new Date(slots[i]!).toISOString();
  const stamp = (iso: string) => iso.replace(/[:.]/g, '');
  /** Rewrites the stored status with a state this version does not know: valid JSON, invalid status. */
  const damage = async () => {
    const file = results('status', `${id}.json`);
    await writeFile(file, toJson({ ...JSON.parse(await readFile(file, 'utf8')), state: 'sideways' }));
    return file;
  };

  it('is moved aside with a notice naming both files, and the doorway it flagged is still re-checked', async () => {
    const first = await run([id], '2026-11-25T23:00:00Z');
    expect(subpageUrls(first.checks[0]!.status.defacement)).toEqual([expect.stringMatching(DOORWAY)]);

    const file = await damage();
    const report = await run([id], at(0));
    expect(report.notices).toEqual([
      {
        file: siteFile(id),
        message: `${file}: status did not parse (state: Invalid option: expected one of "up"|"degraded"|"down"); moved to ${file}.corrupt-${stamp(at(0))}, kept from it: 1 flagged internal page`,
      },
    ]);
    const defacement = report.checks[0]!.status.defacement!;
    expect(defacement.verdict).toBe('defaced');
    expect(subpageUrls(defacement)).toEqual([expect.stringMatching(DOORWAY)]);
    expect(JSON.parse(await readFile(`${file}.corrupt-${stamp(at(0))}`, 'utf8')).state).toBe('sideways');
    // The run wrote a valid status again.
    expect((await world.status(id)).checkedAt).toBe(at(0));
  });

  it('while the site is down: moved aside with a notice, the doorway carried through the outage', async () => {
    const file = await damage();
    world.sim.setUnavailable(id, true);
    try {
      const report = await run([id], at(1));
      expect(report.notices).toEqual([
        {
          file,
          message: `status did not parse (state: Invalid option: expected one of "up"|"degraded"|"down"); moved to ${file}.corrupt-${stamp(at(1))}, kept from it: 1 flagged internal page`,
        },
      ]);
      const defacement = report.checks[0]!.status.defacement!;
      expect(defacement).toMatchObject({ verdict: 'unknown', score: 0, baseline: null });
      expect(subpageUrls(defacement)).toEqual([expect.stringMatching(DOORWAY)]);
    } finally {
      world.sim.setUnavailable(id, false);
    }
  });

  it('truncated beyond reading: the notice is all that is left, and says so', async () => {
    const file = results('status', `${id}.json`);
    await writeFile(file, '{"id":"truong-cao-dang-mau","defacement":{"signals":[');
    const report = await run([id], at(2));
    expect(report.notices).toEqual([
      {
        file: siteFile(id),
        message: `${file}: status did not parse (Unexpected end of JSON input); moved to ${file}.corrupt-${stamp(at(2))}, nothing in it could be kept`,
      },
    ]);
  });
});

describe('a baseline that does not parse', { timeout: 60_000 }, () => {
  const id = 'bo-mau';
  const T = (minutes: number) => new Date(Date.parse('2026-11-27T01:00:00Z') + minutes * 60_000).toISOString();

  it('is moved aside, and the site carries baselineLost in its status until a responder accepts a baseline', async () => {
    await run([id], T(0));
    const file = results('baselines', `${id}.json`);
    await writeFile(file, 'not json');

    const lostRun = await run([id], T(5));
    const aside = `baselines/${id}.json.corrupt-${T(5).replace(/[:.]/g, '')}`;
    expect(lostRun.notices).toEqual([
      {
        file: siteFile(id),
        message: `${file}: baseline did not parse (Unexpected token 'o', "not json" is not valid JSON); moved to ${results(aside)}, the next clean observation becomes the baseline`,
      },
    ]);
    const baselineLost = { at: T(5), file: aside };
    // The clean observation of this run became the reference, unreviewed: the status says so.
    expect(lostRun.checks[0]!.status.defacement).toMatchObject({
      verdict: 'clean',
      baseline: { capturedAt: T(5) },
      baselineLost,
    });
    expect((await world.status(id)).defacement?.baselineLost).toEqual(baselineLost);
    expect(await readFile(results(aside), 'utf8')).toBe('not json');
    expect((await world.baseline(id)).capturedAt).toBe(T(5));

    // Told once in the output, kept in the data on every later run, an outage included.
    const later = await run([id], T(10));
    expect(later.notices).toEqual([]);
    expect(later.checks[0]!.status.defacement?.baselineLost).toEqual(baselineLost);
    world.sim.setUnavailable(id, true);
    try {
      const down = await run([id], T(15));
      expect(down.checks[0]!.status.defacement).toEqual({
        verdict: 'unknown',
        score: 0,
        signals: [],
        baseline: { capturedAt: T(5) },
        baselineLost,
      });
    } finally {
      world.sim.setUnavailable(id, false);
    }

    // A responder looked and took a baseline on purpose: the loss is over.
    await requestBaselineAccept(world.dataDir, id, new Date(T(19)), 'test');
    const accepted = await run([id], T(20));
    expect(accepted.checks[0]!.status.defacement?.baseline).toEqual({ capturedAt: T(20) });
    expect(accepted.checks[0]!.status.defacement).not.toHaveProperty('baselineLost');
  });
});

describe('a baseline screenshot that cannot be read', { timeout: 60_000 }, () => {
  /** A visual tier without a browser that records the baseline each capture was given. */
  const recordingTier = (given: (Buffer | null)[]): VisualTier => ({
    enabled: true,
    notice: null,
    capture: async (_siteId, _url, baselinePng): Promise<VisualCapture> => {
      given.push(baselinePng);
      return { screenshotPng: null, evidencePaths: [], comparison: null, failure: null, skipped: null, ms: 0 };
    },
    close: async () => {},
  });

  it('is reported (EISDIR), and the capture goes ahead without a comparison instead of taking it for a first sight', async () => {
    const id = 'so-tu-phap-vi-du';
    const shot = results('baselines', `${id}.webp`);
    await mkdir(shot, { recursive: true });
    const given: (Buffer | null)[] = [];
    const report = await run([id], '2026-11-28T01:00:00Z', recordingTier(given));
    expect(report.checks[0]!.status.defacement?.verdict).toBe('defaced');
    expect(report.notices).toEqual([
      {
        file: siteFile(id),
        message: `${shot}: the baseline screenshot could not be read (EISDIR); this run's screenshot was not compared with it`,
      },
      // The run goes on, and publishes everything else.
      { file: shot, message: 'could not be read (EISDIR); not published with this run' },
    ]);
    expect((await world.status(id)).defacement?.verdict).toBe('defaced');
    expect(given).toEqual([null]);
  });

  it('is absent (ENOENT): no notice, nothing to compare', async () => {
    expect(await readBaselineScreenshot(world.dataDir, 'no-such-site')).toEqual({ screenshot: null, notice: null });
  });

  it.skipIf(process.getuid?.() === 0)('is reported when unreadable (EACCES)', async () => {
    const shot = results('baselines', 'so-eacces.webp');
    await writeFile(shot, 'RIFF');
    await chmod(shot, 0o000);
    expect(await readBaselineScreenshot(world.dataDir, 'so-eacces')).toEqual({
      screenshot: null,
      notice: `${shot}: the baseline screenshot could not be read (EACCES); this run's screenshot was not compared with it`,
    });
  });
});
