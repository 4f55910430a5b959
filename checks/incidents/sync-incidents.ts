import { createHash } from 'node:crypto';
import { requestBaselineAccept } from '../defacement/baseline-requests.ts';
import type { Config } from '../schemas/config.ts';
import {
  TRACKS,
  type IssueRef,
  type Kind,
  type PublicIncident,
  type Severity,
  type SiteTracks,
  type Track,
  type TrackState,
} from '../schemas/incident.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import { BackendError, closeAs, type IncidentBackend, type IssueSnapshot, type LabelSpec } from './backend.ts';
import {
  acknowledgedPublic,
  closedPublic,
  internalRecord,
  logged,
  openedPublic,
  releveledPublic,
} from './incident-records.ts';
import { createIncidentStore, type IncidentStore } from './incident-store.ts';
import { inMaintenance } from './maintenance.ts';
import { observe, type Observation } from './observe.ts';
import {
  duplicateComment,
  falsePositiveComment,
  newFindingsComment,
  orphanComment,
  recoveredComment,
  relevelComment,
  reopenComment,
} from './render-comments.ts';
import { eventMarker, formatDuration, incidentMarker, issueBody, issueLabels, issueTitle } from './render-issue.ts';
import { applyAction, LABELS, stepTrack, type Action, type IncidentThresholds } from './step-track.ts';
import type { WebhookEvent } from './webhook.ts';

export interface SyncRequest {
  readonly dataDir: string;
  readonly config: Config;
  /** The sites this run checked, with their statuses. */
  readonly checked: readonly { readonly site: Site; readonly status: StatusFile }[];
  readonly now: Date;
}

export interface SyncDeps {
  readonly backend: IncidentBackend;
  /** Sends the optional webhook; never throws (see webhook.ts). */
  readonly notify?: (event: WebhookEvent) => Promise<{ ok: boolean; error?: string }>;
}

export interface SyncedAction {
  readonly siteId: string;
  readonly track: Track;
  readonly action: Action['type'] | 'close-duplicate' | 'close-orphan';
  readonly issue: number | null;
}

export interface SyncReport {
  /** Files written under the data dir (to commit). */
  readonly files: string[];
  readonly actions: SyncedAction[];
  readonly notices: string[];
  /** Actions left for the next run because the run's write allowance was used up. */
  readonly deferred: number;
}

const EVENT_MARKER = /<!-- canhgac:event incident=\S+ key=(\S+) -->/;

const FIXED_LABELS: readonly LabelSpec[] = [
  { name: 'incident', color: 'b60205', description: 'Canh Gác incident' },
  { name: LABELS.acknowledged, color: '0e8a16', description: 'A responder has taken this on' },
  { name: LABELS.falsePositive, color: 'c5def5', description: 'Not a real incident: close and suppress this finding' },
  {
    name: LABELS.acceptBaseline,
    color: 'c5def5',
    description: 'With false-positive: take the current page as the new baseline',
  },
  { name: LABELS.maintenance, color: 'fbca04', description: 'Site under maintenance: no new incidents until removed' },
];
const KIND_COLOR = 'd93f0b';
const SEVERITY_COLOR: Record<string, string> = {
  critical: 'b60205',
  major: 'd93f0b',
  minor: 'fbca04',
  warning: 'fef2c0',
};

/**
 * Turns this run's statuses into incident issues: per site and track, advance the counters, decide
 * (step-track.ts, pure), and carry the actions out against the backend one by one, saving the
 * track's state after each success. Any backend failure stops that track for this run; the next run
 * derives what is left from the saved state, and finds issues again by their hidden marker.
 */
