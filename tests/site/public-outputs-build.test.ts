import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSPAGE_PATHS } from '../../site/lib/statuspage.ts';
import { buildSite, makeBuildOut, removeBuildAndFixture } from '../support/build-site.ts';
import { CanhGacBadgeSchema } from '../support/shields-endpoint-schema.ts';
import { HOSTILE, writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';
import { STATUSPAGE_RESPONSE_SCHEMAS } from '../support/statuspage-schema.ts';

/**
 * The machine-readable outputs as the public build writes them, from the status-site fixture (every
 * state, open and resolved incidents, maintenance windows, markers in internal fields and hostile
 * strings in public ones): every file passes its schema or parser, and carries no marker.
 */
let tmp: string;
let out: string | undefined;
let fixture: SiteFixture;
let dir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-outputs-'));
  fixture = await writeSiteFixture(path.join(tmp, 'data'), { sites: 60, days: 30, markers: true, images: 0 });
  out = await makeBuildOut('outputs');
  dir = (await buildSite({ data: fixture.dir, out, variant: 'public', now: fixture.buildNow })).dir;
}, 240_000);

afterAll(async () => {
  await removeBuildAndFixture(out, tmp);
});

const read = (file: string) => readFile(path.join(dir, file), 'utf8');

describe('public build: machine-readable outputs', { timeout: 60_000 }, () => {
  it('writes every Statuspage v2 response, each valid per the strict schema', async () => {
    for (const p of STATUSPAGE_PATHS) {
      const result = STATUSPAGE_RESPONSE_SCHEMAS[p].safeParse(JSON.parse(await read(`api/v2/${p}`)));
      expect(result.success ? [] : result.error.issues.slice(0, 3), p).toEqual([]);
    }
    const summary = JSON.parse(await read('api/v2/summary.json'));
    expect(summary.page).toMatchObject({
      id: 'status.example.org',
      name: 'Trung tâm Giám sát an toàn thông tin',
      url: 'https://status.example.org',
      time_zone: 'Asia/Ho_Chi_Minh',
    });
    const incidents = JSON.parse(await read('api/v2/incidents.json')).incidents as { id: string; shortlink: string }[];
    expect(incidents.length).toBe(Math.min(50, fixture.publicIncidentIds.length));
    for (const i of incidents) expect(i.shortlink).toBe(`https://status.example.org/su-co/${i.id}/`);
    expect(JSON.parse(await read('api/v2/scheduled-maintenances.json')).scheduled_maintenances.length).toBeGreaterThan(
      0,
    );
  });

  it('writes two shields endpoint badges per site, each valid per the strict schema', async () => {
    const ids = new Set(
      (await readdir(path.join(dir, 'badge'))).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)),
    );
    expect([...ids].sort()).toEqual([...fixture.siteIds].sort());
    for (const id of ids) {
      for (const file of [`badge/${id}.json`, `badge/${id}/uptime.json`]) {
        const result = CanhGacBadgeSchema.safeParse(JSON.parse(await read(file)));
        expect(result.success ? [] : result.error.issues, file).toEqual([]);
      }
    }
  });

  it('writes well-formed RSS and Atom whose items link to incident pages that exist', async () => {
    for (const [file, type] of [
      ['rss.xml', 'rss'],
      ['atom.xml', 'atom'],
    ] as const) {
      const xml = await read(file);
      expect(XMLValidator.validate(xml), file).toBe(true);
      const feed = parseFeed(xml);
      expect(feed.meta.type).toBe(type);
      expect(feed.items.length).toBeGreaterThan(0);
      expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);
      for (const item of feed.items) {
        const m = /^https:\/\/status\.example\.org\/su-co\/([^/]+)\/$/.exec(item.url ?? '');
        expect(m, item.url ?? '').not.toBeNull();
        await expect(read(`su-co/${m![1]}/index.html`)).resolves.toBeTruthy();
      }
      // The fixture's hostile strings are in public texts: none survives as markup.
      for (const payload of [HOSTILE.script, HOSTILE.svg, HOSTILE.img]) expect(xml).not.toContain(payload);
    }
  });

  it('writes a 1200×630 PNG Open Graph image', async () => {
    const meta = await sharp(path.join(dir, 'og.png')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
  });

  it('puts no internal marker in any of them', async () => {
    const files = [
      ...STATUSPAGE_PATHS.map((p) => `api/v2/${p}`),
      'rss.xml',
      'atom.xml',
      ...fixture.siteIds.flatMap((id) => [`badge/${id}.json`, `badge/${id}/uptime.json`]),
    ];
    for (const file of files) {
      const text = await read(file);
      expect(text, file).not.toMatch(/leakmark/i);
      for (const secret of fixture.secrets) expect(text, file).not.toContain(secret);
    }
  });
});
