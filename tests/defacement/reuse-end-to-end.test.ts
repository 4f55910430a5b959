import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineExtractor, type ModelExtractor } from '../../checks/defacement/model-extractor.ts';
import { isVariantRun } from '../../checks/defacement/variants.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { startDemoWorld, type DemoWorld } from './demo-world.ts';
import { flatLocation } from '../../checks/store/data-location.ts';

// Reusing the home page's judgement through `runChecks` against the simulator: an unchanged page is
// not modelled again, a changed one is (and is caught), a due baseline update still happens.
let world: DemoWorld;
/** Every URL the run asked the extractor to model. */
const modelled: string[] = [];
const inline = inlineExtractor();
const counting: ModelExtractor = {
  extract(bytes, charset, url, ignoreSelectors, wantLinks) {
    modelled.push(url);
    return inline.extract(bytes, charset, url, ignoreSelectors, wantLinks);
  },
  close: async () => {},
};

beforeAll(async () => {
  world = await startDemoWorld('canhgac-reuse-');
});
afterAll(() => world.close());

/** One run of one site: its defacement result, and how often its home page (or a variant of it) was modelled. */
async function run(id: string, at: Date) {
  modelled.length = 0;
  const report = await runChecks(
    { location: flatLocation(world.dataDir), only: [id], allowPrivate: true, commit: false, now: at },
    { resolver: world.resolver, sleep: async () => {}, visual: null, extractor: counting },
  );
  const status = report.checks[0]!.status;
  const home = status.http!.finalUrl;
  return {
    defacement: status.defacement!,
    homeModelled: modelled.filter((u) => u === home).length,
    othersModelled: modelled.filter((u) => u !== home).length,
  };
}

/** Run times from `start`, 5 minutes apart, in slots where the site's cloaking variants are not fetched (6 is the default period). */
function quietSlots(id: string, start: string, count: number): Date[] {
  const slots: Date[] = [];
  for (let t = Date.parse(start); slots.length < count; t += 300_000)
    if (!isVariantRun(id, t / 300_000, 6)) slots.push(new Date(t));
  return slots;
}

describe('reusing the home page judgement when the page did not change', () => {
  it('models an unchanged page once per baseline version, a changed page every time, and still learns when an update is due', async () => {
    const id = 'tinh-vi-du';
    const first = await run(id, new Date('2026-12-01T00:00:00Z'));
    expect(first.defacement).toMatchObject({
      verdict: 'clean',
      baseline: { capturedAt: '2026-12-01T00:00:00.000Z' },
      analysed: { baselineUpdatedAt: null },
    });
    expect(first.homeModelled).toBe(3); // the page and its two cloaking variants, on first sight

    const [judged, reused, defacedAt, restoredAt, reusedAgain] = quietSlots(id, '2026-12-01T00:05:00Z', 5);
    // Judged against the new baseline for the first time: modelled.
    const second = await run(id, judged!);
    expect(second.homeModelled).toBe(1);
    expect(second.defacement.analysed).toEqual({
      ...first.defacement.analysed,
      baselineUpdatedAt: '2026-12-01T00:00:00.000Z',
    });

    // Same bytes, same baseline: the verdict is taken over without modelling; internal pages are still read.
    const third = await run(id, reused!);
    expect(third.homeModelled).toBe(0);
    expect(third.defacement).toEqual(second.defacement);
    const status = await world.status(id);
    expect(status.defacement?.analysed).toEqual(second.defacement.analysed);

    // A changed page is modelled, and caught.
    world.sim.setPortalMode(id, 'defaced');
    const defaced = await run(id, defacedAt!);
    world.sim.setPortalMode(id, 'normal');
    expect(defaced.homeModelled).toBe(1);
    expect(defaced.defacement.verdict).toBe('defaced');
    expect(defaced.defacement.analysed?.pageSha256).not.toBe(second.defacement.analysed?.pageSha256);

    // Restored: the bytes differ from the last judged ones, so modelled again, then reused.
    const restored = await run(id, restoredAt!);
    expect([restored.homeModelled, restored.defacement.verdict]).toEqual([1, 'clean']);
    const again = await run(id, reusedAgain!);
    expect([again.homeModelled, again.defacement.verdict]).toEqual([0, 'clean']);

    // An hour after the first sight a clean observation is due to teach the baseline: modelled and written.
    const [due, afterDue, steady] = quietSlots(id, '2026-12-01T01:00:00Z', 3);
    const learning = await run(id, due!);
    expect(learning.homeModelled).toBe(1);
    const learned = await world.baseline(id);
    expect([learned.updatedAt, learned.totalObservations]).toEqual([due!.toISOString(), 2]);
    // The next run meets a new baseline version (models once more), the one after reuses.
    expect((await run(id, afterDue!)).homeModelled).toBe(1);
    expect((await run(id, steady!)).homeModelled).toBe(0);
    expect(await world.baseline(id)).toEqual(learned);

    // Reusing runs still sample internal pages from the home page's links (most of this portal's are
    // 404s, which are not modelled; its menu pages are): over the next 40 minutes some were read.
    const later = [];
    for (const at of quietSlots(id, new Date(steady!.getTime() + 300_000).toISOString(), 8))
      later.push(await run(id, at));
    expect(later.map((r) => r.homeModelled)).toEqual(later.map(() => 0));
    expect(later.reduce((sum, r) => sum + r.othersModelled, 0)).toBeGreaterThan(0);
  });

  it('judges internal pages afresh on runs that reuse the home page', async () => {
    const id = 'truong-cao-dang-mau';
    await run(id, new Date('2026-12-02T00:00:00Z'));
    const [judged, reused] = quietSlots(id, '2026-12-02T00:05:00Z', 2);
    const second = await run(id, judged!);
    expect(second.homeModelled).toBe(1);
    const third = await run(id, reused!);
    expect(third.homeModelled).toBe(0);
    // The flagged doorway page was read again (it is re-checked every run) and is still in the verdict.
    expect(third.defacement.verdict).toBe('defaced');
    expect(third.defacement.signals.find((s) => s.kind === 'subpage-spam')?.url).toMatch(
      /\/tin-tuc\/khuyen-mai-thanh-vien-moi-2026\.html$/,
    );
    expect(third.defacement.signals.find((s) => s.kind === 'subpage-spam')?.detail).toMatch(/^Internal page /);
  });
});
