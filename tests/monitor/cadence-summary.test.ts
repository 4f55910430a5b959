import { describe, expect, it } from 'vitest';
import { cadenceSummary } from '../../checks/monitor/cadence-summary.ts';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const MIN = 60_000;
/** Instants `minutes` before NOW, oldest first. */
const ago = (...minutes: number[]) => minutes.map((m) => new Date(NOW.getTime() - m * MIN).toISOString());
/** The hour counts, newest (the last hour) first, for short expectations. */
const newestFirst = (hours: readonly { ticks: number }[]) => hours.map((h) => h.ticks).reverse();

describe('cadenceSummary', () => {
  const cases: {
    name: string;
    ticks: string[];
    lastHours: number[];
    ticks24h: number;
    medianGapMs: number | null;
    longestGapMs: number | null;
    latestGapMs: number | null;
    lastTick: string | null;
  }[] = [
    {
      name: 'no tick yet',
      ticks: [],
      lastHours: [0, 0, 0],
      ticks24h: 0,
      medianGapMs: null,
      longestGapMs: null,
      latestGapMs: null,
      lastTick: null,
    },
    {
      name: 'one tick',
      ticks: ago(3),
      lastHours: [1, 0, 0],
      ticks24h: 1,
      medianGapMs: null,
      longestGapMs: null,
      latestGapMs: null,
      lastTick: ago(3)[0]!,
    },
    {
      name: 'every 5 minutes for the last hour (the tick exactly 60 min ago belongs to the hour before)',
      ticks: ago(60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5, 0),
      lastHours: [12, 1, 0],
      ticks24h: 13,
      medianGapMs: 5 * MIN,
      longestGapMs: 5 * MIN,
      latestGapMs: 5 * MIN,
      lastTick: NOW.toISOString(),
    },
    {
      name: 'a 47-minute gap, then every 5 minutes: median of an even count is the mean of the middle two',
      ticks: ago(67, 20, 15, 10),
      lastHours: [3, 1, 0],
      ticks24h: 4,
      medianGapMs: 5 * MIN,
      longestGapMs: 47 * MIN,
      latestGapMs: 5 * MIN,
      lastTick: ago(10)[0]!,
    },
    {
      name: 'gaps of 10, 30 and 50 min: median 30',
      ticks: ago(90, 80, 50, 0),
      lastHours: [2, 2, 0],
      ticks24h: 4,
      medianGapMs: 30 * MIN,
      longestGapMs: 50 * MIN,
      latestGapMs: 50 * MIN,
      lastTick: NOW.toISOString(),
    },
    {
      name: 'the gap from a tick before the window to the first tick in it counts; older ticks do not',
      ticks: ago(30 * 60, 25 * 60, 23 * 60 + 30),
      lastHours: [0, 0, 0],
      ticks24h: 1,
      medianGapMs: 90 * MIN,
      longestGapMs: 90 * MIN,
      latestGapMs: 90 * MIN,
      lastTick: ago(23 * 60 + 30)[0]!,
    },
    {
      name: 'a tick after now (the build clock behind the writer) is left out',
      ticks: [...ago(10, 5), new Date(NOW.getTime() + MIN).toISOString()],
      lastHours: [2, 0, 0],
      ticks24h: 2,
      medianGapMs: 5 * MIN,
      longestGapMs: 5 * MIN,
      latestGapMs: 5 * MIN,
      lastTick: ago(5)[0]!,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const summary = cadenceSummary(c.ticks, NOW);
      expect(newestFirst(summary.hours).slice(0, 3)).toEqual(c.lastHours);
      expect({
        ticks24h: summary.ticks24h,
        medianGapMs: summary.medianGapMs,
        longestGapMs: summary.longestGapMs,
        latestGapMs: summary.latestGapMs,
        lastTick: summary.lastTick,
      }).toEqual({
        ticks24h: c.ticks24h,
        medianGapMs: c.medianGapMs,
        longestGapMs: c.longestGapMs,
        latestGapMs: c.latestGapMs,
        lastTick: c.lastTick,
      });
    });
  }

  it('has 24 hours, oldest first, each starting an hour after the one before and the last ending at now', () => {
    const { hours } = cadenceSummary([], NOW);
    expect(hours).toHaveLength(24);
    expect(hours[0]!.start).toBe('2026-11-25T03:00:00.000Z');
    expect(hours[23]!.start).toBe('2026-11-26T02:00:00.000Z');
  });

  it('puts a tick 23 h 30 min ago in the oldest hour and counts ticks per hour exactly', () => {
    const ticks = [...ago(23 * 60 + 30), ...ago(150, 140, 130, 125), ...ago(59, 1)];
    const { hours, ticks24h } = cadenceSummary(ticks, NOW);
    expect(hours.map((h) => h.ticks)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 2]);
    expect(ticks24h).toBe(7);
  });
});
