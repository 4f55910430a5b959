import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBaselineAccept } from '../../checks/defacement/baseline-requests.ts';
import { isVariantRun } from '../../checks/defacement/variants.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { createVisualTier } from '../../checks/visual/visual-tier.ts';
import { BROWSER, NO_BROWSER } from '../visual/browser-support.ts';
import { startDemoWorld, type DemoWorld } from './demo-world.ts';
import { flatLocation } from '../../checks/store/data-location.ts';

// Every signal path through `runChecks` against the simulator's attacked portals (screenshots off:
// the visual tier has its own browser tests).
let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('canhgac-detect-');
});
afterAll(() => world.close());

async function run(only: string[], at: string) {
  const report = await runChecks(
    { location: flatLocation(world.dataDir), only, allowPrivate: true, commit: false, now: new Date(at) },
    { resolver: world.resolver, sleep: async () => {}, visual: null },
  );
  return Object.fromEntries(report.checks.map((c) => [c.status.id, c.status.defacement!]));
}
const kinds = (d: { signals: { kind: string }[] }) => [...new Set(d.signals.map((s) => s.kind))].sort();

describe('defacement detection through npm run check', () => {
  it('catches the attacked portals on first sight, and keeps the healthy one clean', async () => {
    const result = await run(
      ['bo-mau', 'so-tu-phap-vi-du', 'so-lao-dong-song-may', 'so-cong-thuong-van-linh', 'truong-cao-dang-mau'],
      '2026-11-25T01:00:00Z',
    );
    expect(result['bo-mau']!.verdict).toBe('clean');
    expect(result['so-tu-phap-vi-du']).toMatchObject({ verdict: 'defaced' });
    expect(kinds(result['so-tu-phap-vi-du']!)).toContain('defacer-signature');
    expect(result['so-lao-dong-song-may']).toMatchObject({ verdict: 'defaced' });
    expect(kinds(result['so-lao-dong-song-may']!)).toEqual(expect.arrayContaining(['gambling-spam', 'hidden-links']));
    expect(result['so-cong-thuong-van-linh']).toMatchObject({ verdict: 'defaced' });
    expect(kinds(result['so-cong-thuong-van-linh']!)).toContain('cloaking');
    expect(kinds(result['truong-cao-dang-mau']!)).toContain('subpage-spam');
    const subpage = result['truong-cao-dang-mau']!.signals.find((s) => s.kind === 'subpage-spam')!;
    expect(subpage.url).toMatch(/\/tin-tuc\/khuyen-mai-thanh-vien-moi-2026\.html$/);
  });

  it('keeps a flagged subpage in the verdict on later runs until it is cleaned up', async () => {
    const id = 'truong-cao-dang-mau';
    // Later runs in slots where the rotation does not read the sitemap: only the re-check finds the doorway.
    const slots = Array.from({ length: 40 }, (_, i) => Date.parse('2026-11-26T00:00:00Z') + i * 300_000).filter(
      (t) => !isVariantRun(`${id}:sitemap`, t / 300_000, 12),
    );
    const at = (i: number) => new Date(slots[i]!).toISOString();
    const subpageFindings = (d: { signals: { kind: string; detail: string; url?: string }[] }) =>
      d.signals.filter((s) => s.kind === 'subpage-spam');

    const first = (await run([id], '2026-11-25T23:00:00Z'))[id]!;
    expect(first.verdict).toBe('defaced');
    // The home page is clean: it became the baseline on first sight (the test above) although an internal page was spam.
    expect(first.baseline).toEqual({ capturedAt: '2026-11-25T01:00:00.000Z' });

    const again = (await run([id], at(0)))[id]!;
    expect(again.verdict).toBe('defaced');
    expect(subpageFindings(again).map((s) => s.detail)).toEqual([
      expect.stringMatching(/^Internal page .*khuyen-mai-thanh-vien-moi-2026\.html: /),
    ]);

    // The whole site goes down for a run: no verdict, but the doorway stays remembered, and is
    // fetched again (in a slot that does not read the sitemap) once the site is back.
    world.sim.setUnavailable(id, true);
    const down = (await run([id], at(1)))[id]!;
    expect(down).toMatchObject({ verdict: 'unknown', score: 0, baseline: { capturedAt: '2026-11-25T01:00:00.000Z' } });
    expect(down.signals.map((s) => [s.kind, s.detail])).toEqual([
      [
        'subpage-spam',
        expect.stringMatching(
          /^Not re-read this run \(the site did not answer\): Internal page .*khuyen-mai-thanh-vien-moi-2026\.html: /,
        ),
      ],
    ]);
    world.sim.setUnavailable(id, false);
    const back = (await run([id], at(2)))[id]!;
    expect(back.verdict).toBe('defaced');
    expect(subpageFindings(back).map((s) => s.detail)).toEqual([
      expect.stringMatching(/^Internal page .*khuyen-mai-thanh-vien-moi-2026\.html: /),
    ]);

    world.sim.setDoorway(id, 'reset');
    const unreachable = (await run([id], at(3)))[id]!;
    expect(unreachable.verdict).toBe('defaced');
    expect(subpageFindings(unreachable).map((s) => s.detail)).toEqual([
      expect.stringMatching(/^Not re-read this run \(the page did not answer\): Internal page /),
    ]);

    world.sim.setDoorway(id, 'removed');
    const cleaned = (await run([id], at(4)))[id]!;
    expect(cleaned).toMatchObject({ verdict: 'clean', signals: [] });
    world.sim.setDoorway(id, 'served');
  });

  it('takes a baseline on first clean sight, then flags the same portal once it is replaced', async () => {
    const first = await run(['tinh-vi-du'], '2026-11-25T02:00:00Z');
    expect(first['tinh-vi-du']).toMatchObject({
      verdict: 'clean',
      baseline: { capturedAt: '2026-11-25T02:00:00.000Z' },
    });
    expect(first['tinh-vi-du']!.excerpt).toBeUndefined();
    const baseline = await world.baseline('tinh-vi-du');
    expect(baseline.capturedAt).toBe('2026-11-25T02:00:00.000Z');

    world.sim.setPortalMode('tinh-vi-du', 'iframe-injected');
    const injected = await run(['tinh-vi-du'], '2026-11-25T02:05:00Z');
    expect(injected['tinh-vi-du']!.verdict).not.toBe('clean');
    expect(kinds(injected['tinh-vi-du']!)).toContain('new-external-domain');

    world.sim.setPortalMode('tinh-vi-du', 'defaced');
    const defaced = await run(['tinh-vi-du'], '2026-11-25T02:10:00Z');
    expect(defaced['tinh-vi-du']!.verdict).toBe('defaced');
    expect(kinds(defaced['tinh-vi-du']!)).toEqual(
      expect.arrayContaining(['defacer-signature', 'structure-collapse', 'title-change']),
    );
    // A suspicious observation never teaches the baseline.
    const after = await world.baseline('tinh-vi-du');
    expect(after).toEqual(baseline);
    const status = await world.status('tinh-vi-du');
    expect(status.defacement?.verdict).toBe('defaced');
    // The responders' text diff: the baseline's text against the defacer's.
    expect(status.defacement?.excerpt?.baseline).toBe(baseline.excerpt);
    expect(baseline.excerpt).toMatch(/ví dụ/);
    expect(status.defacement?.excerpt?.current).toMatch(/^hacked by shadow ghost team/m);
    world.sim.setPortalMode('tinh-vi-du', 'normal');
  });

  it("learns the site's identity from the registry's names, and calls the page replaced without attack words defaced", async () => {
    // The baseline of the test above: the registry's names the portal carries, and its own links.
    const baseline = await world.baseline('tinh-vi-du');
    expect(baseline.identity?.names).toEqual(
      expect.arrayContaining(['Cổng thông tin điện tử tỉnh Ví Dụ', 'Ủy ban nhân dân tỉnh Ví Dụ']),
    );
    expect(baseline.identity?.ownLinks).toBeGreaterThan(5);

    world.sim.setPortalMode('tinh-vi-du', 'replaced');
    const replaced = (await run(['tinh-vi-du'], '2026-11-25T02:20:00Z'))['tinh-vi-du']!;
    expect(replaced.verdict).toBe('defaced');
    expect(kinds(replaced)).toContain('identity-lost');
    expect(kinds(replaced)).not.toContain('defacer-signature');
    const lost = replaced.signals.find((s) => s.kind === 'identity-lost')!;
    expect(lost.detail).toMatch(/^The page no longer names "Cổng thông tin điện tử tỉnh Ví Dụ"/);
    expect(lost.detail).toMatch(
      new RegExp(`Links to the site's own pages went from ${baseline.identity!.ownLinks} to 0\\.$`),
    );
    world.sim.setPortalMode('tinh-vi-du', 'normal');
    expect((await run(['tinh-vi-du'], '2026-11-25T02:25:00Z'))['tinh-vi-du']!.verdict).toBe('clean');
  });

  it('npm run baseline -- accept: the next observation becomes the baseline and the request is consumed', async () => {
    await run(['trung-tam-hcc-vi-du'], '2026-11-25T03:00:00Z');
    world.sim.setPortalMode('trung-tam-hcc-vi-du', 'script-redirect');
    const marker = await requestBaselineAccept(
      world.dataDir,
      'trung-tam-hcc-vi-du',
      new Date('2026-11-25T03:01:00Z'),
      'test',
    );
    const accepted = await run(['trung-tam-hcc-vi-du'], '2026-11-25T03:05:00Z');
    expect(accepted['trung-tam-hcc-vi-du']!.baseline).toEqual({ capturedAt: '2026-11-25T03:05:00.000Z' });
    await expect(access(marker)).rejects.toThrow();
    const baseline = await world.baseline('trung-tam-hcc-vi-du');
    expect(baseline.capturedAt).toBe('2026-11-25T03:05:00.000Z');
    world.sim.setPortalMode('trung-tam-hcc-vi-du', 'normal');
  });

  it('a site that is down gets no verdict rather than a guess', async () => {
    const result = await run(['so-tnmt-thanh-pho-mau'], '2026-11-25T04:00:00Z');
    expect(result['so-tnmt-thanh-pho-mau']).toBeNull();
  });
});

