import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuild, removeBuildAndFixture } from '../support/build-site.ts';
import { listFiles } from '../support/scan-output.ts';
import { writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';
import { tickSiteFixture } from '../support/tick-fixture.ts';

/**
 * Issue 11: at 10,000 sites a tick must not rewrite 40,000 pages. A site whose state did not change
 * gets the same public page, byte for byte, from one run to the next (site pages, badges, incident
 * pages show day-level data only), and Astro's incremental build, which keeps pages whose cacheKey
 * did not change in the kept output dir, gives exactly what a cold build of the new data gives,
 * without the pages of a site that left the registry.
 */
let tmp: string;
let fixture: SiteFixture;
const outs: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-tick-'));
  fixture = await writeSiteFixture(path.join(tmp, 'data'), { sites: 60, days: 30, images: 0 });
}, 60_000);

afterAll(async () => {
  for (const out of outs) await removeBuild(out);
  await removeBuildAndFixture(undefined, tmp);
});

async function build(label: string, data: string, now: string, out?: string) {
  const root = out ?? (await makeBuildOut(label));
  if (!out) outs.push(root);
  // Under CI=true Astro's build log leaves out the per-page lines the incremental test reads; the
  // build itself is the same. (buildSite copies process.env; this file runs in a worker of its own.)
  delete process.env.CI;
  const result = await buildSite({ data, out: root, variant: 'public', now });
  return { out: root, dir: result.dir, output: result.output };
}

/** Files that differ (or exist on one side only) between two builds, among those `pick` selects. */
async function differing(a: string, b: string, pick: (file: string) => boolean = () => true): Promise<string[]> {
  const [left, right] = [await listFiles(a), await listFiles(b)];
  const files = [...new Set([...left, ...right])].filter(pick).sort();
  const out: string[] = [];
  for (const file of files) {
    const [x, y] = await Promise.all([
      readFile(path.join(a, file)).catch(() => null),
      readFile(path.join(b, file)).catch(() => null),
    ]);
    if (!x || !y || !x.equals(y)) out.push(file);
  }
  return out;
}

/** Per-site and per-incident outputs: what must not change when no site's state does. */
const perItem = (file: string) => /^(en\/)?(site|su-co)\/[^/]+\/index\.html$/.test(file) || file.startsWith('badge/');

describe('public pages from tick to tick (60 sites)', { timeout: 300_000 }, () => {
  it('a run that changes no state (new check times, response times, counts, build clock) leaves every site page, badge and incident page byte-identical', async () => {
    const before = await build('tick-a', fixture.dir, fixture.buildNow);
    const data = path.join(tmp, 'next');
    await cp(fixture.dir, data, { recursive: true });
    const tick = await tickSiteFixture(data, fixture.buildNow, { minutes: 5 });
    expect(tick.changedIds).toEqual([]);
    expect(tick.buildNow).not.toBe(fixture.buildNow);
    const after = await build('tick-b', data, tick.buildNow);

    const items = (await listFiles(before.dir)).filter(perItem);
    expect(items.filter((f) => f.startsWith('site/')).length).toBe(fixture.siteIds.length);
    expect(items.filter((f) => f.startsWith('su-co/')).length).toBe(fixture.publicIncidentIds.length);
    expect(await differing(before.dir, after.dir, perItem)).toEqual([]);
    // The run is visible where it belongs: the home and group pages say when the last check was.
    const changed = await differing(before.dir, after.dir);
    expect(changed).toEqual(expect.arrayContaining(['index.html', 'en/index.html', 'nhom/province/index.html']));
  });

  it('an incremental build after a run that takes sites down re-renders their pages only, and equals a cold build', async () => {
    const data = path.join(tmp, 'incremental');
    await cp(fixture.dir, data, { recursive: true });
    const first = await build('tick-inc', data, fixture.buildNow);
    const tick = await tickSiteFixture(data, fixture.buildNow, { minutes: 5, change: 0.1, seed: 3 });
    expect(tick.changedIds.length).toBeGreaterThan(1);
    // A site leaves the registry too: its pages must leave the kept output dir.
    const gone = fixture.siteIds.find(
      (id) => !tick.changedIds.includes(id) && !fixture.publicIncidentIds.some((i) => i.startsWith(`${id}--`)),
    )!;
    await rm(path.join(data, 'sites', `${gone}.yml`));
    expect((await listFiles(first.dir)).filter((f) => f.includes(`/${gone}/`) || f.includes(`/${gone}.`))).not.toEqual(
      [],
    );
    const again = await build('tick-inc', data, tick.buildNow, first.out);
    const cold = await build('tick-cold', data, tick.buildNow);
    expect(await differing(again.dir, cold.dir)).toEqual([]);
    expect((await listFiles(again.dir)).filter((f) => f.includes(`/${gone}/`) || f.includes(`/${gone}.`))).toEqual([]);

    // Astro's log marks each path it kept "(cached)" or "(restored)"; the others were rendered.
    const rendered = [
      ...again.output.matchAll(/├─ (\/(?:en\/)?site\/([^/]+)\/index\.html)(?! \((?:cached|restored)\))/g),
    ];
    expect([...new Set(rendered.map((m) => m[2]))].sort()).toEqual(tick.changedIds);
    expect(again.output).toMatch(/\/site\/[^/]+\/index\.html \((cached|restored)\)/);
  });
});
