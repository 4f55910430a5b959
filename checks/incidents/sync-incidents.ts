import { createHash } from 'node:crypto';
import { requestBaselineAccept } from '../defacement/baseline-requests.ts';
import type { Config } from '../schemas/config.ts';
import {
  TRACKS,
  type IssueRef,
  type Kind,
  type PublicIncident,
  type SiteTracks,
  type Track,
  type TrackState,
} from '../schemas/incident.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import { BackendError, type IncidentBackend, type IssueSnapshot, type LabelSpec } from './backend.ts';
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
import { neutraliseInline } from './neutralise.ts';
import { observe, type Observation } from './observe.ts';
import {
  eventMarker,
  findingsList,
  formatDuration,
  incidentMarker,
  issueBody,
  issueLabels,
  issueTitle,
  kindText,
} from './render-issue.ts';
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
      const keep = state.open ? (marked.find((i) => i.number === state.open!.issue) ?? marked[0] ?? null) : null;
      if (state.open && keep && keep.number !== state.open.issue) {
        // Our record names an issue that is closed or unknown while another with our marker is open: that one is the incident.
        state = { ...state, open: { ...state.open, issue: keep.number, closedByResponder: null } };
        current = { ...current, tracks: { ...current.tracks, [track]: state } };
        await save();
      }
      // Closes issues left over by overlapping or interrupted runs, within the write allowance.
      const closeLeftovers = async (
        issues: readonly IssueSnapshot[],
        action: 'close-duplicate' | 'close-orphan',
        reason: 'completed' | 'not_planned',
        text: string,
      ) => {
        for (const issue of issues) {
          if (writesLeft < 2) break;
          try {
            await closeAs(backend, issue.number, reason, text);
            writesLeft -= 2;
            actions.push({ siteId: site.id, track, action, issue: issue.number });
          } catch (error) {
            notices.push(
              `incidents: ${site.id}/${track}: closing ${action === 'close-duplicate' ? 'duplicate ' : ''}#${issue.number} failed, left for the next run: ${describe(error)}`,
            );
          }
        }
      };
      if (keep)
        await closeLeftovers(
          marked.filter((i) => i.number !== keep.number),
          'close-duplicate',
          'not_planned',
          duplicateOf(keep.number),
        );
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
        await closeLeftovers(marked, 'close-orphan', 'completed', '**Đã khôi phục / Recovered.**');
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
            openIssues,
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

async function closeAs(
  backend: IncidentBackend,
  number: number,
  reason: 'completed' | 'not_planned',
  text: string,
): Promise<void> {
  await backend.addComment(number, text);
  await backend.updateIssue(number, { state: 'closed', stateReason: reason });
}

function duplicateOf(number: number): string {
  return `Trùng với #${number} / Duplicate of #${number}.`;
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
  readonly state: TrackState;
  readonly observation: Observation;
  readonly backend: IncidentBackend;
  readonly store: IncidentStore;
  readonly config: Config;
  readonly now: Date;
  readonly openIssues: readonly IssueSnapshot[];
  readonly ensureLabels: (extra: readonly LabelSpec[]) => Promise<void>;
  readonly files: Set<string>;
  readonly notify: SyncDeps['notify'];
  readonly notices: string[];
  readonly dataDir: string;
}

