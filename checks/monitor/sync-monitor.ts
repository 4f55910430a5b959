import {
  BackendError,
  closeAs,
  type IncidentBackend,
  type IssueSnapshot,
  type LabelSpec,
} from '../incidents/backend.ts';
import { eventMarker } from '../incidents/render-issue.ts';
import type { Config } from '../schemas/config.ts';
import type { IssueRef } from '../schemas/incident.ts';
import type { MonitorCause, MonitorIncidentFile, OpenMonitorIncident } from '../schemas/monitor-incident.ts';
import { toJson } from '../store/atomic-write.ts';
import { dataPaths } from '../store/data-paths.ts';
import type { CadenceSummary } from './cadence-summary.ts';
import { readMonitorState, writeIfChanged } from './monitor-files.ts';
import { applyMonitorAction, stepMonitor, type MonitorAction, type MonitorObservation } from './monitor-track.ts';
import { duplicateComment } from '../incidents/render-comments.ts';
import {
  MONITOR_SEVERITY,
  monitorBody,
  monitorLabels,
  monitorMarker,
  monitorOrphanComment,
  monitorRecoveredComment,
  monitorTitle,
  networkBody,
  networkOrphanComment,
  networkRecoveredComment,
  networkTitle,
} from './render-monitor-issue.ts';

export interface MonitorSyncRequest {
  readonly dataDir: string;
  readonly config: Config;
  /** The track this sync runs: each cause has its own state file, marker and issue. */
  readonly cause: MonitorCause;
  readonly observation: MonitorObservation;
  /** The cadence including this tick, for the issue body. */
  readonly cadence: CadenceSummary;
  readonly now: Date;
  /** GITHUB_REPOSITORY, GITHUB_SERVER_URL and GITHUB_API_URL, for the links in the issue. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface MonitorSyncReport {
  /** Files written under the data dir (to commit). */
  readonly files: string[];
  readonly actions: {
    readonly action: MonitorAction['type'] | 'close-duplicate' | 'close-orphan';
    readonly issue: number | null;
  }[];
  readonly notices: string[];
  /** The monitor's incident after this tick; null when none is open. */
  readonly open: OpenMonitorIncident | null;
}

const LABEL_SPECS: readonly LabelSpec[] = [
  { name: 'incident', color: 'b60205', description: 'Canh Gác incident' },
  { name: 'kind:monitor', color: 'd93f0b', description: 'Incident kind: monitor (Canh Gác itself)' },
  { name: `severity:${MONITOR_SEVERITY}`, color: 'd93f0b', description: `Incident severity: ${MONITOR_SEVERITY}` },
];

/**
 * The monitor's incident for this tick: decide (monitor-track.ts, pure) and carry the actions out
 * against the backend one by one, saving monitor/incident.json after each success. A backend failure
 * becomes a notice and leaves the rest for the next tick, which finds the issue again by its marker.
 */
export async function syncMonitor(
  request: MonitorSyncRequest,
  deps: { readonly backend: IncidentBackend },
): Promise<MonitorSyncReport> {
  const { backend } = deps;
  const { config, now } = request;
  const paths = dataPaths(request.dataDir);
  const file = request.cause === 'late-ticks' ? paths.monitorIncident : paths.monitorNetworkIncident;
  // Notices of the first track keep their old prefix; the others name their cause.
  const tag = request.cause === 'late-ticks' ? 'monitor' : `monitor (${request.cause})`;
  const notices: string[] = [];
  const actions: MonitorSyncReport['actions'] = [];
  const read = await readMonitorState(file);
  if (read.problem) notices.push(`${tag}: ${read.problem}`);
  let text = read.text;
  let state: MonitorIncidentFile = read.value;
  let written = false;
  const save = async () => {
    // No incident ever: no file, so a healthy monitor adds nothing to the repository.
    if (text === null && state.open === null && state.goodTicks === 0) return;
    if (await writeIfChanged(file, state, text)) {
      written = true;
      text = toJson(state);
    }
  };

  const marker = monitorMarker(request.cause);
  const mine = async () =>
    (await backend.listIssues(monitorLabels().slice(0, 2), 'open'))
      .filter((i) => i.body.includes(marker))
      .sort((a, b) => a.number - b.number);
  let marked: IssueSnapshot[] | null;
  try {
    marked = await mine();
  } catch (error) {
    notices.push(`${tag}: could not list the open issues in ${backend.repository}: ${describe(error)}`);
    marked = null;
  }
  let view: { state: 'open' | 'closed' } | null = null;
  const known = state.open?.issue?.number;
  if (known !== undefined) {
    try {
      view =
        marked === null
          ? { state: 'open' }
          : marked.some((i) => i.number === known)
            ? { state: 'open' }
            : await issueState(backend, known);
    } catch (error) {
      notices.push(`${tag}: could not read issue #${known}, taken as still open: ${describe(error)}`);
      view = { state: 'open' };
    }
  }

  const step = stepMonitor(state, request.observation, { recovery: config.thresholds.recovery, now, issue: view });
  state = step.state;
  await save();
  for (const action of step.actions) {
    let issue: IssueRef | undefined;
    try {
      issue = await perform(action, state.open, { ...request, backend, mine, actions });
    } catch (error) {
      notices.push(`${tag}: ${action.type} failed, left for the next tick: ${describe(error)}`);
      break;
    }
    const number = issue?.number ?? state.open?.issue?.number ?? null;
    state = applyMonitorAction(state, action, now, issue);
    await save();
    actions.push({ action: action.type, issue: number });
  }
  // Open issues with our marker and no incident on record (the record was lost with a failed push):
  // on a good tick (on time; no mass network failure), they close like a resolved incident.
  if (state.open === null && step.actions.length === 0 && request.observation.outcome === 'good') {
    for (const orphan of marked ?? []) {
      try {
        const text =
          request.cause === 'late-ticks'
            ? monitorOrphanComment(config.pipeline.max_gap_minutes)
            : networkOrphanComment();
        await closeAs(backend, orphan.number, 'completed', text);
        actions.push({ action: 'close-orphan', issue: orphan.number });
      } catch (error) {
        notices.push(`${tag}: closing #${orphan.number} failed, left for the next tick: ${describe(error)}`);
      }
    }
  }
  return { files: written ? [file] : [], actions, notices, open: state.open };
}

