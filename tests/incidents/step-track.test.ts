import { describe, expect, it } from 'vitest';
import type { Level, Track, TrackState } from '../../checks/schemas/incident.ts';
import type { Observation } from '../../checks/incidents/observe.ts';
import {
  applyAction,
  emptyTrack,
  factsOf,
  stepTrack,
  type Action,
  type IncidentThresholds,
} from '../../checks/incidents/step-track.ts';

const THRESHOLDS: IncidentThresholds = {
  down: 2,
  degraded: 3,
  defaced: 1,
  suspected: 2,
  recovery: 2,
  reopenAfterRuns: 3,
};
const T0 = Date.parse('2026-11-25T01:00:00Z');

const good: Observation = { outcome: 'good', findings: [] };
const unknown: Observation = { outcome: 'unknown', findings: [] };
const down: Observation = {
  outcome: 'failing',
  level: 'down',
  kind: 'down',
  findings: [{ fingerprint: 'reason:timeout', detail: 'timed out' }],
};
const dns: Observation = {
  outcome: 'failing',
  level: 'down',
  kind: 'dns',
  findings: [{ fingerprint: 'reason:dns', detail: 'NXDOMAIN' }],
};
const slow: Observation = {
  outcome: 'failing',
  level: 'degraded',
  kind: 'degraded',
  findings: [{ fingerprint: 'reason:slow', detail: 'slow' }],
};
const finding = (kind: string) => ({ fingerprint: `signal:${kind}:home`, detail: kind });
const suspected = (...kinds: string[]): Observation => ({
  outcome: 'failing',
  level: 'suspected',
  kind: 'suspected',
  findings: kinds.map(finding),
});
const defaced = (...kinds: string[]): Observation => ({
  outcome: 'failing',
  level: 'defaced',
  kind: 'defaced',
  findings: kinds.map(finding),
});

type Issue = { state: 'open' | 'closed'; labels: string[] } | null;

/**
 * Runs observations through stepTrack as a sync would, every action succeeding, issue #7 for any
 * issue created; `issueAt(run)` says what responders did to the issue before that run.
 */
function simulate(
  track: Track,
  observations: readonly Observation[],
  options: { maintenance?: (run: number) => boolean; issueAt?: (run: number) => Issue } = {},
) {
  let state: TrackState = emptyTrack();
  const runs: string[][] = [];
  observations.forEach((observation, run) => {
    const now = new Date(T0 + run * 300_000);
    const issue = state.open?.issue ? (options.issueAt?.(run) ?? { state: 'open', labels: [] }) : null;
    const step = stepTrack(state, observation, {
      siteId: 'so-mau',
      track,
      thresholds: THRESHOLDS,
      now,
      maintenance: options.maintenance?.(run) ?? false,
      issue,
    });
    state = step.state;
    for (const action of step.actions) {
      // An action carries the incident as the state holds it when the action is carried out.
      if (action.type !== 'open') expect(action.incident).toEqual(state.open && factsOf(state.open));
      state = applyAction(state, action, now, action.type === 'create-issue' ? 7 : undefined);
    }
    runs.push(step.actions.map(label));
  });
  return { runs, state };
}

function label(action: Action): string {
  switch (action.type) {
    case 'open':
      return `open ${action.kind}/${action.level}`;
    case 'relevel':
      return `relevel ${action.from}→${action.to}`;
    case 'new-findings':
      return `new ${action.findings.map((f) => f.fingerprint).join(',')}`;
    case 'false-positive':
      return `false-positive ${action.fingerprints.join(',')}${action.acceptBaseline ? ' +accept' : ''}`;
    default:
      return action.type;
  }
}

describe('stepTrack: opening and resolving', () => {
  it('opens a down incident after 2 failing runs and resolves after 2 good ones', () => {
    expect(simulate('availability', [down, down, down, good, good, good]).runs).toEqual([
      [],
      ['open down/down', 'create-issue'],
      [],
      [],
      ['resolve'],
      [],
    ]);
  });

  it('never opens on a single failing run between good ones (the threshold is consecutive runs)', () => {
    expect(simulate('availability', [down, good, down, good, down]).runs.flat()).toEqual([]);
  });

  it('labels a DNS failure dns, and degraded needs 3 runs', () => {
    expect(simulate('availability', [dns, dns]).runs[1]).toEqual(['open dns/down', 'create-issue']);
    expect(simulate('availability', [slow, slow, slow]).runs).toEqual([
      [],
      [],
      ['open degraded/degraded', 'create-issue'],
    ]);
  });

  it('counts a down run toward degraded too, and escalates degraded → down on the same issue', () => {
    expect(simulate('availability', [slow, down, slow, down, down]).runs).toEqual([
      [],
      [],
      ['open degraded/degraded', 'create-issue'],
      [],
      ['relevel degraded→down'],
    ]);
  });

  it('stands still on runs that say nothing (unknown): neither failing nor good', () => {
    expect(simulate('availability', [down, unknown, down]).runs).toEqual([[], [], ['open down/down', 'create-issue']]);
    expect(simulate('availability', [down, down, good, unknown, good]).runs).toEqual([
      [],
      ['open down/down', 'create-issue'],
      [],
      [],
      ['resolve'],
    ]);
  });

  it('opens defaced at once, escalates suspected → defaced, and comments only on new findings', () => {
    const { runs } = simulate('defacement', [
      suspected('title-change'),
      suspected('title-change'),
      suspected('title-change'),
      suspected('title-change', 'hidden-links'),
      defaced('title-change', 'hidden-links', 'gambling-spam'),
      defaced('title-change', 'hidden-links', 'gambling-spam'),
    ]);
    expect(runs).toEqual([
      [],
      ['open suspected/suspected', 'create-issue'],
      [],
      ['new signal:hidden-links:home'],
      ['relevel suspected→defaced'],
      [],
    ]);
    expect(simulate('defacement', [defaced('defacer-signature')]).runs).toEqual([
      ['open defaced/defaced', 'create-issue'],
    ]);
  });

  it('warns once about a certificate expiring, and opens on an invalid one at once', () => {
    const expiring: Observation = {
      outcome: 'failing',
      level: 'expiring',
      kind: 'tls',
      findings: [{ fingerprint: 'reason:tls-expiring', detail: '10 days' }],
    };
    const invalid: Observation = {
      outcome: 'failing',
      level: 'invalid',
      kind: 'tls',
      findings: [{ fingerprint: 'reason:tls-expired', detail: 'expired' }],
    };
    expect(simulate('tls', [expiring, expiring, expiring, invalid, good, good]).runs).toEqual([
      ['open tls/expiring', 'create-issue'],
      [],
      [],
      ['relevel expiring→invalid'],
      [],
      ['resolve'],
    ]);
  });
});

