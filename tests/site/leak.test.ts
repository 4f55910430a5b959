import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuildAndFixture } from '../support/build-site.ts';
import { listFiles, scanOutput } from '../support/scan-output.ts';
import { writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';

/**
 * Issue #5: the public build contains no internal data. Both sites are built from a fixture whose
 * every internal field (contacts, responders, errors, TLS/DNS details, signals and evidence,
 * baselines, screenshots, internal incidents, tracks, incident/webhook config) carries a "LEAKMARK"
 * marker; then every byte of every public output file is searched. The internal build must contain
 * the markers (so the search is shown to work) and must ask not to be indexed.
 */
let tmp: string;
let fixture: SiteFixture;
let publicDir: string;
let internalDir: string;
let out: string | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-leak-'));
  fixture = await writeSiteFixture(path.join(tmp, 'data'), { sites: 50, markers: true, images: 4 });
  out = await makeBuildOut('leak');
  const options = { data: fixture.dir, out, now: fixture.buildNow };
  publicDir = (await buildSite({ ...options, variant: 'public' })).dir;
  internalDir = (await buildSite({ ...options, variant: 'internal' })).dir;
}, 240_000);

afterAll(async () => {
  await removeBuildAndFixture(out, tmp);
});

const secretsOf = (f: SiteFixture) => f.secrets.flatMap((s) => [s, s.replace(/[\s().-]+/g, '')]);

describe('no internal data in the public build (markers fixture, 50 sites)', { timeout: 120_000 }, () => {
  it('has no marker in any public file: bytes, file names, image metadata, compressed chunks, base64', async () => {
    const scan = await scanOutput(publicDir, { pattern: /leakmark/i, literals: secretsOf(fixture), base64Word: 'LEAKMARK' });
    expect(scan.files).toBeGreaterThanOrEqual(2); // at least the home page in both languages
    // One line per hit, so a failure names the file and the field's marker.
    expect(scan.hits.map((h) => `${h.file} (${h.where}): …${h.excerpt.replace(/\s+/g, ' ')}…`)).toEqual([]);
  });

  it('finds the markers in the internal build, screenshots included (the search works)', async () => {
    const scan = await scanOutput(internalDir, { pattern: /leakmark-[a-z_]+/i });
    const categories = new Set(scan.hits.map((h) => /leakmark[-_]([a-z]+)/i.exec(h.excerpt)?.[1]?.toUpperCase()));
    expect(scan.hits.length).toBeGreaterThan(0);
    expect(categories).toContain('SCREENSHOT'); // WebP EXIF of the evidence copied into the internal site
  });

  it('shows responders what they need on the internal site: contacts, responders, errors, signals, evidence, TLS issuer', async () => {
    const html = (await listFiles(internalDir)).filter((f) => f.endsWith('.html'));
    const texts = await Promise.all(html.map((f) => readFile(path.join(internalDir, f), 'utf8')));
    const all = texts.join('\n');
    const missing = ['LEAKMARK-CONTACT-', 'leakmark-contact-', 'leakmark-responder-', 'LEAKMARK-ERROR-', 'LEAKMARK-SIGNAL-', 'LEAKMARK-EVIDENCE-', 'LEAKMARK-TLSISSUER-'].filter((m) => !all.includes(m));
    expect(missing, `internal HTML pages (${html.join(', ')}) lack these fields`).toEqual([]);
  });

  it('marks every internal HTML page noindex', async () => {
    const html = (await listFiles(internalDir)).filter((f) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThan(0);
    const without: string[] = [];
    for (const file of html) {
      const text = await readFile(path.join(internalDir, file), 'utf8');
      const robots = [...text.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).find((tag) => /name=["']?robots/i.test(tag));
      if (!robots || !/noindex/i.test(robots)) without.push(file);
    }
    expect(without).toEqual([]);
  });

  it('marks no public HTML page noindex', async () => {
    const html = (await listFiles(publicDir)).filter((f) => f.endsWith('.html'));
    const noindexed: string[] = [];
    for (const file of html) if (/<meta\b[^>]*name=["']?robots[^>]*noindex/i.test(await readFile(path.join(publicDir, file), 'utf8'))) noindexed.push(file);
    expect(noindexed).toEqual([]);
  });
});