export async function syncIncidents(request: SyncRequest, deps: SyncDeps): Promise<SyncReport> {
  const { config, now } = request;
  const { backend } = deps;
  const store = createIncidentStore(request.dataDir);
  const files = new Set<string>();
  const actions: SyncedAction[] = [];
  const notices: string[] = [];
  let writesLeft = config.incidents.max_writes_per_run;
  let deferred = 0;
  const thresholds: IncidentThresholds = { ...config.thresholds, reopenAfterRuns: config.incidents.reopen_after_runs };

  let openIssues: IssueSnapshot[];
  let maintenanceIssues: IssueSnapshot[];
  try {
    [openIssues, maintenanceIssues] = await Promise.all([
      backend.listIssues(['incident'], 'open'),
      backend.listIssues([LABELS.maintenance], 'open'),
    ]);
  } catch (error) {
    notices.push(
      `incidents: skipped this run, could not list the open issues in ${backend.repository}: ${describe(error)}`,
    );
    return { files: [], actions, notices, deferred };
  }
  const openByNumber = new Map(openIssues.map((i) => [i.number, i]));
  // The backend remembers the labels it has made sure of: passing the fixed ones each time costs nothing.
  const ensureLabels = (extra: readonly LabelSpec[]) => backend.ensureLabels([...FIXED_LABELS, ...extra]);

  for (const { site, status } of request.checked) {
    const tracks = await store.readTracks(site.id);
    const observations = observe(status, config.thresholds.tls_warning_days, {
      availability: tracks.tracks.availability.suppressions,
      defacement: tracks.tracks.defacement.suppressions,
      tls: tracks.tracks.tls.suppressions,
    });
    const maintenance = inMaintenance(site, maintenanceIssues, now);
    let current: SiteTracks = tracks;
    const save = async () => {
      // A site that never failed keeps no file: 1,000 healthy sites add nothing to the repository.
      const trivial = TRACKS.every((t) => isTrivial(current.tracks[t]));
      const written = trivial && isTrivialSite(tracks) ? null : await store.writeTracks(current);
      if (written) files.add(written);
    };

    for (const track of TRACKS) {
      const observation = observations[track];
      const marker = incidentMarker(site.id, track);
      // Open issues carrying this incident's marker, oldest first. Normally none or the one we know;
      // more after overlapping runs each created one, or after a run died before saving a number.
      const marked = openIssues.filter((i) => i.body.includes(marker)).sort((a, b) => a.number - b.number);
      let state = current.tracks[track];
      const recorded = state.open;
      const keep = recorded ? (marked.find((i) => i.number === recorded.issue) ?? marked[0] ?? null) : null;
      if (recorded && keep && keep.number !== recorded.issue) {
        // Our record names an issue that is closed or unknown while another with our marker is open: that one is the incident.
        state = { ...state, open: { ...recorded, issue: keep.number, closedByResponder: null } };
        current = { ...current, tracks: { ...current.tracks, [track]: state } };
        await save();
      }
      if (keep) {
        const duplicates = marked.filter((i) => i.number !== keep.number);
        const leftovers: Leftovers = {
          siteId: site.id,
          track,
          action: 'close-duplicate',
          reason: 'not_planned',
          text: duplicateComment(keep.number),
        };
        writesLeft -= await closeLeftovers(backend, duplicates, leftovers, writesLeft, { actions, notices });
      }
      let view: { state: 'open' | 'closed'; labels: readonly string[] } | null = null;
      if (state.open?.issue) {
        const seen = openByNumber.get(state.open.issue);
        try {
          view = seen ? { state: 'open', labels: seen.labels } : await closedView(backend, state.open.issue);
        } catch (error) {
          notices.push(`incidents: ${site.id}/${track}: could not read issue #${state.open.issue}: ${describe(error)}`);
          continue;
        }
      }
      const step = stepTrack(state, observation, { siteId: site.id, track, thresholds, now, maintenance, issue: view });
      current = { ...current, tracks: { ...current.tracks, [track]: step.state } };
      await save();

      // Open issues with our marker but no incident on record (the record was lost with an overlapping
      // run's commit): once the track has recovered, they are closed like any resolved incident.
      if (
        step.state.open === null &&
        step.actions.length === 0 &&
        marked.length > 0 &&
        step.state.goodRuns >= thresholds.recovery
      ) {
        const leftovers: Leftovers = {
          siteId: site.id,
          track,
          action: 'close-orphan',
          reason: 'completed',
          text: orphanComment(),
        };
        writesLeft -= await closeLeftovers(backend, marked, leftovers, writesLeft, { actions, notices });
      }

      for (const action of step.actions) {
        const cost = writeCost(action);
        if (cost > writesLeft) {
          deferred += 1;
          break;
        }
        const before = current.tracks[track];
        let issue: number | undefined;
        try {
          issue = await perform(action, {
            site,
            status,
            track,
            state: before,
            observation,
            backend,
            store,
            config,
            now,
            ensureLabels,
            files,
            notify: deps.notify,
            notices,
            dataDir: request.dataDir,
          });
        } catch (error) {
          notices.push(
            `incidents: ${site.id}/${track}: ${action.type} failed, left for the next run: ${describe(error)}`,
          );
          break;
        }
        writesLeft -= cost;
        current = { ...current, tracks: { ...current.tracks, [track]: applyAction(before, action, now, issue) } };
        await save();
        actions.push({ siteId: site.id, track, action: action.type, issue: issue ?? before.open?.issue ?? null });
      }
    }
  }
  return { files: [...files], actions, notices, deferred };
}

