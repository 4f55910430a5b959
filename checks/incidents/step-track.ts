import {
  LEVELS,
  type Kind,
  type Level,
  type OpenIncident,
  type Severity,
  type Track,
  type TrackState,
} from '../schemas/incident.ts';
import type { Finding, Observation } from './observe.ts';

/** Consecutive runs needed per level, from `thresholds` in config.yml. */
export interface IncidentThresholds {
  readonly down: number;
  readonly degraded: number;
  readonly defaced: number;
  readonly suspected: number;
  readonly recovery: number;
  /** A responder closed the issue but the site still fails: reopen after this many more failing runs. */
  readonly reopenAfterRuns: number;
}

export interface TrackContext {
  readonly siteId: string;
  readonly track: Track;
  readonly thresholds: IncidentThresholds;
  readonly now: Date;
  /** A maintenance window (site file) or a `maintenance` label: no new incidents. */
  readonly maintenance: boolean;
  /** The open incident's issue as this run found it; null when none is open or its number is unknown. */
  readonly issue: { readonly state: 'open' | 'closed'; readonly labels: readonly string[] } | null;
}

/**
 * The open incident an action is about: what its issue, records and notifications say of it. No
 * action of a step changes these before another of the same step reads them (`open` comes first,
 * `relevel` and `new-findings` last). Not here: the issue number and `acknowledged`, which earlier
 * actions of the same step do change (`create-issue`, `acknowledged`); whoever carries an action out
 * reads those from the track state as it stands then.
 */
export type IncidentFacts = Pick<OpenIncident, 'id' | 'level' | 'kind' | 'severity' | 'startedAt' | 'reported'>;

/**
 * What the run should do about a track, in order. Each has an effect on the track state
 * (`applyAction`), persisted once the action succeeded, so an interrupted run leaves a state from
 * which the next run derives the rest — and never a second issue: `create-issue` first looks for
 * one carrying the incident's marker. Every action but `open` (which makes the incident) carries
 * the incident it is about.
 */
export type Action =
  | {
      readonly type: 'open';
      readonly id: string;
      readonly startedAt: string;
      readonly level: Level;
      readonly kind: Kind;
      readonly severity: Severity;
      readonly findings: readonly Finding[];
    }
  | { readonly type: 'create-issue'; readonly incident: IncidentFacts }
  | {
      readonly type: 'relevel';
      readonly incident: IncidentFacts;
      readonly from: Level;
      readonly to: Level;
      readonly kind: Kind;
      readonly severity: Severity;
      readonly findings: readonly Finding[];
    }
  | { readonly type: 'new-findings'; readonly incident: IncidentFacts; readonly findings: readonly Finding[] }
  | { readonly type: 'acknowledged'; readonly incident: IncidentFacts }
  | { readonly type: 'resolve'; readonly incident: IncidentFacts; readonly durationMs: number }
  | {
      readonly type: 'false-positive';
      readonly incident: IncidentFacts;
      readonly fingerprints: readonly string[];
      readonly acceptBaseline: boolean;
    }
  | { readonly type: 'closed-by-responder'; readonly incident: IncidentFacts }
  | { readonly type: 'reopen'; readonly incident: IncidentFacts; readonly failingRuns: number }
  /** The issue was closed by a responder and the site has since recovered: the record ends, quietly. */
  | { readonly type: 'forget'; readonly incident: IncidentFacts };

export const LABELS = {
  acknowledged: 'acknowledged',
  falsePositive: 'false-positive',
  acceptBaseline: 'accept-baseline',
  maintenance: 'maintenance',
} as const;

const SEVERITY: Record<Level, Severity> = {
  degraded: 'minor',
  down: 'major',
  suspected: 'minor',
  defaced: 'critical',
  expiring: 'warning',
  invalid: 'major',
};

export function severityOf(level: Level): Severity {
  return SEVERITY[level];
}

export function thresholdOf(level: Level, t: IncidentThresholds): number {
  switch (level) {
    case 'degraded':
      return t.degraded;
    case 'down':
      return t.down;
    case 'suspected':
      return t.suspected;
    case 'defaced':
      return t.defaced;
    // A certificate problem is a fact, not a fluke: one run is enough.
    case 'expiring':
    case 'invalid':
      return 1;
  }
}

