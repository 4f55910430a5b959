import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../schemas/config.ts';
import type { RunFile } from '../schemas/run.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import type { IncidentBackend } from '../incidents/backend.ts';
import { chooseBackend } from '../incidents/choose-backend.ts';
import { syncIncidents, type SyncDeps, type SyncReport } from '../incidents/sync-incidents.ts';
import { webhookNotifier } from '../incidents/webhook-notifier.ts';
import { monitorTick, recordTickFile, type MonitorReport } from '../monitor/monitor-tick.ts';
import { judgeVantage } from '../monitor/vantage.ts';
import { vantageTick, type VantageReport } from '../monitor/vantage-tick.ts';
import { toJson, writeFileAtomic } from '../store/atomic-write.ts';
import { type CarriedFiles, writeCarried } from '../store/carried-files.ts';
import { commitRun, type CommitOutcome } from '../store/commit-run.ts';
import { dataPaths } from '../store/data-paths.ts';
import { pushRun, type PushOutcome } from '../store/push-run.ts';
import { readIfPresent } from '../store/read-if-present.ts';
import { readLastStatus } from '../store/read-status.ts';
import { runPeriod } from '../store/run-period.ts';
import { writeResults, type WriteNotice } from '../store/write-results.ts';

export interface PublishRequest {
  readonly resultsDir: string;
  readonly config: Config;
  /** The registry's valid sites by id: statuses of sites no longer registered are not published. */
  readonly sites: ReadonlyMap<string, Site>;
  /** This tick's statuses, from every shard that reported. */
  readonly statuses: readonly StatusFile[];
  /** Baselines, screenshots, evidence and accept-request deletions the checks produced. */
  readonly carried: CarriedFiles;
  /** One run file per shard that reported. */
  readonly runs: readonly RunFile[];
  readonly startedAt: Date;
  /** Why nothing is committed (flat layout, --no-commit); null commits on the results branch. */
  readonly commitSkipped: string | null;
  /** Push the results branch here after committing. */
  readonly push: { readonly remote: string; readonly branch: string } | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Shards that were expected but did not report: their sites keep their previous results. */
  readonly missingShards?: readonly string[];
}

export interface PublishDeps {
  /** Where incidents go; null turns them off. Default: chosen from config and the environment. */
  readonly incidents?: IncidentBackend | null;
  readonly notify?: SyncDeps['notify'];
}

export interface PublishReport {
  readonly notices: WriteNotice[];
  /** Sites whose stored status was newer than this tick's (an overlapping tick published first). */
  readonly superseded: readonly string[];
  readonly incidents: SyncReport | null;
  /** This tick's cadence and what it did about the monitor's own incident (late ticks). */
  readonly monitor: MonitorReport;
  /** Whether the runner itself likely failed (mass network failures) and the `network` incident. */
  readonly vantage: VantageReport;
  readonly commit: CommitOutcome;
  readonly push: PushOutcome | null;
}

/**
 * The single writer of a tick: puts the checks' results into the results dir, folds the statuses into
 * the histories, turns them into incidents, and commits and pushes the results branch once. When
 * another writer pushed meanwhile, the same results are applied again on top of theirs (histories
 * re-read, newer statuses kept), so overlapping ticks lose nothing.
 */