/** Issues of ours that no incident keeps, closed alike: duplicates of the incident's issue, or orphans. */
interface Leftovers {
  readonly siteId: string;
  readonly track: Track;
  readonly action: 'close-duplicate' | 'close-orphan';
  readonly reason: 'completed' | 'not_planned';
  /** The comment each gets before it closes. */
  readonly text: string;
}

/**
 * Closes issues left over by overlapping or interrupted runs, two writes each, as far as `writesLeft`
 * allows; a failure is noted and the next run tries again. Returns the writes used.
 */
async function closeLeftovers(
  backend: IncidentBackend,
  issues: readonly IssueSnapshot[],
  leftovers: Leftovers,
  writesLeft: number,
  report: { readonly actions: SyncedAction[]; readonly notices: string[] },
): Promise<number> {
  const { siteId, track, action } = leftovers;
  let used = 0;
  for (const issue of issues) {
    if (writesLeft - used < 2) break;
    try {
      await closeAs(backend, issue.number, leftovers.reason, leftovers.text);
      used += 2;
      report.actions.push({ siteId, track, action, issue: issue.number });
    } catch (error) {
      report.notices.push(
        `incidents: ${siteId}/${track}: closing ${action === 'close-duplicate' ? 'duplicate ' : ''}#${issue.number} failed, left for the next run: ${describe(error)}`,
      );
    }
  }
  return used;
}

function isTrivial(state: TrackState): boolean {
  return state.open === null && state.suppressions.length === 0 && Object.keys(state.failingRuns).length === 0;
}

function isTrivialSite(tracks: SiteTracks): boolean {
  return TRACKS.every((t) => isTrivial(tracks.tracks[t])) && tracks.tracks.availability.goodRuns === 0;
}

/** Issue API writes an action makes (labels created on the way are not counted). */
function writeCost(action: Action): number {
  switch (action.type) {
    case 'open':
    case 'acknowledged':
    case 'closed-by-responder':
    case 'forget':
      return 0;
    case 'create-issue':
    case 'new-findings':
      return 1;
    case 'relevel':
    case 'resolve':
    case 'false-positive':
    case 'reopen':
      return 2;
  }
}

