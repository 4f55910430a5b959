import type { HistoryFile } from '../schemas/history.ts';
import { closeDay } from './record-history.ts';

export interface DaySummary {
  date: string;
  checks: number;
  /** Share of checks that answered (up or degraded), 0–1; null when the day had no checks. */
  uptime: number | null;
  p50: number | null;
  p95: number | null;
}

/**
 * The last `count` days of a site, today (partial) included, oldest first. Pure; what the status site
 * and the reports read. Uptime counts degraded as answering: the portal served its page.
 */
export function dailySummaries(history: HistoryFile, count: number): DaySummary[] {
  const days = history.today ? [...history.days, closeDay(history.today)] : history.days;
  return days.slice(-count).map(([date, checks, up, degraded, , p50, p95]) => ({
    date,
    checks,
    uptime: checks === 0 ? null : (up + degraded) / checks,
    p50,
    p95,
  }));
}
