import { cadenceSummary } from '../../checks/monitor/cadence-summary.ts';
import { localParts } from '../../checks/time/local-time.ts';

export interface CadenceHour {
  /** Local "HH:MM–HH:MM" of the hour. */
  readonly range: string;
  /** Local "HH" the hour ends in, for the axis. */
  readonly label: string;
  readonly ticks: number;
  /** Bar length, 0–1 of the busiest hour. */
  readonly share: number;
}

export interface CadenceView {
  /** The last 24 hours, oldest first. */
  readonly hours: readonly CadenceHour[];
  readonly ticks24h: number;
  readonly medianGapMinutes: number | null;
  readonly longestGapMinutes: number | null;
  /** The longest gap exceeded max_gap_minutes. */
  readonly longestLate: boolean;
  readonly lastTick: string | null;
  readonly minutesSinceLast: number | null;
  /** No tick for longer than max_gap_minutes before the build. */
  readonly overdue: boolean;
}

/** What the internal page shows of the real cadence, from the recorded ticks and the build's clock. Pure. */
export function cadenceView(ticks: readonly string[], now: Date, timeZone: string, maxGapMinutes: number): CadenceView {
  const summary = cadenceSummary(ticks, now);
  const busiest = Math.max(1, ...summary.hours.map((h) => h.ticks));
  const clock = (ms: number) => {
    const p = localParts(new Date(ms), timeZone);
    return `${p.hour}:${p.minute}`;
  };
  const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));
  const longest = minutes(summary.longestGapMs);
  const since = summary.lastTick === null ? null : minutes(now.getTime() - Date.parse(summary.lastTick));
  return {
    hours: summary.hours.map((h) => {
      const start = Date.parse(h.start);
      return {
        range: `${clock(start)}–${clock(start + 3_600_000)}`,
        label: clock(start + 3_600_000).slice(0, 2),
        ticks: h.ticks,
        share: h.ticks / busiest,
      };
    }),
    ticks24h: summary.ticks24h,
    medianGapMinutes: minutes(summary.medianGapMs),
    longestGapMinutes: longest,
    longestLate: summary.longestGapMs !== null && summary.longestGapMs > maxGapMinutes * 60_000,
    lastTick: summary.lastTick,
    minutesSinceLast: since,
    overdue: since !== null && since > maxGapMinutes,
  };
}
