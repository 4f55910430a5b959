import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuildAndFixture } from '../support/build-site.ts';
import { toJson } from '../../checks/store/atomic-write.ts';
import { MonitorIncidentFileSchema } from '../../checks/schemas/monitor-incident.ts';
import { StatusFileSchema } from '../../checks/schemas/status.ts';
import { TicksFileSchema } from '../../checks/schemas/ticks.ts';
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
/** The site given a lost baseline (issue 10), and the other sites with a defacement verdict. */
let lostId: string;
let keptIds: string[];
/** A name `defacement.baselineLost.file` may take that also carries a marker: internal only. */
const LOST_FILE = (id: string) => `baselines/${id}.json.corrupt-LEAKMARK-BASELINELOST`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-leak-'));
  fixture = await writeSiteFixture(path.join(tmp, 'data'), { sites: 50, markers: true, images: 4 });
  await writeMonitor(fixture.dir, Date.parse(fixture.buildNow));
  const [first, ...others] = await loseBaseline(fixture.dir, Date.parse(fixture.buildNow));
  if (first === undefined) throw new Error('the fixture has no site with a defacement verdict');
  [lostId, keptIds] = [first, others];
  out = await makeBuildOut('leak');
  const options = { data: fixture.dir, out, now: fixture.buildNow };
  publicDir = (await buildSite({ ...options, variant: 'public' })).dir;
  internalDir = (await buildSite({ ...options, variant: 'internal' })).dir;
}, 240_000);

afterAll(async () => {
  await removeBuildAndFixture(out, tmp);
});

/**
 * The monitor's files (issue 9): ticks 64, 59, 12 and 7 minutes before the build (one 47-minute
 * gap), and the open incident that gap opened, its issue URL carrying a marker: internal only.
 */
async function writeMonitor(dir: string, buildNow: number): Promise<void> {
  const ago = (minutes: number) => new Date(buildNow - minutes * 60_000).toISOString();
  await mkdir(path.join(dir, 'monitor'), { recursive: true });
  await writeFile(
    path.join(dir, 'monitor', 'ticks.json'),
    toJson(TicksFileSchema.parse({ ticks: [64, 59, 12, 7].map(ago) })),
  );
  const open = {
    id: 'monitor--late-ticks--x',
    cause: 'late-ticks',
    startedAt: ago(12),
    gapFrom: ago(59),
    gapMs: 47 * 60_000,
    longestGapMs: 47 * 60_000,
    closedByResponder: null,
  };
  const issue = {
    backend: 'github',
    repository: 'so-tttt/canh-gac',
    number: 12,
    url: 'https://github.com/so-tttt/canh-gac/issues/12#leakmark-monitor',
  };
  await writeFile(
    path.join(dir, 'monitor', 'incident.json'),
    toJson(MonitorIncidentFileSchema.parse({ goodTicks: 1, open: { ...open, issue } })),
  );
}

/**
 * Gives the first site with a defacement verdict a lost baseline (70 minutes before the build),
 * as a run that found its baseline damaged writes it; returns that id, then the others with a verdict.
 */
async function loseBaseline(dir: string, buildNow: number): Promise<string[]> {
  const ids: string[] = [];
  for (const name of (await readdir(path.join(dir, 'status'))).sort()) {
    const file = path.join(dir, 'status', name);
    const status = StatusFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    if (!status.defacement) continue;
    if (ids.length === 0) {
      const baselineLost = { at: new Date(buildNow - 70 * 60_000).toISOString(), file: LOST_FILE(status.id) };
      await writeFile(
        file,
        toJson(StatusFileSchema.parse({ ...status, defacement: { ...status.defacement, baselineLost } })),
      );
    }
    ids.push(status.id);
  }
  return ids;
}

const secretsOf = (f: SiteFixture) => f.secrets.flatMap((s) => [s, s.replace(/[\s().-]+/g, '')]);

