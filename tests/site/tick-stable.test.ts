import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuild, removeBuildAndFixture, type Variant } from '../support/build-site.ts';
import { listFiles } from '../support/scan-output.ts';
import { writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';
import { tickSiteFixture } from '../support/tick-fixture.ts';

/**
 * Issue 11: at 10,000 sites a tick must not rewrite 40,000 pages. A site whose state did not change
 * gets the same public page, byte for byte, from one run to the next (site pages, badges, incident
 * pages show day-level data only), and Astro's incremental build, which keeps pages whose cacheKey
 * did not change in the kept output dir, gives exactly what a cold build of the new data gives,
 * without the pages of a site that left the registry. The same holds for the internal build's site
 * pages, whose responders' section leaves what every run changes to the copied status file
 * (`status/<id>.json`, shown by a script).
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

async function build(label: string, data: string, now: string, out?: string, variant: Variant = 'public') {
  const root = out ?? (await makeBuildOut(label));
  if (!out) outs.push(root);
  // Under CI=true Astro's build log leaves out the per-page lines the incremental test reads; the
  // build itself is the same. (buildSite copies process.env; this file runs in a worker of its own.)
  delete process.env.CI;
  const result = await buildSite({ data, out: root, variant, now });
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
    // The raw status files are the internal build's only.
    expect((await listFiles(after.dir)).filter((f) => f.startsWith('status/'))).toEqual([]);
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

/** Each site's raw status file in a data dir, by id (a site not checked yet has none). */
async function statusFiles(data: string, ids: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const id of ids) {
    const text = await readFile(path.join(data, 'status', `${id}.json`), 'utf8').catch(() => null);
    if (text !== null) files.set(id, text);
  }
  return files;
}

describe('internal site pages from tick to tick (60 sites)', { timeout: 300_000 }, () => {
  it('a run that changes no state leaves every internal site page byte-identical; the copied status files carry the new run', async () => {
    const data = path.join(tmp, 'internal-next');
    await cp(fixture.dir, data, { recursive: true });
    const before = await build('tick-ia', data, fixture.buildNow, undefined, 'internal');
    const tick = await tickSiteFixture(data, fixture.buildNow, { minutes: 5 });
    expect(tick.changedIds).toEqual([]);
    const after = await build('tick-ib', data, tick.buildNow, undefined, 'internal');

    const sitePages = (file: string) => /^(en\/)?site\/[^/]+\/index\.html$/.test(file);
    const pages = (await listFiles(before.dir)).filter(sitePages);
    expect(pages.length).toBe(2 * fixture.siteIds.length);
    // The pages hold the responders' section and its per-run part's link, not the run's values.
    const sample = await readFile(path.join(before.dir, 'site', fixture.siteIds[0]!, 'index.html'), 'utf8');
    expect(sample).toContain('id="nb-details"');
    expect(sample).toContain(`data-last-check="/status/${fixture.siteIds[0]}.json"`);
    expect(await differing(before.dir, after.dir, sitePages)).toEqual([]);

    // Every site's status file, as the run wrote it, beside the pages; the new run's, not the old.
    const raw = await statusFiles(data, fixture.siteIds);
    expect(raw.size).toBeGreaterThan(0);
    for (const [id, text] of raw) {
      expect(await readFile(path.join(after.dir, 'status', `${id}.json`), 'utf8'), id).toBe(text);
      expect(await readFile(path.join(before.dir, 'status', `${id}.json`), 'utf8'), id).not.toBe(text);
    }
  });

  it('an incremental internal build after a run that takes sites down re-renders their pages only, changes them, and equals a cold build', async () => {
    const data = path.join(tmp, 'internal-incremental');
    await cp(fixture.dir, data, { recursive: true });
    const first = await build('tick-iinc', data, fixture.buildNow, undefined, 'internal');
    const tick = await tickSiteFixture(data, fixture.buildNow, { minutes: 5, change: 0.1, seed: 3 });
    expect(tick.changedIds.length).toBeGreaterThan(1);
    const page = (dir: string, id: string) => readFile(path.join(dir, 'site', id, 'index.html'), 'utf8');
    const old = new Map(await Promise.all(tick.changedIds.map(async (id) => [id, await page(first.dir, id)] as const)));
    const gone = fixture.siteIds.find(
      (id) => !tick.changedIds.includes(id) && !fixture.publicIncidentIds.some((i) => i.startsWith(`${id}--`)),
    )!;
    await rm(path.join(data, 'sites', `${gone}.yml`));
    const again = await build('tick-iinc', data, tick.buildNow, first.out, 'internal');
    const cold = await build('tick-icold', data, tick.buildNow, undefined, 'internal');
    expect(await differing(again.dir, cold.dir)).toEqual([]);
    // The site that left the registry leaves with its pages and its status file.
    expect((await listFiles(again.dir)).filter((f) => f.includes(`/${gone}/`) || f.includes(`/${gone}.`))).toEqual([]);

    const rendered = [
      ...again.output.matchAll(/├─ (\/(?:en\/)?site\/([^/]+)\/index\.html)(?! \((?:cached|restored)\))/g),
    ];
    expect([...new Set(rendered.map((m) => m[2]))].sort()).toEqual(tick.changedIds);
    expect(again.output).toMatch(/\/site\/[^/]+\/index\.html \((cached|restored)\)/);
    // A site that went down has a new internal page: its state and raw error are in the HTML.
    for (const id of tick.changedIds) {
      const html = await page(again.dir, id);
      expect(html, id).not.toBe(old.get(id));
      expect(html, id).toContain('UND_ERR_HEADERS_TIMEOUT');
    }
  });
});
