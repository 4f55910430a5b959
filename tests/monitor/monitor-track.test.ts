import { describe, expect, it } from 'vitest';
import {
  applyMonitorAction,
  emptyMonitorState,
  observeTickGap,
  stepMonitor,
  type MonitorAction,
  type MonitorObservation,
} from '../../checks/monitor/monitor-track.ts';
import type { IssueRef } from '../../checks/schemas/incident.ts';
import type { MonitorIncidentFile } from '../../checks/schemas/monitor-incident.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-11-26T03:00:00.000Z');
const ISSUE: IssueRef = { backend: 'local', repository: 'incidents/local', number: 12, url: 'incidents/local/12.json' };

describe('observeTickGap', () => {
  const previous = ['2026-11-26T02:00:00.000Z', '2026-11-26T02:40:00.000Z'];
  const cases: { name: string; previous: string[]; now: string; expected: MonitorObservation }[] = [
    {
      name: 'the first tick ever: nothing to judge',
      previous: [],
      now: '2026-11-26T03:00:00.000Z',
      expected: { outcome: 'unknown' },
    },
    {
      name: 'a gap equal to max_gap_minutes is on time',
      previous,
      now: '2026-11-26T03:00:00.000Z',
      expected: { outcome: 'good', gapMs: 20 * MIN },
    },
    {
      name: 'one millisecond more is late',
      previous,
      now: '2026-11-26T03:00:00.001Z',
      expected: { outcome: 'failing', cause: 'late-ticks', gapMs: 20 * MIN + 1, gapFrom: '2026-11-26T02:40:00.000Z' },
    },
    {
      name: '47 minutes after the last tick',
      previous,
      now: '2026-11-26T03:27:00.000Z',
      expected: { outcome: 'failing', cause: 'late-ticks', gapMs: 47 * MIN, gapFrom: '2026-11-26T02:40:00.000Z' },
    },
    {
      name: 'an overlapping tick publishing after a later one measures from the tick before it',
      previous,
      now: '2026-11-26T02:15:00.000Z',
      expected: { outcome: 'good', gapMs: 15 * MIN },
    },
    {
      name: 'only later ticks recorded: nothing to judge',
      previous,
      now: '2026-11-26T01:00:00.000Z',
      expected: { outcome: 'unknown' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(observeTickGap(c.previous, new Date(c.now), 20)).toEqual(c.expected));
});

const late = (minutes: number): MonitorObservation => ({
  outcome: 'failing',
  cause: 'late-ticks',
  gapMs: minutes * MIN,
  gapFrom: '2026-11-26T02:00:00.000Z',
});
const onTime: MonitorObservation = { outcome: 'good', gapMs: 5 * MIN };
const first: MonitorObservation = { outcome: 'unknown' };

/**
 * Ticks five minutes apart through stepMonitor as syncMonitor runs them, every action succeeding and
 * issue #12 for any issue created; `issueAt(tick)` is what responders did to the issue before that tick.
 */
function simulate(
  observations: readonly MonitorObservation[],
  options: { issueAt?: (tick: number) => 'open' | 'closed'; failCreate?: (tick: number) => boolean } = {},
) {
  let state: MonitorIncidentFile = emptyMonitorState();
  const ticks: string[][] = [];
  observations.forEach((observation, tick) => {
    const now = new Date(T0 + tick * 5 * MIN);
    const issue = state.open?.issue ? { state: options.issueAt?.(tick) ?? 'open' } : null;
    const step = stepMonitor(state, observation, { recovery: 2, now, issue });
    state = step.state;
    const done: string[] = [];
    for (const action of step.actions) {
      if (action.type === 'create-issue' && options.failCreate?.(tick)) break;
      state = applyMonitorAction(state, action, now, action.type === 'create-issue' ? ISSUE : undefined);
      done.push(label(action));
    }
    ticks.push(done);
  });
  return { ticks, state };
}

function label(action: MonitorAction): string {
  switch (action.type) {
    case 'open':
      return `open ${action.cause} ${action.gapMs / MIN} min`;
    case 'resolve':
      return `resolve after ${action.durationMs / MIN} min`;
    default:
      return action.type;
  }
}

describe('stepMonitor', () => {
  const cases: {
    name: string;
    observations: MonitorObservation[];
    ticks: string[][];
    issueAt?: (tick: number) => 'open' | 'closed';
    failCreate?: (tick: number) => boolean;
  }[] = [
    { name: 'the first tick ever opens nothing', observations: [first, onTime], ticks: [[], []] },
    { name: 'ticks on time open nothing', observations: [onTime, onTime, onTime], ticks: [[], [], []] },
    {
      name: 'a late tick opens one incident; recovery (2) ticks on time close it',
      observations: [late(47), onTime, onTime, onTime],
      ticks: [['open late-ticks 47 min', 'create-issue'], [], ['resolve after 10 min'], []],
    },
    {
      name: 'more late ticks keep the one incident open and restart the count of ticks on time',
      observations: [late(47), late(30), onTime, late(25), onTime, onTime],
      ticks: [['open late-ticks 47 min', 'create-issue'], [], [], [], [], ['resolve after 25 min']],
    },
    {
      name: 'a failed create is retried on the next tick; no second incident',
      observations: [late(47), late(30), onTime, onTime],
      failCreate: (tick) => tick === 0,
      ticks: [['open late-ticks 47 min'], ['create-issue'], [], ['resolve after 15 min']],
    },
    {
      name: 'recovered before the issue could be created: the incident ends quietly',
      observations: [late(47), onTime, onTime],
      failCreate: () => true,
      ticks: [['open late-ticks 47 min'], [], ['forget']],
    },
    {
      name: 'a responder closes the issue while ticks are late: quiet until the cadence recovers, then a new late tick opens a new one',
      observations: [late(47), late(30), late(40), onTime, onTime, late(21)],
      issueAt: (tick) => (tick >= 1 ? 'closed' : 'open'),
      ticks: [
        ['open late-ticks 47 min', 'create-issue'],
        ['closed-by-responder'],
        [],
        [],
        ['forget'],
        ['open late-ticks 21 min', 'create-issue'],
      ],
    },
    {
      name: 'a responder closes the issue after the cadence recovered: forgotten',
      observations: [late(47), onTime, onTime],
      issueAt: (tick) => (tick === 2 ? 'closed' : 'open'),
      ticks: [['open late-ticks 47 min', 'create-issue'], [], ['forget']],
    },
    {
      name: 'unknown ticks change nothing',
      observations: [late(47), first, onTime, first, onTime],
      ticks: [['open late-ticks 47 min', 'create-issue'], [], [], [], ['resolve after 20 min']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(
        simulate(c.observations, {
          ...(c.issueAt ? { issueAt: c.issueAt } : {}),
          ...(c.failCreate ? { failCreate: c.failCreate } : {}),
        }).ticks,
      ).toEqual(c.ticks);
    });
  }

  it('records the incident: the late tick, the gap, the longest gap while open, the issue', () => {
    const { state } = simulate([late(47), late(52), onTime]);
    expect(state).toEqual({
      goodTicks: 1,
      open: {
        id: 'monitor--late-ticks--20261126T0300',
        cause: 'late-ticks',
        startedAt: '2026-11-26T03:00:00.000Z',
        gapFrom: '2026-11-26T02:00:00.000Z',
        gapMs: 47 * MIN,
        longestGapMs: 52 * MIN,
        issue: ISSUE,
        closedByResponder: null,
      },
    });
  });

  it('keeps no count of good ticks while none is open, so a healthy monitor state never changes', () => {
    expect(simulate([onTime, onTime, onTime]).state).toEqual({ goodTicks: 0, open: null });
    expect(simulate([late(47), onTime, onTime, onTime]).state).toEqual({ goodTicks: 0, open: null });
  });
});