describe('no internal data in the public build (markers fixture, 50 sites)', { timeout: 120_000 }, () => {
  it('has no marker in any public file: bytes, file names, image metadata, compressed chunks, base64', async () => {
    const scan = await scanOutput(publicDir, {
      pattern: /leakmark/i,
      literals: secretsOf(fixture),
      base64Word: 'LEAKMARK',
    });
    expect(scan.files).toBeGreaterThanOrEqual(2); // at least the home page in both languages
    // One line per hit, so a failure names the file and the field's marker.
    expect(scan.hits.map((h) => `${h.file} (${h.where}): …${h.excerpt.replace(/\s+/g, ' ')}…`)).toEqual([]);
  });

  it('copies each site’s status file into the internal build only (for its site page’s per-run section)', async () => {
    const names = (await readdir(path.join(fixture.dir, 'status'))).filter((n) => n.endsWith('.json')).sort();
    expect(names.length).toBe(fixture.siteIds.length);
    const raw = await Promise.all(names.map((n) => readFile(path.join(fixture.dir, 'status', n), 'utf8')));
    const publicFiles = await listFiles(publicDir);
    expect(publicFiles.filter((f) => /(^|\/)status\//.test(f))).toEqual([]);
    // Nor under another name: no public file is a status file.
    const copies: string[] = [];
    for (const file of publicFiles.filter((f) => f.endsWith('.json')))
      if (raw.includes(await readFile(path.join(publicDir, file), 'utf8'))) copies.push(file);
    expect(copies).toEqual([]);
    // The internal build has every site's, as the checks wrote it.
    expect((await listFiles(internalDir)).filter((f) => f.startsWith('status/')).sort()).toEqual(
      names.map((n) => `status/${n}`),
    );
    for (const [i, name] of names.entries())
      expect(await readFile(path.join(internalDir, 'status', name), 'utf8'), name).toBe(raw[i]);
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
    const missing = [
      'LEAKMARK-CONTACT-',
      'leakmark-contact-',
      'leakmark-responder-',
      'LEAKMARK-ERROR-',
      'LEAKMARK-SIGNAL-',
      'LEAKMARK-EVIDENCE-',
      'LEAKMARK-TLSISSUER-',
    ].filter((m) => !all.includes(m));
    expect(missing, `internal HTML pages (${html.join(', ')}) lack these fields`).toEqual([]);
  });

  it('shows the real cadence and the open monitor incident on the internal dashboard (and nowhere public)', async () => {
    const html = await readFile(path.join(internalDir, 'noi-bo', 'index.html'), 'utf8');
    const text = (id: string) =>
      new RegExp(`id="${id}"[^>]*>(.*?)</(?:dd|p)>`, 's')
        .exec(html)?.[1]
        ?.replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    expect(text('ticks-24h')).toBe('4');
    expect(text('longest-gap')).toBe('47 phút / min');
    expect(text('last-tick')).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d \(7 phút \/ min\)$/);
    expect(text('monitor-incident')).toMatch(
      /^Sự cố giám sát đang mở \/ Open monitor incident: không có lượt nào trong 47 phút \/ no tick for 47 min \(từ \/ since .+; dài nhất \/ longest 47 phút \/ min\) · #12$/,
    );
    expect(html).toContain('href="https://github.com/so-tttt/canh-gac/issues/12#leakmark-monitor"');
    // Ticks per hour, newest last: 3 in the last hour, 1 in the one before.
    const bars = [...html.matchAll(/<span class="visually-hidden"[^>]*>([^<]*)<\/span>/g)].map((m) =>
      m[1]!.replace(/^.*: /, ''),
    );
    expect(bars).toHaveLength(24);
    expect(bars.slice(-3)).toEqual(['0 lượt / ticks', '1 lượt / ticks', '3 lượt / ticks']);
    for (const file of (await listFiles(publicDir)).filter((f) => f.endsWith('.html')))
      expect(await readFile(path.join(publicDir, file), 'utf8'), file).not.toContain('Nhịp chạy thực tế');
  });

  it('shows a lost baseline on the site’s internal page, in both languages, and on the dashboard (and nowhere public)', async () => {
    const text = (html: string, pattern: RegExp) =>
      pattern
        .exec(html)?.[1]
        ?.replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const box = /<section class="lost"[^>]*id="baseline-lost"[^>]*>(.*?)<\/section>/s;
    const vi = await readFile(path.join(internalDir, 'site', lostId, 'index.html'), 'utf8');
    expect(text(vi, box)).toMatch(
      new RegExp(
        `^Mất mốc chuẩn Tệp mốc chuẩn bị hỏng .* chấp nhận lại mốc chuẩn\\. Mất lúc \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d Tệp hỏng được giữ tại ${LOST_FILE(lostId)} Lệnh chấp nhận npm run baseline -- accept ${lostId}$`,
      ),
    );
    const en = await readFile(path.join(internalDir, 'en', 'site', lostId, 'index.html'), 'utf8');
    expect(text(en, box)).toMatch(
      new RegExp(
        `^Baseline lost The baseline file was damaged .* accept a baseline on purpose\\. Lost at \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d Damaged file kept as ${LOST_FILE(lostId)} Accept with npm run baseline -- accept ${lostId}$`,
      ),
    );
    // Only the site that lost its baseline says so.
    for (const id of keptIds)
      expect(await readFile(path.join(internalDir, 'site', id, 'index.html'), 'utf8'), id).not.toContain(
        'baseline-lost',
      );

    const dashboard = await readFile(path.join(internalDir, 'noi-bo', 'index.html'), 'utf8');
    expect(text(dashboard, /<h2 id="baselines-lost"[^>]*>(.*?)<\/h2>/s)).toBe('Mất mốc chuẩn / Baseline lost (1)');
    const rows = [...dashboard.matchAll(/<tr class="row-bad"[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1]!);
    const row = rows.find((r) => r.includes(LOST_FILE(lostId)));
    expect(row).toContain(`href="/site/${lostId}/"`);
    expect(text(row!, /^(.*)$/s)).toMatch(new RegExp(`^.+ \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d ${LOST_FILE(lostId)}$`));
    for (const file of (await listFiles(publicDir)).filter((f) => f.endsWith('.html')))
      expect(await readFile(path.join(publicDir, file), 'utf8'), file).not.toContain('Mất mốc chuẩn');
  });

  it('marks every internal HTML page noindex', async () => {
    const html = (await listFiles(internalDir)).filter((f) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThan(0);
    const without: string[] = [];
    for (const file of html) {
      const text = await readFile(path.join(internalDir, file), 'utf8');
      const robots = [...text.matchAll(/<meta\b[^>]*>/gi)]
        .map((m) => m[0])
        .find((tag) => /name=["']?robots/i.test(tag));
      if (!robots || !/noindex/i.test(robots)) without.push(file);
    }
    expect(without).toEqual([]);
  });

  it('marks no public HTML page noindex', async () => {
    const html = (await listFiles(publicDir)).filter((f) => f.endsWith('.html'));
    const noindexed: string[] = [];
    for (const file of html)
      if (/<meta\b[^>]*name=["']?robots[^>]*noindex/i.test(await readFile(path.join(publicDir, file), 'utf8')))
        noindexed.push(file);
    expect(noindexed).toEqual([]);
  });
});