describe('stepTrack: responders', () => {
  it('records an acknowledgement once', () => {
    const { runs, state } = simulate('availability', [down, down, down, down], {
      issueAt: (run) => ({ state: 'open', labels: run >= 2 ? ['incident', 'acknowledged'] : ['incident'] }),
    });
    expect(runs).toEqual([[], ['open down/down', 'create-issue'], ['acknowledged'], []]);
    expect(state.open?.acknowledged).toBe(true);
  });

  it('false-positive closes and suppresses the same findings; other evidence opens a new incident', () => {
    const { runs, state } = simulate('defacement', [defaced('gambling-spam'), defaced('gambling-spam')], {
      issueAt: () => ({ state: 'open', labels: ['incident', 'false-positive', 'accept-baseline'] }),
    });
    expect(runs).toEqual([
      ['open defaced/defaced', 'create-issue'],
      ['false-positive signal:gambling-spam:home +accept'],
    ]);
    expect(state).toMatchObject({
      open: null,
      failingRuns: {},
      suppressions: [{ fingerprint: 'signal:gambling-spam:home', issue: 7, absentRuns: 0 }],
    });
    // What is left once observe() filters the suppressed finding out must earn its own incident.
    const next = stepTrack(state, defaced('defacer-signature'), {
      siteId: 's',
      track: 'defacement',
      thresholds: THRESHOLDS,
      now: new Date(T0),
      maintenance: false,
      issue: null,
    });
    expect(next.actions.map(label)).toEqual(['open defaced/defaced', 'create-issue']);
  });

  it('forgets a suppression once the finding stayed away for the recovery threshold', () => {
    const fp = simulate('defacement', [defaced('gambling-spam'), defaced('gambling-spam')], {
      issueAt: () => ({ state: 'open', labels: ['false-positive'] }),
    }).state;
    let state = fp;
    const now = new Date(T0);
    state = stepTrack(state, good, {
      siteId: 's',
      track: 'defacement',
      thresholds: THRESHOLDS,
      now,
      maintenance: false,
      issue: null,
    }).state;
    expect(state.suppressions).toHaveLength(1);
    state = stepTrack(state, good, {
      siteId: 's',
      track: 'defacement',
      thresholds: THRESHOLDS,
      now,
      maintenance: false,
      issue: null,
    }).state;
    expect(state.suppressions).toEqual([]);
  });

  it('a responder closing a still-failing incident: quiet, then reopened after reopenAfterRuns failing runs', () => {
    const closedFrom = 2;
    const { runs } = simulate('availability', [down, down, down, down, down, down, down], {
      issueAt: (run) =>
        run >= closedFrom && run < 5 ? { state: 'closed', labels: [] } : { state: 'open', labels: [] },
    });
    expect(runs).toEqual([[], ['open down/down', 'create-issue'], ['closed-by-responder'], [], [], ['reopen'], []]);
  });

  it('a responder closing an incident that then recovers ends it without a word', () => {
    const { runs, state } = simulate('availability', [down, down, down, good, good], {
      issueAt: (run) => (run >= 2 ? { state: 'closed', labels: [] } : { state: 'open', labels: [] }),
    });
    expect(runs).toEqual([[], ['open down/down', 'create-issue'], ['closed-by-responder'], [], ['forget']]);
    expect(state.open).toBeNull();
  });

  it('opens nothing during maintenance, and opens at once after it if the site still fails', () => {
    const { runs } = simulate('availability', [down, down, down, down], { maintenance: (run) => run < 3 });
    expect(runs).toEqual([[], [], [], ['open down/down', 'create-issue']]);
  });

  it('an interrupted create (issue number never saved) is retried by create-issue, not by a second open', () => {
    const now = new Date(T0);
    const context = {
      siteId: 's',
      track: 'availability' as const,
      thresholds: THRESHOLDS,
      now,
      maintenance: false,
      issue: null,
    };
    let state = stepTrack(emptyTrack(), down, context).state;
    const second = stepTrack(state, down, context);
    state = applyAction(second.state, second.actions[0]!, now); // `open` saved; the process died before the issue number was
    expect(stepTrack(state, down, context).actions.map((a) => a.type)).toEqual(['create-issue']);
  });

  it('saturates counters so a long outage stops changing the state file', () => {
    const long = simulate(
      'availability',
      Array.from({ length: 50 }, () => down),
    ).state;
    const longer = simulate(
      'availability',
      Array.from({ length: 60 }, () => down),
    ).state;
    expect(longer.failingRuns).toEqual(long.failingRuns);
    expect(long.failingRuns).toEqual({ degraded: 3, down: 3 } satisfies Partial<Record<Level, number>>);
  });
});
