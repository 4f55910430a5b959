import { z } from 'zod';
import type { HistoryFile } from '../../checks/schemas/history.ts';
import { dailySummaries, type DaySummary } from '../../checks/store/summarise-history.ts';
import { shiftDate } from './day-bars.ts';

/**
 * A site's history as the status site keeps it in its content store: the last days' summaries as one
 * string, and the two instants the Statuspage API needs. A history file is 91 day tuples and an open
 * day; 10,000 of them were 42 MB and a million small arrays in the store, bundled into the build and
 * held in memory twice. One string per site is a tenth of the objects and under half the bytes.
 * Pure: the content loader encodes (`siteHistory`), the model decodes (`historyDays`).
 */
export const SiteHistorySchema = z.strictObject({
  id: z.string(),
  /** When the current state began. */
  since: z.iso.datetime().nullable(),
  /** The first state change: when the site was first checked. */
  firstSeen: z.iso.datetime().nullable(),
  /** The date of the first day in `days`; null with no days. */
  start: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /**
   * One token a day from `start`, oldest first: `checks,answered,p50,p95` (`checks,answered` when
   * nothing answered and the percentiles are unknown), `-` for a date the history skips.
   */
  days: z.string().regex(/^([-\d.,]+( [-\d.,]+)*)?$/),
});

export type SiteHistory = z.output<typeof SiteHistorySchema>;

/** The last `keep` days of `history` (today, partial, included), for the content store. */
export function siteHistory(history: HistoryFile, keep: number): SiteHistory {
  const summaries = dailySummaries(history, keep);
  const tokens: string[] = [];
  let expected: string | null = null;
  for (const d of summaries) {
    for (; expected !== null && expected < d.date; expected = shiftDate(expected, 1)) tokens.push('-');
    const answered = d.uptime === null ? 0 : Math.round(d.uptime * d.checks);
    tokens.push(
      d.p50 === null || d.p95 === null ? `${d.checks},${answered}` : `${d.checks},${answered},${d.p50},${d.p95}`,
    );
    expected = shiftDate(d.date, 1);
  }
  return {
    id: history.id,
    since: history.since,
    firstSeen: history.events[0]?.at ?? null,
    start: summaries[0]?.date ?? null,
    days: tokens.join(' '),
  };
}

/** The days of a stored history, oldest first, skipped dates left out. */
export function historyDays(history: Pick<SiteHistory, 'start' | 'days'>): DaySummary[] {
  if (history.start === null || history.days === '') return [];
  const days: DaySummary[] = [];
  let date = history.start;
  for (const token of history.days.split(' ')) {
    if (token !== '-') {
      const [checks = 0, answered = 0, p50, p95] = token.split(',').map(Number);
      days.push({
        date,
        checks,
        uptime: checks === 0 ? null : answered / checks,
        p50: p50 ?? null,
        p95: p95 ?? null,
      });
    }
    date = shiftDate(date, 1);
  }
  return days;
}
