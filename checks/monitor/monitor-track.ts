import type {
  MonitorCause,
  MonitorIncidentFile,
  OpenMonitorIncident,
  VantageSummary,
} from '../schemas/monitor-incident.ts';
import type { VantageJudgement } from './vantage.ts';
import type { IssueRef } from '../schemas/incident.ts';

/**
 * What one tick tells about the monitor itself, for one cause's track. `unknown`: nothing to judge
 * (the first tick ever; no site checked). `failing` names its cause; a `network` one carries what the
 * tick saw (its gap is 0 and runs from the tick itself).
 */
export type MonitorObservation =
  | { readonly outcome: 'unknown' }
  | { readonly outcome: 'good'; readonly gapMs: number }
  | {
      readonly outcome: 'failing';
      readonly cause: MonitorCause;
      readonly gapMs: number;
      readonly gapFrom: string;
      readonly vantage?: VantageSummary;
    };

export interface MonitorContext {
  /** Consecutive good ticks that close the incident (`thresholds.recovery`). */
  readonly recovery: number;
  readonly now: Date;
  /** The open incident's issue as this tick found it; null when none is open or its number is unknown. */
  readonly issue: { readonly state: 'open' | 'closed' } | null;
}

/**
 * What the tick should do about the monitor's incident, in order; each applied with
 * `applyMonitorAction` once it succeeded, so an interrupted tick leaves a state the next one finishes
 * from. `create-issue` looks for an issue carrying the marker before creating one.
 */
export type MonitorAction =
  | {
      readonly type: 'open';
      readonly id: string;
      readonly cause: MonitorCause;
      readonly startedAt: string;
      readonly gapFrom: string;
      readonly gapMs: number;
      readonly vantage?: VantageSummary;
    }
  | { readonly type: 'create-issue' }
  | { readonly type: 'resolve'; readonly durationMs: number }
  /** A responder closed the issue while ticks are still late: stay quiet until the cadence recovers. */
  | { readonly type: 'closed-by-responder' }
  /** The incident ends without a word: recovered after a responder closed it, or before its issue existed. */
  | { readonly type: 'forget' };

export function emptyMonitorState(): MonitorIncidentFile {
  return { goodTicks: 0, open: null };
}

export function monitorIncidentId(cause: MonitorCause, startedAt: Date): string {
  return `monitor--${cause}--${startedAt.toISOString().replace(/[-:]/g, '').slice(0, 13)}`;
}

/**
 * Whether this tick came late: the gap since the newest recorded tick before it, against
 * `maxGapMinutes` (a gap equal to it is on time). `previous` are the ticks recorded before this one. Pure.
 */
export function observeTickGap(previous: readonly string[], now: Date, maxGapMinutes: number): MonitorObservation {
  const before = previous.map((t) => Date.parse(t)).filter((t) => t < now.getTime());
  if (before.length === 0) return { outcome: 'unknown' };
  const last = Math.max(...before);
  const gapMs = now.getTime() - last;
  if (gapMs > maxGapMinutes * 60_000)
    return { outcome: 'failing', cause: 'late-ticks', gapMs, gapFrom: new Date(last).toISOString() };
  return { outcome: 'good', gapMs };
}

/**
 * The `network` track's observation from this tick's vantage judgement: failing when the runner
 * likely failed, good otherwise, unknown when no site was checked (a tick of nothing proves nothing). Pure.
 */
export function observeVantage(judgement: VantageJudgement, now: Date): MonitorObservation {
  if (judgement.checked === 0) return { outcome: 'unknown' };
  if (!judgement.failed) return { outcome: 'good', gapMs: 0 };
  return {
    outcome: 'failing',
    cause: 'network',
    gapMs: 0,
    gapFrom: now.toISOString(),
    vantage: {
      checked: judgement.checked,
      networkFailures: judgement.networkFailures,
      groupsAffected: judgement.groupsAffected,
      reasons: judgement.reasons.map((r) => ({ ...r })),
    },
  };
}

/**
 * One tick of the monitor's incident: advance the good-tick counter, then decide. A failing tick
 * with none open opens ONE incident; further late ticks keep it open (and note the longest gap);
 * `recovery` good ticks in a row close it. Pure; returns the advanced state (persist it whatever
 * happens) and the actions.
 */
export function stepMonitor(
  previous: MonitorIncidentFile,
  observation: MonitorObservation,
  context: MonitorContext,
): { state: MonitorIncidentFile; actions: MonitorAction[] } {
  const state = advance(previous, observation, context.recovery);
  const open = state.open;
  const actions: MonitorAction[] = [];
  if (open === null) {
    if (observation.outcome === 'failing') {
      const startedAt = context.now;
      actions.push(
        {
          type: 'open',
          id: monitorIncidentId(observation.cause, startedAt),
          cause: observation.cause,
          startedAt: startedAt.toISOString(),
          gapFrom: observation.gapFrom,
          gapMs: observation.gapMs,
          ...(observation.vantage ? { vantage: observation.vantage } : {}),
        },
        { type: 'create-issue' },
      );
    }
    return { state, actions };
  }
  const recovered = state.goodTicks >= context.recovery;
  if (open.closedByResponder !== null) {
    if (recovered) actions.push({ type: 'forget' });
    return { state, actions };
  }
  if (open.issue !== null && context.issue?.state === 'closed') {
    actions.push(recovered ? { type: 'forget' } : { type: 'closed-by-responder' });
    return { state, actions };
  }
  if (recovered) {
    actions.push(
      open.issue === null
        ? { type: 'forget' }
        : { type: 'resolve', durationMs: context.now.getTime() - Date.parse(open.startedAt) },
    );
    return { state, actions };
  }
  if (open.issue === null) actions.push({ type: 'create-issue' });
  return { state, actions };
}

/** The state after an action succeeded; `issue` is what `create-issue` found or made. */
export function applyMonitorAction(
  state: MonitorIncidentFile,
  action: MonitorAction,
  now: Date,
  issue?: IssueRef,
): MonitorIncidentFile {
  const open = state.open;
  const withOpen = (change: Partial<OpenMonitorIncident>): MonitorIncidentFile =>
    open === null ? state : { ...state, open: { ...open, ...change } };
  switch (action.type) {
    case 'open':
      return {
        ...state,
        open: {
          id: action.id,
          cause: action.cause,
          startedAt: action.startedAt,
          gapFrom: action.gapFrom,
          gapMs: action.gapMs,
          longestGapMs: action.gapMs,
          issue: null,
          closedByResponder: null,
          ...(action.vantage ? { vantage: action.vantage } : {}),
        },
      };
    case 'create-issue':
      return withOpen({ issue: issue ?? null });
    case 'closed-by-responder':
      return withOpen({ closedByResponder: now.toISOString() });
    case 'resolve':
    case 'forget':
      return { goodTicks: 0, open: null };
  }
}

function advance(
  previous: MonitorIncidentFile,
  observation: MonitorObservation,
  recovery: number,
): MonitorIncidentFile {
  switch (observation.outcome) {
    case 'unknown':
      return previous;
    case 'good':
      // Counted only while an incident is open: a healthy monitor's state file never changes.
      return { ...previous, goodTicks: previous.open ? Math.min(recovery, previous.goodTicks + 1) : 0 };
    case 'failing': {
      const open = previous.open;
      return { goodTicks: 0, open: open && { ...open, longestGapMs: Math.max(open.longestGapMs, observation.gapMs) } };
    }
  }
}
