import {
  MAX_DAYS,
  MAX_EVENTS,
  RESPONSE_BUCKETS_MS,
  type DayTuple,
  type HistoryFile,
  type OpenDay,
} from '../schemas/history.ts';
import type { StatusFile } from '../schemas/status.ts';
import { localDate } from '../time/local-time.ts';

export function emptyHistory(id: string): HistoryFile {
  return { id, state: null, since: null, today: null, days: [], events: [] };
}

/**
 * Adds one check result to a site's history. Pure. Closes `today` into `days` when the local date
 * moves on, counts the state, adds the response time of an answered check to the histogram, and
 * records a state-change event when the state differs from the last one.
 */
export function recordCheck(history: HistoryFile, status: StatusFile, timeZone: string): HistoryFile {
  const at = new Date(status.checkedAt);
  const date = localDate(at, timeZone);
  let days = history.days;
  let today = history.today;
  if (today && date > today.date) {
    days = [...days, closeDay(today)].slice(-MAX_DAYS);
    today = null;
  }
  today ??= openDay(date);
  const buckets = [...today.buckets];
  if (status.state !== 'down' && status.http) buckets[bucketIndex(status.http.timings.total)]! += 1;
  today = {
    ...today,
    checks: today.checks + 1,
    up: today.up + (status.state === 'up' ? 1 : 0),
    degraded: today.degraded + (status.state === 'degraded' ? 1 : 0),
    down: today.down + (status.state === 'down' ? 1 : 0),
    buckets,
  };
  const changed = history.state !== status.state;
  const events = changed
    ? [...history.events, { at: status.checkedAt, from: history.state, to: status.state, reason: status.reason }].slice(
        -MAX_EVENTS,
      )
    : history.events;
  return {
    id: history.id,
    state: status.state,
    since: changed ? status.checkedAt : history.since,
    today,
    days,
    events,
  };
}

export function openDay(date: string): OpenDay {
  return { date, checks: 0, up: 0, degraded: 0, down: 0, buckets: new Array(RESPONSE_BUCKETS_MS.length + 1).fill(0) };
}

export function closeDay(day: OpenDay): DayTuple {
  return [
    day.date,
    day.checks,
    day.up,
    day.degraded,
    day.down,
    percentile(day.buckets, 0.5),
    percentile(day.buckets, 0.95),
  ];
}

export function bucketIndex(ms: number): number {
  const index = RESPONSE_BUCKETS_MS.findIndex((upper) => ms <= upper);
  return index === -1 ? RESPONSE_BUCKETS_MS.length : index;
}

/**
 * The q-quantile of a bucketed histogram, interpolating linearly inside the bucket it falls in;
 * null for an empty histogram. The open-ended last bucket reports its lower bound.
 */
export function percentile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets[i]!;
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : RESPONSE_BUCKETS_MS[i - 1]!;
      const upper = RESPONSE_BUCKETS_MS[i];
      if (upper === undefined) return lower;
      return Math.round(lower + ((upper - lower) * (rank - seen)) / n);
    }
    seen += n;
  }
  return RESPONSE_BUCKETS_MS.at(-1)!;
}
