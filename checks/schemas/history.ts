import { z } from 'zod';
import { ReasonSchema, StateSchema } from './status.ts';

/**
 * Upper bounds (ms) of the response-time histogram buckets; one more bucket holds everything slower.
 * Roughly 25 % apart, so a percentile read from it is within about a tenth of the true value.
 */
export const RESPONSE_BUCKETS_MS = [
  50, 100, 150, 200, 250, 300, 400, 500, 650, 800, 1000, 1300, 1600, 2000, 2500, 3200, 4000, 5000, 6500, 8000, 10000,
  13000, 16000, 20000, 30000,
] as const;

const count = z.number().int().nonnegative();
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A closed day: `[date, checks, up, degraded, down, p50 ms, p95 ms]`, percentiles null when nothing answered. */
export const DayTupleSchema = z.tuple([
  localDate,
  count,
  count,
  count,
  count,
  z.number().nullable(),
  z.number().nullable(),
]);

export const OpenDaySchema = z.strictObject({
  date: localDate,
  checks: count,
  up: count,
  degraded: count,
  down: count,
  /** Counts of answered checks per response-time bucket (`RESPONSE_BUCKETS_MS`, plus one for slower). */
  buckets: z.array(count).length(RESPONSE_BUCKETS_MS.length + 1),
});

export const StateChangeSchema = z.strictObject({
  at: z.iso.datetime(),
  from: StateSchema.nullable(),
  to: StateSchema,
  reason: ReasonSchema.nullable(),
});

/**
 * `DIR/history/<id>.json`: one per site. Days are in the deployment's time zone, oldest first, at most
 * `MAX_DAYS`; `today` is the day being counted. Designed for git: it changes once per run but only
 * its last version each day is kept in history (see docs/data.md, "Repository growth").
 */
export const HistoryFileSchema = z.strictObject({
  id: z.string(),
  state: StateSchema.nullable(),
  since: z.iso.datetime().nullable(),
  today: OpenDaySchema.nullable(),
  days: z.array(DayTupleSchema),
  events: z.array(StateChangeSchema),
});

export type HistoryFile = z.output<typeof HistoryFileSchema>;
export type DayTuple = z.output<typeof DayTupleSchema>;
export type OpenDay = z.output<typeof OpenDaySchema>;
export type StateChange = z.output<typeof StateChangeSchema>;

export const MAX_DAYS = 400;
export const MAX_EVENTS = 1000;