/** Carries out one action; returns the issue number for `create-issue`. */
async function perform(action: Action, c: PerformContext): Promise<number | undefined> {
  const { site, now, store, backend } = c;
  const open = c.state.open;
  const issueRef = (n: number, url: string): IssueRef => ({
    backend: backend.kind,
    repository: backend.repository,
    number: n,
    url,
  });
  const writeRecords = async (
    id: string,
    update: { public?: PublicIncident; log?: [string, string]; issue?: IssueRef; kind?: Kind; acknowledged?: boolean },
  ) => {
    if (update.public) add(c.files, await store.writePublic(update.public));
    const previous = await store.readInternal(id);
    const kind = update.kind ?? open?.kind ?? previous?.kind ?? 'down';
    let record = internalRecord(
      {
        id,
        site,
        track: c.track,
        kind,
        status: c.status,
        findings: c.observation.findings,
        issue: update.issue ?? null,
      },
      previous,
      update.acknowledged ?? open?.acknowledged ?? false,
    );
    if (update.log) record = logged(record, now, update.log[0], update.log[1]);
    add(c.files, await store.writeInternal(record));
  };
  const comment = async (number: number, incidentId: string, text: string) => {
    const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
    // A retried run must not say the same thing twice: skip when our latest comment is this one.
    const ours = (await backend.recentComments(number))
      .map((b) => EVENT_MARKER.exec(b)?.[1])
      .filter((k): k is string => k !== undefined);
    if (ours.at(-1) === key) return;
    await backend.addComment(number, `${eventMarker(incidentId, key)}\n${text}`);
  };
  const notify = async (
    event: WebhookEvent['event'],
    id: string,
    kind: string,
    severity: string,
    startedAt: string,
    resolvedAt: string | null,
    issue: IssueRef | null,
  ) => {
    if (!c.notify) return;
    const internalBase = c.config.incidents.internal_url;
    const result = await c.notify({
      event,
      at: now.toISOString(),
      incident: {
        id,
        siteId: site.id,
        siteName: site.name,
        kind,
        severity,
        startedAt,
        resolvedAt,
        issueUrl: issue?.url ?? null,
        internalUrl: internalBase ? internalUrlOf(internalBase, site.id) : null,
      },
    });
    if (!result.ok)
      c.notices.push(`incidents: webhook for ${site.id} (${event}) failed: ${result.error ?? 'unknown error'}`);
  };

  switch (action.type) {
    case 'open': {
      await writeRecords(action.id, {
        public: openedPublic(action.id, site, action.level, action.severity, action.startedAt, now),
        log: ['opened', `${action.kind} (${action.level})`],
        kind: action.kind,
      });
      return undefined;
    }
    case 'create-issue': {
      // When `open` came first in this step, its effect is already in `c.state` (applied after each action).
      const incident = open!;
      const marker = incidentMarker(site.id, c.track);
      const mine = async () =>
        (await backend.listIssues(['incident', `site:${site.id}`], 'open'))
          .filter((i) => i.body.includes(marker))
          .sort((a, b) => a.number - b.number);
      let found = await mine();
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
        found = await mine();
        if (found.length === 0)
          throw new BackendError(`the issue just created for ${site.id}/${c.track} is not listed yet`, {
            status: null,
            retryable: true,
          });
      }
      // Read back: two overlapping runs may both have created one. The oldest stays; the others close
      // as duplicates (here, or by the next run if this fails).
      for (const extra of found.slice(1))
        await closeAs(backend, extra.number, 'not_planned', duplicateOf(found[0]!.number));
      const issue = found[0]!;
      const ref = issueRef(issue.number, issue.url);
      await writeRecords(incident.id, {
        issue: ref,
        log: [created ? 'issue-created' : 'issue-found', `#${issue.number}`],
      });
      await notify('open', incident.id, incident.kind, incident.severity, incident.startedAt, null, ref);
      return issue.number;
    }
    case 'relevel': {
      const number = open!.issue!;
      await c.ensureLabels(labelSpecs(site.id, action.kind, action.severity));
      const current = await backend.getIssue(number);
      const keep = current.labels.filter((l) => !l.startsWith('kind:') && !l.startsWith('severity:'));
      await backend.updateIssue(number, {
        title: issueTitle(site, action.kind, action.to),
        labels: [...keep, `kind:${action.kind}`, `severity:${action.severity}`],
      });
      const from = kindText(open!.kind, action.from);
      const to = kindText(action.kind, action.to);
      const rising = action.severity !== open!.severity && rank(action.severity) > rank(open!.severity);
      const fresh = action.findings.filter((f) => !open!.reported.includes(f.fingerprint));
      const text = [
        `**${rising ? 'Nâng mức / Escalated' : 'Giảm mức / Eased'}:** ${from.vi} → ${to.vi} / ${from.en} → ${to.en} (severity ${action.severity}).`,
        ...(fresh.length ? ['', findingsList(fresh)] : []),
      ].join('\n');
      await comment(number, open!.id, text);
      const previous = await store.readPublic(open!.id);
      await writeRecords(open!.id, {
        ...(previous ? { public: releveledPublic(previous, site, action.to, action.severity, now) } : {}),
        log: [rising ? 'escalated' : 'eased', `${action.from} → ${action.to}`],
        kind: action.kind,
      });
      if (rising) await notify('escalate', open!.id, action.kind, action.severity, open!.startedAt, null, null);
      return undefined;
    }
    case 'new-findings': {
      await comment(
        open!.issue!,
        open!.id,
        ['**Dấu hiệu mới / New findings:**', '', findingsList(action.findings)].join('\n'),
      );
      await writeRecords(open!.id, { log: ['new-findings', action.findings.map((f) => f.fingerprint).join(', ')] });
      return undefined;
    }
    case 'acknowledged': {
      const previous = await store.readPublic(open!.id);
      await writeRecords(open!.id, {
        ...(previous ? { public: acknowledgedPublic(previous, now) } : {}),
        log: ['acknowledged', 'label added by a responder'],
        acknowledged: true,
      });
      return undefined;
    }
    case 'resolve': {
      const number = open!.issue!;
      const duration = formatDuration(action.durationMs);
      await comment(number, open!.id, `**Đã khôi phục / Recovered** sau / after ${duration.vi} / ${duration.en}.`);
      await backend.updateIssue(number, { state: 'closed', stateReason: 'completed' });
      await finish(c, 'resolved', ['resolved', `after ${duration.en}`]);
      await notify('resolve', open!.id, open!.kind, open!.severity, open!.startedAt, now.toISOString(), null);
      return undefined;
    }
    case 'false-positive': {
      const number = open!.issue!;
      const lines = [
        '**Báo động nhầm / False positive.** Các dấu hiệu sau không còn được tính / these findings no longer count:',
        '',
        ...action.fingerprints.map((f) => `- ${neutraliseInline(f, 200)}`),
      ];
      if (action.acceptBaseline && c.track === 'defacement') {
        await requestBaselineAccept(c.dataDir, site.id, now, `issue #${number}`);
        lines.push(
          '',
          'Lần kiểm tra tới sẽ lấy trang hiện tại làm mốc mới / the next check takes the current page as the new baseline.',
        );
      }
      await comment(number, open!.id, lines.join('\n'));
      await backend.updateIssue(number, { state: 'closed', stateReason: 'not_planned' });
      await finish(c, 'false-positive', ['false-positive', action.fingerprints.join(', ')]);
      return undefined;
    }
    case 'closed-by-responder': {
      await writeRecords(open!.id, {
        log: [
          'closed-by-responder',
          `still failing; reopened after ${c.config.incidents.reopen_after_runs} more failing runs`,
        ],
      });
      return undefined;
    }
    case 'reopen': {
      const number = open!.issue!;
      await backend.updateIssue(number, { state: 'open', stateReason: 'reopened' });
      await comment(
        number,
        open!.id,
        `**Mở lại / Reopened:** trang vẫn lỗi sau ${action.failingRuns} lần kiểm tra kể từ khi đóng / still failing ${action.failingRuns} checks after this was closed.`,
      );
      await writeRecords(open!.id, {
        log: ['reopened', `${action.failingRuns} failing runs after a responder closed it`],
      });
      return undefined;
    }
    case 'forget': {
      await finish(c, 'resolved', ['resolved', 'recovered after a responder closed the issue']);
      return undefined;
    }
  }
}

async function finish(c: PerformContext, state: 'resolved' | 'false-positive', log: [string, string]): Promise<void> {
  const id = c.state.open!.id;
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
