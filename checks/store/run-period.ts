import { localDate } from '../time/local-time.ts';

export type SquashPolicy = 'day' | 'week' | 'none';

/**
 * The period a run belongs to for squashing: its local date, or its ISO week ("2026-W48").
 * Runs of one period amend one commit; `none` gives every run its own period.
 */
export function runPeriod(instant: Date, timeZone: string, policy: SquashPolicy): string {
  const date = localDate(instant, timeZone);
  if (policy === 'day') return date;
  if (policy === 'none') return instant.toISOString();
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() || 7; // ISO: Monday 1 … Sunday 7
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday); // the Thursday of this week names its year
  const isoYear = utc.getUTCFullYear();
  const week = Math.ceil(((utc.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}
