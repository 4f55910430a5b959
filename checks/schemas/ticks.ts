import { z } from 'zod';

/** How far back `monitor/ticks.json` remembers: the internal page shows 24 h, the rest is margin for late builds. */
export const TICKS_KEPT_MS = 48 * 3_600_000;
/**
 * At most this many ticks are kept (the newest): 48 h of a tick a minute is 2,880, far more than a
 * 5-minute schedule makes (576), and still bounds the file if something dispatches in a loop.
 */
export const MAX_TICKS = 3_000;

/**
 * `DIR/monitor/ticks.json`: the instants of the recent ticks (one per publish, see
 * checks/run/publish-results.ts), oldest first, newest last. Written by `recordTick`, read by the
 * tick that follows (was it late?) and by the internal status site (the real cadence).
 */
export const TicksFileSchema = z.strictObject({
  ticks: z
    .array(z.iso.datetime())
    .max(MAX_TICKS)
    .refine(
      (ticks) => ticks.every((t, i) => i === 0 || Date.parse(ticks[i - 1]!) < Date.parse(t)),
      'must be in order, oldest first, each once',
    ),
});

export type TicksFile = z.output<typeof TicksFileSchema>;
