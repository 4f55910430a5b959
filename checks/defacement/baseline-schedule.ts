import type { Baseline } from '../analysis/baseline.ts';

/**
 * Whether a clean observation now would be folded into the baseline. Clean observations are folded
 * in on a doubling schedule — after 1 h, 2 h, 4 h, … up to `maxHours` — so the baseline learns a
 * portal's rhythm in its first days and then changes in git about monthly: each write costs about
 * 1.3 KB a site after compression, 475 MB a year for 1,000 sites if written daily.
 */
export function baselineUpdateDue(current: Baseline, now: Date, maxHours: number): boolean {
  const hours = Math.min(maxHours, 2 ** Math.min(20, Math.max(0, current.totalObservations - 1)));
  return now.getTime() - Date.parse(current.updatedAt) >= hours * 3_600_000;
}
