import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalSchema } from '../../checks/schemas/defacement.ts';
import { launchBrowser } from '../../checks/visual/launch-browser.ts';
import { createVisualTier, type VisualTier } from '../../checks/visual/visual-tier.ts';
import { BROWSER, NO_BROWSER } from './browser-support.ts';
import { startPortalServer, type PortalServer } from './fixtures/portal-server.ts';

const NOW = new Date('2026-05-12T03:00:00Z');
const dirs: string[] = [];
let portal: PortalServer;

beforeAll(async () => {
  portal = await startPortalServer();
});

afterAll(async () => {
  await portal.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-visual-'));
  dirs.push(dir);
  return dir;
}

describe('createVisualTier without a browser', () => {
  it("is off with the finder's notice, and every capture is a no-op", async () => {
    const missing = 'visual checks are off: no Chromium or Chrome found (test)';
    const tier = createVisualTier({ browser: { missing }, allowPrivate: true, dataDir: await dataDir() });
    expect([tier.enabled, tier.notice]).toEqual([false, missing]);
    const hitsBefore = portal.hits.length;
    const result = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, null, NOW);
    expect(result).toEqual({
      screenshotPng: null,
      evidencePaths: [],
      comparison: null,
      failure: null,
      skipped: missing,
      ms: 0,
    });
    expect(portal.hits.length).toBe(hitsBefore);
    await tier.close();
  });

  it('turns itself off with a notice when the browser does not start', async () => {
    const tier = createVisualTier({
      browser: { path: '/nonexistent/chromium' },
      allowPrivate: true,
      dataDir: await dataDir(),
    });
    expect(tier.enabled).toBe(true); // nothing is started until the first capture
    const result = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, null, NOW);
    expect(tier.enabled).toBe(false);
    expect(tier.notice).toMatch(/^visual checks are off: Chromium at \/nonexistent\/chromium did not start: /);
    expect(result).toMatchObject({ screenshotPng: null, failure: null, skipped: tier.notice });
    await tier.close();
  });
});

describe('createVisualTier with Chromium', { timeout: 90_000 }, () => {
  let tier: VisualTier | undefined;
  let launches = 0;
  const started: Browser[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = await dataDir();
    if ('path' in BROWSER) {
      tier = createVisualTier({
        browser: BROWSER,
        allowPrivate: true,
        dataDir: dir,
        launch: async (executablePath) => {
          launches += 1;
          const browser = await launchBrowser(executablePath);
          started.push(browser);
          return browser;
        },
      });
    }
  });

  afterAll(async () => {
    await tier?.close();
  });

  it('makes a baseline, finds the defacement against it with small WebP evidence, and finds nothing on the restored page', async (context) => {
    if (!tier) return context.skip(NO_BROWSER ?? 'no tier');
    portal.mode = 'portal';
    const first = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, null, NOW);
    expect(first).toMatchObject({ evidencePaths: [], comparison: null, failure: null, skipped: null });
    const baseline = first.screenshotPng!;
    expect(baseline).toBeInstanceOf(Buffer);

    portal.mode = 'defaced';
    const defaced = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, baseline, NOW);
    expect(defaced.comparison?.changed).toBe(true);
    expect(defaced.signal).toMatchObject({ kind: 'visual-change' });
    expect(defaced.signal!.weight).toBeGreaterThanOrEqual(25);
    expect(SignalSchema.parse(defaced.signal)).toEqual(defaced.signal);
    expect(defaced.evidencePaths).toEqual([
      'evidence/ubnd-hoa-binh/baseline-2026-05-12T03-00-00Z.webp',
      'evidence/ubnd-hoa-binh/screenshot-2026-05-12T03-00-00Z.webp',
      'evidence/ubnd-hoa-binh/diff-2026-05-12T03-00-00Z.webp',
    ]);
    expect(defaced.signal!.evidence).toEqual(defaced.evidencePaths);
    for (const relative of defaced.evidencePaths)
      expect((await stat(path.join(dir, relative))).size).toBeLessThanOrEqual(40 * 1024);

    portal.mode = 'portal';
    const restored = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, baseline, NOW);
    expect(restored).toMatchObject({ evidencePaths: [], failure: null, comparison: { changed: false, diffRatio: 0 } });
    expect(restored.signal).toBeUndefined();
    expect(await readdir(path.join(dir, 'evidence', 'ubnd-hoa-binh'))).toHaveLength(3);
  });

  it('shares one browser across sites captured at once', async (context) => {
    if (!tier) return context.skip(NO_BROWSER ?? 'no tier');
    portal.mode = 'portal';
    const sites = ['so-y-te', 'so-tai-chinh', 'so-giao-duc', 'so-noi-vu'];
    const results = await Promise.all(sites.map((id) => tier!.capture(id, `${portal.origin}/`, null, NOW)));
    expect(results.map((r) => r.screenshotPng !== null)).toEqual([true, true, true, true]);
    expect(launches).toBe(1);
  });

  it('reports a page failure as data and keeps working', async (context) => {
    if (!tier) return context.skip(NO_BROWSER ?? 'no tier');
    const failed = await tier.capture('ubnd-hoa-binh', 'http://127.0.0.1:9/', null, NOW);
    expect(failed).toMatchObject({
      screenshotPng: null,
      failure: { reason: 'network', code: 'ECONNREFUSED' },
      skipped: null,
    });
    const corrupt = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, Buffer.from('not a png'), NOW);
    expect(corrupt.failure).toMatchObject({ reason: 'bad-baseline', code: 'BAD_BASELINE' });
    expect(corrupt.screenshotPng).toBeInstanceOf(Buffer);
    expect(tier.enabled).toBe(true);
  });

  it('starts the browser again after it went away', async (context) => {
    if (!tier) return context.skip(NO_BROWSER ?? 'no tier');
    await started.at(-1)!.close(); // as a crash would: the browser disconnects under the tier
    const before = launches;
    const result = await tier.capture('ubnd-hoa-binh', `${portal.origin}/`, null, NOW);
    expect(result.screenshotPng).toBeInstanceOf(Buffer);
    expect(launches).toBe(before + 1);
    expect(tier.enabled).toBe(true);
  });
});