export function emptyTrack(): TrackState {
  return { failingRuns: {}, goodRuns: 0, failingSince: null, open: null, suppressions: [] };
}

export function incidentId(siteId: string, track: Track, startedAt: Date): string {
  return `${siteId}--${track}--${startedAt.toISOString().replace(/[-:]/g, '').slice(0, 13)}`;
}

/**
 * One run of one track: advance the counters with this observation, then decide. Pure.
 * Returns the state with counters advanced (persist it whatever happens) and the actions, each to be
 * applied with `applyAction` once it succeeded.
 */
export function stepTrack(
  previous: TrackState,
  observation: Observation,
  context: TrackContext,
): { state: TrackState; actions: Action[] } {
  const state = advanceCounters(previous, observation, context);
  const actions: Action[] = [];
  const reached = worstLevelReached(state, context);
  const open = state.open;
  const kindOf = (level: Level) =>
    observation.outcome === 'failing' && observation.level === level ? observation.kind : defaultKind(level);
  const findings = observation.findings;

  if (open === null) {
    if (reached !== null && !context.maintenance) {
      // The incident began with the first failing run of the streak, not when the threshold was met.
      const startedAt = new Date(state.failingSince ?? context.now.toISOString());
      const opened = {
        id: incidentId(context.siteId, context.track, startedAt),
        startedAt: startedAt.toISOString(),
        level: reached,
        kind: kindOf(reached),
        severity: severityOf(reached),
      };
      // `create-issue` acts on the incident as `open` leaves it (see `applyAction`).
      actions.push(
        { type: 'open', ...opened, findings },
        { type: 'create-issue', incident: { ...opened, reported: findings.map((f) => f.fingerprint) } },
      );
    }
    return { state, actions };
  }

  const recovered = state.goodRuns >= context.thresholds.recovery;
  const labels = new Set(context.issue?.labels ?? []);
  const incident = factsOf(open);
  if (open.issue === null) actions.push({ type: 'create-issue', incident });

  if (labels.has(LABELS.falsePositive)) {
    const fingerprints = [...new Set([...open.reported, ...findings.map((f) => f.fingerprint)])];
    actions.push({
      type: 'false-positive',
      incident,
      fingerprints,
      acceptBaseline: labels.has(LABELS.acceptBaseline),
    });
    return { state, actions };
  }
  if (open.closedByResponder === null && context.issue?.state === 'closed') {
    actions.push(recovered ? { type: 'forget', incident } : { type: 'closed-by-responder', incident });
    return { state, actions };
  }
  if (open.closedByResponder !== null) {
    if (recovered) actions.push({ type: 'forget', incident });
    else if (open.closedByResponder.failingRuns >= context.thresholds.reopenAfterRuns)
      actions.push({ type: 'reopen', incident, failingRuns: open.closedByResponder.failingRuns });
    return { state, actions };
  }

  if (labels.has(LABELS.acknowledged) && !open.acknowledged) actions.push({ type: 'acknowledged', incident });
  if (recovered) {
    actions.push({ type: 'resolve', incident, durationMs: context.now.getTime() - Date.parse(open.startedAt) });
    return { state, actions };
  }
  if (reached !== null && reached !== open.level) {
    actions.push({
      type: 'relevel',
      incident,
      from: open.level,
      to: reached,
      kind: kindOf(reached),
      severity: severityOf(reached),
      findings,
    });
  } else if (observation.outcome === 'failing' && context.track === 'defacement') {
    const told = new Set(open.reported);
    const fresh = findings.filter((f) => !told.has(f.fingerprint));
    // New evidence (another spam page, another signal) is worth a comment; the same evidence again is
    // not, and neither is an outage changing its error (timeout, then reset): that is noise.
    if (fresh.length > 0) actions.push({ type: 'new-findings', incident, findings: fresh });
  }
  return { state, actions };
}