export async function publishResults(request: PublishRequest, deps: PublishDeps = {}): Promise<PublishReport> {
  const { resultsDir, config } = request;
  const paths = dataPaths(resultsDir);
  const stamp = request.startedAt.toISOString();
  const notices: WriteNotice[] = [];
  const unknown = request.statuses.filter((s) => !request.sites.has(s.id));
  for (const s of unknown)
    notices.push({
      file: paths.status(s.id),
      message: `not published: no valid site "${s.id}" in the registry any more`,
    });
  const known = request.statuses.filter((s) => request.sites.has(s.id));

  /** Everything but incidents: also what a retried push applies again on the newer head. */
  const apply = async () => {
    // The tick merges into the ticks found there: another writer's tick is kept, not overwritten.
    const tick = await recordTickFile(resultsDir, request.startedAt);
    await writeCarried(request.carried);
    const { fresh, superseded, unreadable } = await newerThanStored(resultsDir, known, stamp);
    const written = [...unreadable, ...(await writeResults(resultsDir, fresh, config.time_zone, stamp))];
    await mkdir(path.dirname(paths.run({ index: 1, count: 1 })), { recursive: true });
    for (const run of request.runs) await writeFileAtomic(paths.run(run.shard), toJson(run));
    return { fresh, superseded, written, tick };
  };
  const first = await apply();
  notices.push(...first.written);
  for (const message of first.tick.notices) notices.push({ file: 'monitor', message });
  for (const id of first.superseded)
    notices.push({
      file: paths.status(id),
      message: "kept the stored status: it is newer than this tick's (an overlapping tick published first)",
    });
  if (request.missingShards && request.missingShards.length > 0) {
    notices.push({
      file: 'shards',
      message: `no results from shard ${request.missingShards.join(', ')}: their sites keep their previous results`,
    });
  }

  const backendNotices: string[] = [];
  const chosen =
    deps.incidents !== undefined
      ? { backend: deps.incidents, notice: null }
      : chooseBackend(config, request.env, resultsDir, (m) => backendNotices.push(m));
  if (chosen.notice) notices.push({ file: 'incidents', message: chosen.notice });
  const notify = deps.notify ?? webhookNotifier(config.incidents.webhook, request.env);
  // Judged on every status of this tick, superseded ones included: they are what this runner saw.
  const judgement = judgeVantage(known, request.sites, config.pipeline.vantage);
  // The runner likely lost its DNS or network: no site's counters move this tick (statuses and history
  // are still written, they are data). Passing no site keeps every track exactly as it was.
  const incidents = chosen.backend
    ? await syncIncidents(
        {
          dataDir: resultsDir,
          config,
          checked: judgement.failed
            ? []
            : first.fresh.map((status) => ({ site: request.sites.get(status.id)!, status })),
          now: request.startedAt,
        },
        { backend: chosen.backend, ...(notify ? { notify } : {}) },
      )
    : null;
  for (const message of [...backendNotices, ...(incidents?.notices ?? [])])
    notices.push({ file: 'incidents', message });
  // What the incident sync wrote, kept as bytes: a retried push restores them on the newer head.
  const incidentFiles: Map<string, Buffer | null> = new Map();
  for (const file of incidents?.files ?? []) incidentFiles.set(file, await readIfPresent(file));

  // The monitor's own incident (a late tick) goes through the same backend; off means record only.
  const monitor = await monitorTick(
    { dataDir: resultsDir, config, recorded: first.tick, now: request.startedAt, env: request.env },
    { backend: chosen.backend },
  );
  const vantage = await vantageTick(
    { dataDir: resultsDir, config, judgement, cadence: monitor.cadence, now: request.startedAt, env: request.env },
    { backend: chosen.backend },
  );
  // The monitor's two incidents (late ticks, the network) share its notices and its files.
  for (const sync of [monitor.incident, vantage.incident]) {
    for (const message of sync?.notices ?? []) notices.push({ file: 'monitor', message });
    for (const file of sync?.files ?? []) incidentFiles.set(file, await readIfPresent(file));
  }

  const runsTotal = sum(request.runs);
  const commitRequest = {
    files: [
      ...known.flatMap((s) => [paths.status(s.id), paths.history(s.id)]),
      ...request.carried.keys(),
      ...request.runs.map((r) => paths.run(r.shard)),
      ...incidentFiles.keys(),
      first.tick.file,
    ],
    period: runPeriod(request.startedAt, config.time_zone, config.git.squash_runs),
    policy: config.git.squash_runs,
    subject: `Canh Gác: ${runsTotal.up} up, ${runsTotal.degraded} degraded, ${runsTotal.down} down${request.runs.length > 1 ? ` (${request.runs.length} shards)` : ''}`,
  };
  const commit: CommitOutcome =
    request.commitSkipped === null ? await commitRun(commitRequest) : { kind: 'skipped', why: request.commitSkipped };
  const push =
    request.push && commit.kind !== 'skipped'
      ? await pushRun({
          repoDir: resultsDir,
          remote: request.push.remote,
          branch: request.push.branch,
          reapply: async () => {
            await apply();
            await writeCarried(incidentFiles);
            return commitRun(commitRequest);
          },
        })
      : null;
  return { notices, superseded: first.superseded, incidents, monitor, vantage, commit, push };
}

/**
 * Statuses newer than the one stored for their site; the others are superseded. A stored status that
 * does not parse is moved aside (`unreadable` says where) and this tick's replaces it.
 */
async function newerThanStored(
  resultsDir: string,
  statuses: readonly StatusFile[],
  stamp: string,
): Promise<{ fresh: StatusFile[]; superseded: string[]; unreadable: WriteNotice[] }> {
  const fresh: StatusFile[] = [];
  const superseded: string[] = [];
  const unreadable: WriteNotice[] = [];
  for (const status of statuses) {
    const stored = await readLastStatus(resultsDir, status.id, stamp);
    if (stored.notice) unreadable.push(stored.notice);
    if (stored.status && Date.parse(stored.status.checkedAt) > Date.parse(status.checkedAt)) superseded.push(status.id);
    else fresh.push(status);
  }
  return { fresh, superseded, unreadable };
}

function sum(runs: readonly RunFile[]): { up: number; degraded: number; down: number } {
  return runs.reduce((t, r) => ({ up: t.up + r.up, degraded: t.degraded + r.degraded, down: t.down + r.down }), {
    up: 0,
    degraded: 0,
    down: 0,
  });
}
