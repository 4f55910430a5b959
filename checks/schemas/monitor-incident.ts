import { z } from 'zod';
import { IssueRefSchema } from './incident.ts';

/**
 * Why the monitor itself is unhealthy. `late-ticks`: the gap between two ticks exceeded
 * `pipeline.max_gap_minutes`. (Issue #11 adds a cause for "our own network failed".)
 */
export const MonitorCauseSchema = z.enum(['late-ticks']);
export type MonitorCause = z.output<typeof MonitorCauseSchema>;

const instant = z.iso.datetime();

/** The open incident about the monitor, with its issue (label `kind:monitor`). */
export const OpenMonitorIncidentSchema = z.strictObject({
  id: z.string(),
  cause: MonitorCauseSchema,
  /** The late tick that opened it. */
  startedAt: instant,
  /** The tick before it: the gap ran from here to `startedAt`. */
  gapFrom: instant,
  /** The gap that opened it, and the longest one seen while it stayed open. */
  gapMs: z.number().int().nonnegative(),
  longestGapMs: z.number().int().nonnegative(),
  /** Null until the issue is created (or found again by its marker after an interrupted tick). */
  issue: IssueRefSchema.nullable(),
  /** A responder closed the issue while ticks were still late: no new issue until the cadence recovers. */
  closedByResponder: instant.nullable(),
});

/** `DIR/monitor/incident.json`: the monitor's incident memory between ticks. */
export const MonitorIncidentFileSchema = z.strictObject({
  /** While an incident is open: consecutive ticks on time (gap ≤ max_gap_minutes), ending with the last one. 0 with none open. */
  goodTicks: z.number().int().nonnegative(),
  open: OpenMonitorIncidentSchema.nullable(),
});

export type OpenMonitorIncident = z.output<typeof OpenMonitorIncidentSchema>;
export type MonitorIncidentFile = z.output<typeof MonitorIncidentFileSchema>;
