const HOUR_MS = 3_600_000;

export interface HourCount {
  /** The hour runs from `start` (excluded) to one hour later (included). */
  readonly start: string;
  readonly ticks: number;
}

/** The real cadence of the ticks, for the internal page and the publish output. */
export interface CadenceSummary {
  /** The last 24 hours ending at `now`, oldest first: the last entry is the last hour. */
  readonly hours: readonly HourCount[];
  /** Ticks in the last 24 h. */
  readonly ticks24h: number;
  /** Gaps between consecutive ticks whose later tick falls in the last 24 h; null with fewer than one gap. */
  readonly medianGapMs: number | null;
  readonly longestGapMs: number | null;
  /** The gap before the latest tick (from the one before it); null with fewer than two ticks. */
  readonly latestGapMs: number | null;
  readonly lastTick: string | null;
}

/**
 * Ticks per hour over the last 24 h, median and longest gap, the gap before the latest tick. Ticks
 * after `now` (a build clock behind the writer's) are left out. `ticks` oldest first. Pure.
 */
export function cadenceSummary(ticks: readonly string[], now: Date): CadenceSummary {
  const end = now.getTime();
  const times = ticks.map((t) => Date.parse(t)).filter((t) => t <= end);
  const windowStart = end - 24 * HOUR_MS;
  const hours = Array.from({ length: 24 }, (_, i) => {
    const from = windowStart + i * HOUR_MS;
    return { start: new Date(from).toISOString(), ticks: times.filter((t) => t > from && t <= from + HOUR_MS).length };
  });
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) if (times[i]! > windowStart) gaps.push(times[i]! - times[i - 1]!);
  return {
    hours,
    ticks24h: hours.reduce((n, h) => n + h.ticks, 0),
    medianGapMs: median(gaps),
    longestGapMs: gaps.length > 0 ? Math.max(...gaps) : null,
    latestGapMs: times.length >= 2 ? times.at(-1)! - times.at(-2)! : null,
    lastTick: times.length > 0 ? new Date(times.at(-1)!).toISOString() : null,
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
