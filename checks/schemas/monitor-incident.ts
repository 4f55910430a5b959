import { z } from 'zod';
import { IssueRefSchema } from './incident.ts';
import { ReasonSchema } from './status.ts';

/**
 * Why the monitor itself is unhealthy. `late-ticks`: the gap between two ticks exceeded
 * `pipeline.max_gap_minutes`. `network`: so many sites failed at the network level at once that the
 * runner's own DNS or network is the likely failure (checks/monitor/vantage.ts). Each cause is its
 * own track with its own file and issue: a runner can be late and cut off at the same time.
 */
export const MonitorCauseSchema = z.enum(['late-ticks', 'network']);
export type MonitorCause = z.output<typeof MonitorCauseSchema>;

const instant = z.iso.datetime();

/** The tick that judged the vantage point failed, as its `network` incident keeps it for the issue. */
export const VantageSummarySchema = z.strictObject({
  checked: z.number().int().nonnegative(),
  networkFailures: z.number().int().nonnegative(),
  groupsAffected: z.number().int().nonnegative(),
  /** Network failures by reason, most frequent first. */
  reasons: z.array(z.strictObject({ reason: ReasonSchema, count: z.number().int().positive() })),
});
export type VantageSummary = z.output<typeof VantageSummarySchema>;

/** The open incident about the monitor, with its issue (label `kind:monitor`). */
export const OpenMonitorIncidentSchema = z.strictObject({
  id: z.string(),
  cause: MonitorCauseSchema,
  /** The late tick (or the cut-off tick, for `network`) that opened it. */
  startedAt: instant,
  /** The tick before it: the gap ran from here to `startedAt`. For `network`, `startedAt` itself. */
  gapFrom: instant,
  /** The gap that opened it, and the longest one seen while it stayed open. 0 for `network`. */
  gapMs: z.number().int().nonnegative(),
  longestGapMs: z.number().int().nonnegative(),
  /** Null until the issue is created (or found again by its marker after an interrupted tick). */
  issue: IssueRefSchema.nullable(),
  /** A responder closed the issue while ticks were still late: no new issue until the cadence recovers. */
  closedByResponder: instant.nullable(),
  /** `network` only: what the tick that opened it saw. */
  vantage: VantageSummarySchema.optional(),
});

/** `DIR/monitor/incident.json`: the monitor's incident memory between ticks. */
export const MonitorIncidentFileSchema = z.strictObject({
  /** While an incident is open: consecutive ticks on time (gap ≤ max_gap_minutes), ending with the last one. 0 with none open. */
  goodTicks: z.number().int().nonnegative(),
  open: OpenMonitorIncidentSchema.nullable(),
});

export type OpenMonitorIncident = z.output<typeof OpenMonitorIncidentSchema>;
export type MonitorIncidentFile = z.output<typeof MonitorIncidentFileSchema>;
