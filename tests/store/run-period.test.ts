import { describe, expect, it } from 'vitest';
import { runPeriod } from '../../checks/store/run-period.ts';

describe('runPeriod', () => {
  it.each([
    ['2026-11-24T16:59:00Z', 'day', '2026-11-24'],
    ['2026-11-24T17:00:00Z', 'day', '2026-11-25'],
    ['2026-11-24T10:00:00Z', 'week', '2026-W48'],
    ['2026-12-31T10:00:00Z', 'week', '2026-W53'],
    ['2027-01-04T10:00:00Z', 'week', '2027-W01'],
    ['2026-11-24T10:00:00Z', 'none', '2026-11-24T10:00:00.000Z'],
  ] as const)('%s by %s is %s', (instant, policy, expected) => {
    expect(runPeriod(new Date(instant), 'Asia/Ho_Chi_Minh', policy)).toBe(expected);
  });
});
