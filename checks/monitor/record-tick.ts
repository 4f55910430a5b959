import { MAX_TICKS, TICKS_KEPT_MS, type TicksFile } from '../schemas/ticks.ts';

/**
 * The ticks file after the tick at `now`: `now` put in its place (an overlapping tick may publish
 * after a later one), ticks older than 48 h before the newest dropped, at most MAX_TICKS kept (the
 * newest). Recording the same instant twice changes nothing, so a retried push can apply it again. Pure.
 */
export function recordTick(previous: TicksFile | null, now: Date): TicksFile {
  const instants = new Set((previous?.ticks ?? []).map((t) => Date.parse(t)));
  instants.add(now.getTime());
  const sorted = [...instants].sort((a, b) => a - b);
  const newest = sorted.at(-1)!;
  const kept = sorted.filter((t) => t >= newest - TICKS_KEPT_MS).slice(-MAX_TICKS);
  return { ticks: kept.map((t) => new Date(t).toISOString()) };
}