interface PerformContext extends MonitorSyncRequest {
  readonly backend: IncidentBackend;
  readonly mine: () => Promise<IssueSnapshot[]>;
  readonly actions: MonitorSyncReport['actions'];
}

/** Carries out one action; returns the issue `create-issue` found or made. */
async function perform(
  action: MonitorAction,
  open: OpenMonitorIncident | null,
  c: PerformContext,
): Promise<IssueRef | undefined> {
  const { backend, config } = c;
  switch (action.type) {
    case 'create-issue': {
      // `open` came first in this step: its effect is already in the state (applied after each action).
      const incident = open!;
      let found = await c.mine();
      if (found.length === 0) {
        await backend.ensureLabels(LABEL_SPECS);
        const created = await backend.createIssue({
          ...issueText(incident, c),
          labels: monitorLabels(),
          assignees: [],
        });
        found = await c.mine();
        // GitHub's issue list can lag a creation by a moment: the one just made is ours all the same.
        if (!found.some((i) => i.number === created.number))
          found = [...found, created].sort((a, b) => a.number - b.number);
      }
      // Two overlapping ticks may both have created one: the oldest stays, the others close as duplicates.
      const keep = found[0]!;
      for (const extra of found.slice(1)) {
        await closeAs(backend, extra.number, 'not_planned', duplicateComment(keep.number));
        c.actions.push({ action: 'close-duplicate', issue: extra.number });
      }
      return { backend: backend.kind, repository: backend.repository, number: keep.number, url: keep.url };
    }
    case 'resolve': {
      const incident = open!;
      const number = incident.issue!.number;
      const said = eventMarker(incident.id, 'resolved');
      // A tick that commented but failed to close must not say it twice.
      if (!(await backend.recentComments(number)).some((b) => b.includes(said))) {
        await backend.addComment(
          number,
          `${said}\n${
            incident.cause === 'late-ticks'
              ? monitorRecoveredComment(action.durationMs, config.thresholds.recovery, config.pipeline.max_gap_minutes)
              : networkRecoveredComment(action.durationMs, config.thresholds.recovery)
          }`,
        );
      }
      await backend.updateIssue(number, { state: 'closed', stateReason: 'completed' });
      return undefined;
    }
    case 'open':
    case 'closed-by-responder':
    case 'forget':
      return undefined;
  }
}

/** The issue's title and body for the incident's cause. */
function issueText(incident: OpenMonitorIncident, c: PerformContext): { title: string; body: string } {
  const { config } = c;
  const repository = c.env.GITHUB_REPOSITORY?.trim() || null;
  const serverUrl = c.env.GITHUB_SERVER_URL?.trim() || 'https://github.com';
  if (incident.cause === 'network') {
    // An incident opened by an older writer without the summary still gets an issue: a zero summary.
    const vantage = incident.vantage ?? { checked: 0, networkFailures: 0, groupsAffected: 0, reasons: [] };
    return {
      title: networkTitle(vantage),
      body: networkBody({
        startedAt: incident.startedAt,
        vantage,
        recovery: config.thresholds.recovery,
        timeZone: config.time_zone,
        repository,
        serverUrl,
      }),
    };
  }
  return {
    title: monitorTitle(incident.gapMs),
    body: monitorBody({
      cause: incident.cause,
      gapFrom: incident.gapFrom,
      startedAt: incident.startedAt,
      gapMs: incident.gapMs,
      maxGapMinutes: config.pipeline.max_gap_minutes,
      recovery: config.thresholds.recovery,
      cadence: c.cadence,
      timeZone: config.time_zone,
      repository,
      serverUrl,
      apiUrl: c.env.GITHUB_API_URL?.trim() || 'https://api.github.com',
    }),
  };
}

async function issueState(backend: IncidentBackend, number: number): Promise<{ state: 'open' | 'closed' }> {
  try {
    return { state: (await backend.getIssue(number)).state };
  } catch (error) {
    // Deleted or transferred away: for us, closed by a responder.
    if (error instanceof BackendError && (error.status === 404 || error.status === 410)) return { state: 'closed' };
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
