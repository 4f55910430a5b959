import { formatAgo, type Lang } from './format.ts';

/**
 * How old the data on a status page is, judged when the page is read: in the visitor's browser (the
 * page's script) and at build time (the no-script fallback). GitHub delays and drops scheduled runs,
 * so citizens are told when the last check is old. Pure; bundled into the browser script.
 */

/** Runs are every 5 minutes; older than this, the page warns that its data may be out of date. */
export const STALE_AFTER_MINUTES = 30;

export interface DataAge {
  /** Whole minutes from the last run to now (never negative: clocks disagree). */
  readonly minutes: number;
  readonly stale: boolean;
  /** `5 phút trước` / `5 minutes ago`. */
  readonly text: string;
}

/** Null when there has been no run. */
export function dataAge(
  lastRunAt: string | null,
  now: Date,
  lang: Lang,
  staleAfterMinutes = STALE_AFTER_MINUTES,
): DataAge | null {
  if (lastRunAt === null) return null;
  const at = Date.parse(lastRunAt);
  if (Number.isNaN(at)) return null;
  const minutes = Math.max(0, Math.floor((now.getTime() - at) / 60_000));
  return { minutes, stale: minutes > staleAfterMinutes, text: formatAgo(minutes, lang) };
}