describe('the screenshot tier inside a run', () => {
  it('keeps a baseline screenshot on first sight and reports a visual change with WebP evidence once defaced', async (context) => {
    if (NO_BROWSER) context.skip(NO_BROWSER);
    const { sim, dataDir, resolver } = world;
    const visual = () =>
      createVisualTier({
        browser: BROWSER,
        allowPrivate: true,
        dataDir,
        screenshot: { lookup: (host) => resolver.resolve4(host), ca: [sim.caPem] },
      });
    const runWithScreens = async (at: string) => {
      const report = await runChecks(
        {
          location: flatLocation(dataDir),
          only: ['bo-du-lieu-so'],
          allowPrivate: true,
          commit: false,
          now: new Date(at),
        },
        { resolver, sleep: async () => {}, visual: visual() },
      );
      return report.checks[0]!.status.defacement!;
    };
    const first = await runWithScreens('2026-11-25T05:00:00Z');
    expect(first.verdict).toBe('clean');
    await access(path.join(dataDir, 'baselines', 'bo-du-lieu-so.webp'));

    sim.setPortalMode('bo-du-lieu-so', 'defaced');
    const defaced = await runWithScreens('2026-11-25T05:05:00Z');
    sim.setPortalMode('bo-du-lieu-so', 'normal');
    const visualSignal = defaced.signals.find((s) => s.kind === 'visual-change');
    expect(defaced.verdict).toBe('defaced');
    expect(visualSignal?.evidence.length).toBe(3);
    for (const file of visualSignal!.evidence) await access(path.join(dataDir, file));
  }, 60_000);
});