/** The state after an action succeeded; `issue` is the number `create-issue` found or made. */
export function applyAction(state: TrackState, action: Action, now: Date, issue?: number): TrackState {
  const open = state.open;
  const withOpen = (change: Partial<OpenIncident>): TrackState =>
    open === null ? state : { ...state, open: { ...open, ...change } };
  switch (action.type) {
    case 'open':
      return {
        ...state,
        open: {
          id: action.id,
          level: action.level,
          kind: action.kind,
          severity: action.severity,
          startedAt: action.startedAt,
          issue: null,
          reported: action.findings.map((f) => f.fingerprint),
          acknowledged: false,
          closedByResponder: null,
        },
      };
    case 'create-issue':
      return withOpen({ issue: issue ?? null });
    case 'relevel':
      return withOpen({
        level: action.to,
        kind: action.kind,
        severity: action.severity,
        reported: union(
          open?.reported ?? [],
          action.findings.map((f) => f.fingerprint),
        ),
      });
    case 'new-findings':
      return withOpen({
        reported: union(
          open?.reported ?? [],
          action.findings.map((f) => f.fingerprint),
        ),
      });
    case 'acknowledged':
      return withOpen({ acknowledged: true });
    case 'closed-by-responder':
      return withOpen({ closedByResponder: { at: now.toISOString(), failingRuns: 0 } });
    case 'reopen':
      return withOpen({ closedByResponder: null });
    case 'resolve':
    case 'forget':
      return { ...state, open: null };
    case 'false-positive': {
      const known = new Set(state.suppressions.map((s) => s.fingerprint));
      const added = action.fingerprints
        .filter((f) => !known.has(f))
        .map((fingerprint) => ({ fingerprint, since: now.toISOString(), issue: open?.issue ?? null, absentRuns: 0 }));
      // Counters restart: what is left after the suppression must earn its own incident.
      return { ...state, open: null, failingRuns: {}, suppressions: [...state.suppressions, ...added] };
    }
  }
}

/** The part of an open incident that its actions carry. */
export function factsOf(open: OpenIncident): IncidentFacts {
  const { id, level, kind, severity, startedAt, reported } = open;
  return { id, level, kind, severity, startedAt, reported };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function defaultKind(level: Level): Kind {
  return level === 'expiring' || level === 'invalid' ? 'tls' : level;
}

/** The worst level whose consecutive-run threshold is met, or null. */
function worstLevelReached(state: TrackState, context: TrackContext): Level | null {
  const levels: readonly Level[] = LEVELS[context.track];
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i]!;
    if ((state.failingRuns[level] ?? 0) >= thresholdOf(level, context.thresholds)) return level;
  }
  return null;
}

function advanceCounters(previous: TrackState, observation: Observation, context: TrackContext): TrackState {
  const levels: readonly Level[] = LEVELS[context.track];
  // Counters saturate just past the largest threshold: a healthy (or long-dead) site's file stops changing.
  const cap = Math.max(
    context.thresholds.down,
    context.thresholds.degraded,
    context.thresholds.defaced,
    context.thresholds.suspected,
    context.thresholds.recovery,
    1,
  );
  const present = new Set(observation.findings.map((f) => f.fingerprint));
  const suppressions = previous.suppressions
    .map((s) =>
      present.has(s.fingerprint) ? { ...s, absentRuns: 0 } : { ...s, absentRuns: Math.min(cap, s.absentRuns + 1) },
    )
    // A suppressed finding that has stayed away for `recovery` runs is forgotten: if it comes back, it counts again.
    .filter((s) => s.absentRuns < context.thresholds.recovery || present.has(s.fingerprint));
  if (observation.outcome === 'unknown') return { ...previous, suppressions };
  const failingRuns: TrackState['failingRuns'] = {};
  if (observation.outcome === 'failing') {
    const rank = levels.indexOf(observation.level);
    for (let i = 0; i <= rank; i++)
      failingRuns[levels[i]!] = Math.min(cap, (previous.failingRuns[levels[i]!] ?? 0) + 1);
  }
  const goodRuns = observation.outcome === 'good' ? Math.min(cap, previous.goodRuns + 1) : 0;
  const failingSince = observation.outcome === 'failing' ? (previous.failingSince ?? context.now.toISOString()) : null;
  const open = previous.open;
  const closed = open?.closedByResponder;
  const nextOpen =
    open && closed && observation.outcome === 'failing'
      ? {
          ...open,
          closedByResponder: {
            ...closed,
            failingRuns: Math.min(context.thresholds.reopenAfterRuns, closed.failingRuns + 1),
          },
        }
      : open;
  return { failingRuns, goodRuns, failingSince, open: nextOpen, suppressions };
}
