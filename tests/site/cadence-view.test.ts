import { describe, expect, it } from 'vitest';
import { cadenceView } from '../../site/lib/cadence-view.ts';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const ago = (...minutes: number[]) => minutes.map((m) => new Date(NOW.getTime() - m * 60_000).toISOString());

describe('cadenceView', () => {
  it('labels the hours in local time and scales the bars to the busiest hour', () => {
    const view = cadenceView(ago(130, 125, 67, 20, 15, 10), NOW, 'Asia/Ho_Chi_Minh', 20);
    expect(view.hours.slice(-3)).toEqual([
      { range: '07:00–08:00', label: '08', ticks: 2, share: 2 / 3 },
      { range: '08:00–09:00', label: '09', ticks: 1, share: 1 / 3 },
      { range: '09:00–10:00', label: '10', ticks: 3, share: 1 },
    ]);
    expect(view.hours[0]).toEqual({ range: '10:00–11:00', label: '11', ticks: 0, share: 0 });
    expect({ ...view, hours: undefined }).toEqual({
      hours: undefined,
      ticks24h: 6,
      medianGapMinutes: 5,
      longestGapMinutes: 58,
      longestLate: true,
      lastTick: ago(10)[0],
      minutesSinceLast: 10,
      overdue: false,
    });
  });

  it('says when no tick came for longer than max_gap_minutes before the build', () => {
    const view = cadenceView(ago(45, 40), NOW, 'Asia/Ho_Chi_Minh', 20);
    expect({ longestLate: view.longestLate, minutesSinceLast: view.minutesSinceLast, overdue: view.overdue }).toEqual({
      longestLate: false,
      minutesSinceLast: 40,
      overdue: true,
    });
  });

  it('with no tick recorded, has empty hours and nothing to say', () => {
    const view = cadenceView([], NOW, 'UTC', 20);
    expect(view.hours.every((h) => h.ticks === 0 && h.share === 0)).toBe(true);
    expect({ ...view, hours: view.hours.length }).toEqual({
      hours: 24,
      ticks24h: 0,
      medianGapMinutes: null,
      longestGapMinutes: null,
      longestLate: false,
      lastTick: null,
      minutesSinceLast: null,
      overdue: false,
    });
  });
});