async function closedView(
  backend: IncidentBackend,
  number: number,
): Promise<{ state: 'open' | 'closed'; labels: readonly string[] }> {
  try {
    const issue = await backend.getIssue(number);
    return { state: issue.state, labels: issue.labels };
  } catch (error) {
    // Deleted or transferred away: for us, closed by a responder.
    if (error instanceof BackendError && (error.status === 404 || error.status === 410))
      return { state: 'closed', labels: [] };
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface PerformContext {
  readonly site: Site;
  readonly status: StatusFile;
  readonly track: Track;
  /** The track state before this action: the effects of the step's earlier actions are in it. */
  readonly state: TrackState;
  readonly observation: Observation;
  readonly backend: IncidentBackend;
  readonly store: IncidentStore;
  readonly config: Config;
  readonly now: Date;
  readonly ensureLabels: (extra: readonly LabelSpec[]) => Promise<void>;
  readonly files: Set<string>;
  readonly notify: SyncDeps['notify'];
  readonly notices: string[];
  readonly dataDir: string;
}

type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;

/** Carries out one action; returns the issue number for `create-issue`. */
async function perform(action: Action, c: PerformContext): Promise<number | undefined> {
  switch (action.type) {
    case 'open':
      await recordOpened(action, c);
      return undefined;
    case 'create-issue':
      return findOrCreateIssue(action, c);
    case 'relevel':
      await relevel(action, issueOf(action, c), c);
      return undefined;
    case 'new-findings':
      await tellNewFindings(action, issueOf(action, c), c);
      return undefined;
    case 'acknowledged':
      await recordAcknowledged(action, c);
      return undefined;
    case 'resolve':
      await resolve(action, issueOf(action, c), c);
      return undefined;
    case 'false-positive':
      await closeAsFalsePositive(action, issueOf(action, c), c);
      return undefined;
    case 'closed-by-responder':
      await recordClosedByResponder(action, c);
      return undefined;
    case 'reopen':
      await reopen(action, issueOf(action, c), c);
      return undefined;
    case 'forget':
      await finish(c, action.incident.id, 'resolved', ['resolved', 'recovered after a responder closed the issue']);
      return undefined;
  }
}

/**
 * The number of the incident's issue. An action cannot carry it: when the number was not saved
 * (a run died while creating the issue), `create-issue` finds it at the start of the same step, and
 * its effect is in the state by the time the actions after it are carried out.
 */
function issueOf(action: Action, c: PerformContext): number {
  const number = c.state.open?.issue ?? null;
  if (number === null)
    throw new Error(`${action.type} for ${c.site.id}/${c.track} needs the incident's issue, whose number is unknown`);
  return number;
}

/** A new incident: its public and internal records; its issue is the next action. */
async function recordOpened(action: ActionOf<'open'>, c: PerformContext): Promise<void> {
  await writeRecords(c, action.id, {
    kind: action.kind,
    public: openedPublic(action.id, c.site, action.level, action.severity, action.startedAt, c.now),
    log: ['opened', `${action.kind} (${action.level})`],
  });
}

/**
 * The incident's issue: the open one carrying its marker, or a new one. Two overlapping runs may both
 * have created one: the oldest stays, the others close as duplicates (here, or by the next run if
 * this fails). Returns the issue's number.
 */
async function findOrCreateIssue(action: ActionOf<'create-issue'>, c: PerformContext): Promise<number> {
  const { incident } = action;
  const { site, backend } = c;
  let found = await markedIssues(c);
  let created = false;
  if (found.length === 0) {
    await c.ensureLabels(labelSpecs(site.id, incident.kind, incident.severity));
    const body = issueBody({
      site,
      track: c.track,
      kind: incident.kind,
      level: incident.level,
      severity: incident.severity,
      startedAt: new Date(incident.startedAt),
      status: c.status,
      findings: c.observation.findings,
      timeZone: c.config.time_zone,
      internalUrl: c.config.incidents.internal_url ? internalUrlOf(c.config.incidents.internal_url, site.id) : null,
    });
    await backend.createIssue({
      title: issueTitle(site, incident.kind, incident.level),
      body,
      labels: issueLabels(site.id, incident.kind, incident.severity),
      assignees: site.responders,
    });
    created = true;
    found = await markedIssues(c);
  }
  const [issue, ...duplicates] = found;
  if (issue === undefined)
    throw new BackendError(`the issue just created for ${site.id}/${c.track} is not listed yet`, {
      status: null,
      retryable: true,
    });
  for (const extra of duplicates) await closeAs(backend, extra.number, 'not_planned', duplicateComment(issue.number));
  const ref: IssueRef = { backend: backend.kind, repository: backend.repository, number: issue.number, url: issue.url };
  await writeRecords(c, incident.id, {
    kind: incident.kind,
    issue: ref,
    log: [created ? 'issue-created' : 'issue-found', `#${issue.number}`],
  });
  await notify(c, 'open', incident, null, ref);
  return issue.number;
}

/** Open issues carrying the incident's marker, oldest first. */
async function markedIssues(c: PerformContext): Promise<IssueSnapshot[]> {
  const marker = incidentMarker(c.site.id, c.track);
  return (await c.backend.listIssues(['incident', `site:${c.site.id}`], 'open'))
    .filter((i) => i.body.includes(marker))
    .sort((a, b) => a.number - b.number);
}

/** Another level of the same track: title and labels follow, and a comment says which way it went. */
async function relevel(action: ActionOf<'relevel'>, number: number, c: PerformContext): Promise<void> {
  const { incident } = action;
  const { site, backend } = c;
  await c.ensureLabels(labelSpecs(site.id, action.kind, action.severity));
  const current = await backend.getIssue(number);
  const keep = current.labels.filter((l) => !l.startsWith('kind:') && !l.startsWith('severity:'));
  await backend.updateIssue(number, {
    title: issueTitle(site, action.kind, action.to),
    labels: [...keep, `kind:${action.kind}`, `severity:${action.severity}`],
  });
  const rising = action.severity !== incident.severity && rank(action.severity) > rank(incident.severity);
  const text = relevelComment({
    from: { kind: incident.kind, level: action.from },
    to: { kind: action.kind, level: action.to },
    severity: action.severity,
    rising,
    fresh: action.findings.filter((f) => !incident.reported.includes(f.fingerprint)),
  });
  await comment(c, number, incident.id, text);
  const previous = await c.store.readPublic(incident.id);
  await writeRecords(c, incident.id, {
    ...(previous ? { public: releveledPublic(previous, site, action.to, action.severity, c.now) } : {}),
    log: [rising ? 'escalated' : 'eased', `${action.from} → ${action.to}`],
    kind: action.kind,
  });
  if (rising) await notify(c, 'escalate', { ...incident, kind: action.kind, severity: action.severity }, null, null);
}

async function tellNewFindings(action: ActionOf<'new-findings'>, number: number, c: PerformContext): Promise<void> {
  const { incident, findings } = action;
  await comment(c, number, incident.id, newFindingsComment(findings));
  await writeRecords(c, incident.id, {
    kind: incident.kind,
    log: ['new-findings', findings.map((f) => f.fingerprint).join(', ')],
  });
}

async function recordAcknowledged(action: ActionOf<'acknowledged'>, c: PerformContext): Promise<void> {
  const { id, kind } = action.incident;
  const previous = await c.store.readPublic(id);
  await writeRecords(c, id, {
    kind,
    ...(previous ? { public: acknowledgedPublic(previous, c.now) } : {}),
    log: ['acknowledged', 'label added by a responder'],
    acknowledged: true,
  });
}

async function resolve(action: ActionOf<'resolve'>, number: number, c: PerformContext): Promise<void> {
  const { incident } = action;
  await comment(c, number, incident.id, recoveredComment(action.durationMs));
  await c.backend.updateIssue(number, { state: 'closed', stateReason: 'completed' });
  await finish(c, incident.id, 'resolved', ['resolved', `after ${formatDuration(action.durationMs).en}`]);
  await notify(c, 'resolve', incident, c.now.toISOString(), null);
}

/** A responder's `false-positive` label: the issue closes, and with `accept-baseline` the page is learnt again. */
async function closeAsFalsePositive(
  action: ActionOf<'false-positive'>,
  number: number,
  c: PerformContext,
): Promise<void> {
  const baselineAccepted = action.acceptBaseline && c.track === 'defacement';
  if (baselineAccepted) await requestBaselineAccept(c.dataDir, c.site.id, c.now, `issue #${number}`);
  await comment(c, number, action.incident.id, falsePositiveComment(action.fingerprints, baselineAccepted));
  await c.backend.updateIssue(number, { state: 'closed', stateReason: 'not_planned' });
  await finish(c, action.incident.id, 'false-positive', ['false-positive', action.fingerprints.join(', ')]);
}

async function recordClosedByResponder(action: ActionOf<'closed-by-responder'>, c: PerformContext): Promise<void> {
  await writeRecords(c, action.incident.id, {
    kind: action.incident.kind,
    log: [
      'closed-by-responder',
      `still failing; reopened after ${c.config.incidents.reopen_after_runs} more failing runs`,
    ],
  });
}

async function reopen(action: ActionOf<'reopen'>, number: number, c: PerformContext): Promise<void> {
  const { incident, failingRuns } = action;
  await c.backend.updateIssue(number, { state: 'open', stateReason: 'reopened' });
  await comment(c, number, incident.id, reopenComment(failingRuns));
  await writeRecords(c, incident.id, {
    kind: incident.kind,
    log: ['reopened', `${failingRuns} failing runs after a responder closed it`],
  });
}

/** Writes the public record (when given) and the internal one with this run's evidence and a log line. */
async function writeRecords(
  c: PerformContext,
  id: string,
  update: {
    readonly kind: Kind;
    readonly public?: PublicIncident;
    readonly log?: [string, string];
    readonly issue?: IssueRef;
    readonly acknowledged?: boolean;
  },
): Promise<void> {
  if (update.public) add(c.files, await c.store.writePublic(update.public));
  const previous = await c.store.readInternal(id);
  let record = internalRecord(
    {
      id,
      site: c.site,
      track: c.track,
      kind: update.kind,
      status: c.status,
      findings: c.observation.findings,
      issue: update.issue ?? null,
    },
    previous,
    // `acknowledged` may have come earlier in this step: the state has it, the action does not.
    update.acknowledged ?? c.state.open?.acknowledged ?? false,
  );
  if (update.log) record = logged(record, c.now, update.log[0], update.log[1]);
  add(c.files, await c.store.writeInternal(record));
}

/** Comments on the issue, unless our latest comment there says the same (a retried run). */
async function comment(c: PerformContext, number: number, incidentId: string, text: string): Promise<void> {
  const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const ours = (await c.backend.recentComments(number))
    .map((b) => EVENT_MARKER.exec(b)?.[1])
    .filter((k): k is string => k !== undefined);
  if (ours.at(-1) === key) return;
  await c.backend.addComment(number, `${eventMarker(incidentId, key)}\n${text}`);
}

/** Sends the webhook, if one is configured; a failure is a notice, never an error. */
async function notify(
  c: PerformContext,
  event: WebhookEvent['event'],
  incident: { readonly id: string; readonly kind: Kind; readonly severity: Severity; readonly startedAt: string },
  resolvedAt: string | null,
  issue: IssueRef | null,
): Promise<void> {
  if (!c.notify) return;
  const { site } = c;
  const internalBase = c.config.incidents.internal_url;
  const result = await c.notify({
    event,
    at: c.now.toISOString(),
    incident: {
      id: incident.id,
      siteId: site.id,
      siteName: site.name,
      kind: incident.kind,
      severity: incident.severity,
      startedAt: incident.startedAt,
      resolvedAt,
      issueUrl: issue?.url ?? null,
      internalUrl: internalBase ? internalUrlOf(internalBase, site.id) : null,
    },
  });
  if (!result.ok)
    c.notices.push(`incidents: webhook for ${site.id} (${event}) failed: ${result.error ?? 'unknown error'}`);
}

/** Ends the incident's records: the public one closes as `state`, the internal one logs why. */
async function finish(
  c: PerformContext,
  id: string,
  state: 'resolved' | 'false-positive',
  log: [string, string],
): Promise<void> {
  const previous = await c.store.readPublic(id);
  if (previous) add(c.files, await c.store.writePublic(closedPublic(previous, state, c.now)));
  const internal = await c.store.readInternal(id);
  if (internal) add(c.files, await c.store.writeInternal(logged(internal, c.now, log[0], log[1])));
}

function add(files: Set<string>, file: string | null): void {
  if (file) files.add(file);
}

function rank(severity: string): number {
  return ['warning', 'minor', 'major', 'critical'].indexOf(severity);
}

function labelSpecs(siteId: string, kind: string, severity: string): LabelSpec[] {
  return [
    { name: `kind:${kind}`, color: KIND_COLOR, description: `Incident kind: ${kind}` },
    {
      name: `severity:${severity}`,
      color: SEVERITY_COLOR[severity] ?? 'ededed',
      description: `Incident severity: ${severity}`,
    },
    { name: `site:${siteId}`, color: 'ededed', description: `Site ${siteId}` },
  ];
}

function internalUrlOf(base: string, siteId: string): string {
  return `${base.replace(/\/+$/, '')}/site/${siteId}/`;
}
