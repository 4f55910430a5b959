import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuild } from '../../checks/demo/build-site.ts';
import { playStory, runTimes, type StoryAccount } from '../../checks/demo/play-story.ts';
import { CERTIFICATE_DAYS_LEFT_AT_END, CHAPTERS, MAINTENANCE_PORTAL, STORY_PORTALS } from '../../checks/demo/story.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';

/**
 * `npm start`'s story, shortened to the fewest runs each chapter needs under the demo's thresholds
 * (down 2, degraded 3, defaced 1, suspected 2, recovery 2), played for real against the simulator,
 * then both sites built from what it wrote.
 */
const SHORT_RUNS = [1, 2, 2, 3, 2, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2];
const SHORT = CHAPTERS.map((chapter, i) => ({ ...chapter, runs: SHORT_RUNS[i]! }));
const END = new Date('2026-12-01T10:00:00Z');

let sim: Simulator;
let dataDir: string;
let out: string;
let account: StoryAccount;
const lines: string[] = [];

beforeAll(async () => {
  expect(SHORT_RUNS).toHaveLength(CHAPTERS.length);
  // Certificates are issued from the real clock: the story ends now, so that "days left" is the story's.
  sim = await startSimulator({ tlsValidDays: CERTIFICATE_DAYS_LEFT_AT_END, slowMs: 300 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-story-'));
  account = await playStory({ sim, dataDir, chapters: SHORT, end: new Date(), onRun: (line) => lines.push(line) });
}, 240_000);

afterAll(async () => {
  await sim?.close();
  if (out) await removeBuild(out);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start: the story', () => {
  it('runs every chapter, one run every three simulated hours', () => {
    expect(account.runs).toBe(28);
    expect(lines).toHaveLength(28);
    const times = runTimes(SHORT, END);
    expect(times[0]!.toISOString()).toBe('2026-11-28T01:00:00.000Z');
    expect(times.at(-1)!.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('opens and closes the right incidents, catches the defacement and both kinds of spam, and the false alarm is suppressed', () => {
    const outcome = account.issues.map((issue) => [
      issue.labels.find((l) => l.startsWith('site:')),
      issue.labels.find((l) => l.startsWith('kind:')),
      issue.state,
      issue.stateReason,
    ]);
    // The certificate warning opens when the days left cross 14, wherever that falls among the others.
    const [tls] = outcome.splice(
      outcome.findIndex((o) => o[1] === 'kind:tls'),
      1,
    );
    expect(tls).toEqual(['site:bo-du-lieu-so', 'kind:tls', 'open', null]);
    expect(outcome).toEqual([
      ['site:tinh-song-may', 'kind:down', 'closed', 'completed'],
      ['site:bo-thu-nghiem', 'kind:degraded', 'closed', 'completed'],
      ['site:so-tu-phap-vi-du', 'kind:defaced', 'closed', 'completed'],
      ['site:truong-cao-dang-mau', 'kind:defaced', 'closed', 'completed'],
      ['site:so-cong-thuong-van-linh', 'kind:defaced', 'closed', 'completed'],
      ['site:benh-vien-vi-du', 'kind:suspected', 'closed', 'not_planned'],
    ]);
    expect(account.issues.at(-1)!.labels).toEqual(expect.arrayContaining(['false-positive', 'accept-baseline']));
    // Down for a whole chapter, inside its declared window: no incident.
    expect(account.issues.some((i) => i.labels.includes(`site:${MAINTENANCE_PORTAL}`))).toBe(false);
    expect(lines.join('\n')).toMatch(/1 false positive \(#7 benh-vien-vi-du\)/);
  });
});

describe('npm start: the sites', () => {
  let publicDir: string;
  let internalDir: string;
  beforeAll(async () => {
    out = await makeBuildOut('story');
    const now = new Date().toISOString();
    const [publicSite, internalSite] = await Promise.all(
      (['public', 'internal'] as const).map((variant) => buildSite({ data: dataDir, out, variant, now })),
    );
    publicDir = publicSite!.dir;
    internalDir = internalSite!.dir;
  }, 240_000);

  it('the public site has the home page, a page per portal, its groups and the incidents', async () => {
    const home = await readFile(path.join(publicDir, 'index.html'), 'utf8');
    expect(home).toContain('Canh Gác — bản demo');
    for (const portal of STORY_PORTALS)
      expect(await readFile(path.join(publicDir, 'site', portal.id, 'index.html'), 'utf8')).toContain(portal.name);
    const province = await readFile(path.join(publicDir, 'nhom', 'province', 'index.html'), 'utf8');
    expect(province).toContain('Sở Tư pháp tỉnh Ví Dụ');
    // Outages and defacements are public; the certificate warning and the false alarm are not.
    const incidents = (await readdir(path.join(publicDir, 'su-co'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name.replace(/--\d{8}T\d{4}$/, ''))
      .sort();
    expect(incidents).toEqual([
      'bo-thu-nghiem--availability',
      'so-cong-thuong-van-linh--defacement',
      'so-tu-phap-vi-du--defacement',
      'tinh-song-may--availability',
      'truong-cao-dang-mau--defacement',
    ]);
  });

  it('the internal site lists the incidents', async () => {
    const incidents = await readFile(path.join(internalDir, 'su-co', 'index.html'), 'utf8');
    for (const portal of [
      'tinh-song-may',
      'bo-thu-nghiem',
      'so-tu-phap-vi-du',
      'truong-cao-dang-mau',
      'so-cong-thuong-van-linh',
    ])
      expect(incidents).toContain(STORY_PORTALS.find((p) => p.id === portal)!.name);
  });
});
