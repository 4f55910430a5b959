import { describe, expect, it } from 'vitest';
import { cadenceSummary } from '../../checks/monitor/cadence-summary.ts';
import { formatMonitorLine } from '../../checks/monitor/format-monitor-line.ts';
import type { MonitorReport } from '../../checks/monitor/monitor-tick.ts';
import type { MonitorSyncReport } from '../../checks/monitor/sync-monitor.ts';
import type { OpenMonitorIncident } from '../../checks/schemas/monitor-incident.ts';

const MIN = 60_000;
const NOW = new Date('2026-11-26T03:00:00.000Z');
const ago = (...minutes: number[]) => minutes.map((m) => new Date(NOW.getTime() - m * MIN).toISOString());
const OPEN: OpenMonitorIncident = {
  id: 'monitor--late-ticks--20261126T0300',
  cause: 'late-ticks',
  startedAt: NOW.toISOString(),
  gapFrom: ago(47)[0]!,
  gapMs: 47 * MIN,
  longestGapMs: 47 * MIN,
  issue: { backend: 'local', repository: 'incidents/local', number: 12, url: 'incidents/local/12.json' },
  closedByResponder: null,
};
const sync = (actions: MonitorSyncReport['actions'], open: OpenMonitorIncident | null): MonitorSyncReport => ({
  files: [],
  actions,
  notices: [],
  open,
});

describe('formatMonitorLine', () => {
  const steady = cadenceSummary(ago(60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5, 0), NOW);
  const lateTicks = cadenceSummary(ago(47, 0), NOW);
  const cases: { name: string; report: MonitorReport; line: string }[] = [
    {
      name: 'the first tick ever',
      report: {
        cadence: cadenceSummary(ago(0), NOW),
        observation: { outcome: 'unknown' },
        maxGapMinutes: 20,
        incident: sync([], null),
      },
      line: 'cadence: 1 tick in the last hour, 1 in 24 h (first tick recorded)',
    },
    {
      name: 'on time',
      report: {
        cadence: steady,
        observation: { outcome: 'good', gapMs: 5 * MIN },
        maxGapMinutes: 20,
        incident: sync([], null),
      },
      line: 'cadence: 12 ticks in the last hour, 13 in 24 h, longest gap 5 min',
    },
    {
      name: 'a late tick opens the incident',
      report: {
        cadence: lateTicks,
        observation: { outcome: 'failing', cause: 'late-ticks', gapMs: 47 * MIN, gapFrom: ago(47)[0]! },
        maxGapMinutes: 20,
        incident: sync(
          [
            { action: 'open', issue: null },
            { action: 'create-issue', issue: 12 },
          ],
          OPEN,
        ),
      },
      line: 'cadence: 2 ticks in the last hour, 2 in 24 h, longest gap 47 min; monitor incident opened (#12): no tick for 47 min',
    },
    {
      name: 'still open',
      report: {
        cadence: steady,
        observation: { outcome: 'good', gapMs: 5 * MIN },
        maxGapMinutes: 20,
        incident: sync([], { ...OPEN }),
      },
      line: 'cadence: 12 ticks in the last hour, 13 in 24 h, longest gap 5 min; monitor incident open (#12)',
    },
    {
      name: 'recovered',
      report: {
        cadence: steady,
        observation: { outcome: 'good', gapMs: 5 * MIN },
        maxGapMinutes: 20,
        incident: sync([{ action: 'resolve', issue: 12 }], null),
      },
      line: 'cadence: 12 ticks in the last hour, 13 in 24 h, longest gap 5 min; monitor incident closed (#12): ticks on time again',
    },
    {
      name: 'late with incidents off',
      report: {
        cadence: lateTicks,
        observation: { outcome: 'failing', cause: 'late-ticks', gapMs: 47 * MIN, gapFrom: ago(47)[0]! },
        maxGapMinutes: 20,
        incident: null,
      },
      line: 'cadence: 2 ticks in the last hour, 2 in 24 h, longest gap 47 min; late: no tick for 47 min (max 20 min), incidents off',
    },
  ];
  for (const c of cases) it(c.name, () => expect(formatMonitorLine(c.report)).toBe(c.line));
});
