import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../schemas/config.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import type { RunFile } from '../schemas/run.ts';
import { makeResolver, trustedRoots } from '../probes/probe-setup.ts';
import { loadRegistry, type Problem } from '../registry/load-registry.ts';
import type { CommitOutcome } from '../store/commit-run.ts';
import type { PushOutcome } from '../store/push-run.ts';
import { dataPaths } from '../store/data-paths.ts';
import type { DataLocation } from '../store/data-location.ts';
import { openResultsWorktree } from '../store/results-branch.ts';
import { pathExists } from '../store/path-exists.ts';
import { stageCarried } from '../store/carried-files.ts';
import { exportShard } from '../store/shard-results.ts';
import type { WriteNotice } from '../store/write-results.ts';
import { publishResults } from './publish-results.ts';
import type { DnsResolver } from '../probes/resolve-host.ts';
import { checkSite, type SiteCheck } from './check-site.ts';
import { hasAcceptRequest, listAcceptRequests } from '../defacement/baseline-requests.ts';
import { inspectSite } from '../defacement/inspect-site.ts';
import { unreadSite } from '../defacement/subpage-memory.ts';
import { readLastStatus } from '../store/read-status.ts';
import { createModelWorkers, type ModelExtractor } from '../defacement/model-extractor.ts';
import { findBrowser } from '../visual/find-browser.ts';
import { createVisualTier, type VisualTier } from '../visual/visual-tier.ts';
import { createByteBudget } from './byte-budget.ts';
import { startGarbageNudge } from './garbage-nudge.ts';
import { createLimiter } from './limiter.ts';
import { mapPool } from './pool.ts';
import { inShard, type Shard } from './shard.ts';
import type { IncidentBackend } from '../incidents/backend.ts';
import type { SyncDeps, SyncReport } from '../incidents/sync-incidents.ts';
import type { MonitorReport } from '../monitor/monitor-tick.ts';
import type { VantageReport } from '../monitor/vantage-tick.ts';

export interface RunOptions {
  /** Where the registry is read and results are written (store/data-location.ts). */
  readonly location: DataLocation;
  /** Check only these site ids (after sharding). */
  readonly only?: readonly string[];
  readonly shard?: Shard;
  readonly allowPrivate: boolean;
  /** The run's instant; fixed by `--now` to simulate days in seconds. */
  readonly now?: Date;
  /** Commit the results on the results branch (never in the flat layout). */
  readonly commit: boolean;
  /** Push the results branch to this remote. */
  readonly push?: { readonly remote: string } | undefined;
  /**
   * Write this shard's results to this directory for the pipeline's publish job, instead of publishing
   * them: no history, no incidents, no commit (the check job holds no write token).
   */
  readonly exportDir?: string | undefined;
  /** Environment, for the browser's location ($CANHGAC_CHROMIUM) and the incident backend; read once by the CLI. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Told after each site, for progress output. */
  readonly onProgress?: (check: Pick<SiteCheck, 'status'>, done: number, total: number) => void;
}

export interface RunReport {
  readonly config: Config;
  /** Each site's result. Page bodies are not kept: 10,000 pages would hold gigabytes until the run ends. */
  readonly checks: readonly Pick<SiteCheck, 'status'>[];
  readonly problems: readonly Problem[];
  readonly notices: readonly WriteNotice[];
  readonly unknownIds: readonly string[];
  /** id → display name, for reports. */
  readonly siteNames: ReadonlyMap<string, string>;
  readonly run: RunFile;
  readonly commit: CommitOutcome;
  readonly push: PushOutcome | null;
  /** What the run did about incidents; null when incidents are off or the results were exported. */
  readonly incidents: SyncReport | null;
  /** The tick's cadence and the monitor's own incident; null when the results were exported. */
  readonly monitor: MonitorReport | null;
  /** Whether the runner itself likely failed, and the monitor's `network` incident; null when exported. */
  readonly vantage: VantageReport | null;
  /** Where the results went: the results dir, or the export dir of a pipeline shard. */
  readonly resultsDir: string;
  readonly exported: string | null;
  /**
   * Page bytes and models held at once against `probe.max_bytes_in_flight` (run/byte-budget.ts): the
   * most the run held, for sizing the budget and the runner's memory (docs/configuration.md).
   */
  readonly bytesInFlight: { readonly limit: number; readonly peak: number };
}

/** Injected I/O; defaults are the real resolver and timers. */
export interface RunDeps {
  readonly resolver?: DnsResolver;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly clock?: () => Date;
  /** Where pages are modelled; default: worker threads, one per core. */
  readonly extractor?: ModelExtractor;
  /** The screenshot tier; null turns it off. Default: one from config and the browser found. */
  readonly visual?: VisualTier | null;
  /** Where incidents go; null turns them off. Default: chosen from config and the environment. */
  readonly incidents?: IncidentBackend | null;
  /** The webhook sender; default: from `incidents.webhook` in config. */
  readonly notify?: SyncDeps['notify'];
}

/**
 * One run, in named steps: read the registry, open the results (the results branch's worktree, or a
 * plain directory), check the selected sites, then either export them for the pipeline's publish job
 * or publish them here (history, incidents, one commit and push of the results branch). Site failures
 * are data in the report; only a broken registry dir or git repository throws.
 */
export async function runChecks(options: RunOptions, deps: RunDeps = {}): Promise<RunReport> {
  const clock = deps.clock ?? (() => new Date());
  const startedAt = options.now ?? clock();
  const wallStart = performance.now();
  const { location } = options;
  const registry = await loadRegistry(location.registryDir, { allowPrivate: options.allowPrivate });
  const { config } = registry;
  const shard = options.shard ?? { index: 1, count: 1 };
  const known = new Set(registry.sites.map((s) => s.id));
  const unknownIds = (options.only ?? []).filter((id) => !known.has(id));
  const sites = selectSites(registry.sites, shard, options.only);

  const opened = await openResults(options, config);
  const resultsDir = location.resultsDir;
  const checked = await checkSites(
    { ...options, resultsDir, registryDir: location.registryDir, sites, config, startedAt, clock },
    deps,
  );
  const statuses = checked.statuses;
  const finishedAt = options.now ?? clock();
  const run: RunFile = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.round(performance.now() - wallStart),
    shard: { index: shard.index, count: shard.count },
    sites: statuses.length,
    up: statuses.filter((s) => s.state === 'up').length,
    degraded: statuses.filter((s) => s.state === 'degraded').length,
    down: statuses.filter((s) => s.state === 'down').length,
    registryErrors: registry.problems.filter((p) => p.severity === 'error').length,
    registryWarnings: registry.problems.filter((p) => p.severity === 'warning').length,
  };
  const paths = dataPaths(resultsDir);
  // Baselines, screenshots, evidence and consumed accept requests: what the checks wrote besides statuses.
  const produced = [
    ...paths
      .written(
        statuses.map((s) => s.id),
        shard,
      )
      .filter((f) => !f.endsWith('.json') || f.startsWith(paths.baselines)),
    ...evidenceFiles(resultsDir, statuses),
  ];
  const base = {
    config,
    checks: checked.statuses.map((status) => ({ status })),
    problems: registry.problems,
    unknownIds,
    siteNames: new Map(sites.map((s) => [s.id, s.name])),
    run,
    resultsDir,
    bytesInFlight: { limit: config.probe.max_bytes_in_flight, peak: checked.peakBytes },
  };

  if (options.exportDir) {
    const files = await Promise.all(produced.map(async (file) => ({ file, removed: !(await pathExists(file)) })));
    // An accept request that was never there is not a deletion.
    const removed = files.filter(
      (f) =>
        !f.removed || (f.file.endsWith('.accept') && checked.consumedAccepts.has(path.basename(f.file, '.accept'))),
    );
    await exportShard(options.exportDir, resultsDir, { shard, run, statuses, files: removed });
    return {
      ...base,
      notices: [...opened.notices, ...checked.notices],
      commit: { kind: 'skipped', why: `exported to ${options.exportDir} for the publish job` },
      push: null,
      incidents: null,
      monitor: null,
      vantage: null,
      exported: options.exportDir,
    };
  }

  // Baselines and screenshots go to the commit as staged copies (store/carried-files.ts); an accept
  // request no longer there was consumed by this run, a deletion to publish.
  const staged = await stageCarried(produced, (file) =>
    file.endsWith('.accept') ? checked.consumedAccepts.has(path.basename(file, '.accept')) : false,
  );
  const published = await publishResults(
    {
      resultsDir,
      config,
      sites: new Map(sites.map((s) => [s.id, s])),
      statuses,
      carried: staged.carried,
      runs: [run],
      startedAt,
      commitSkipped: opened.commitSkipped,
      push: options.push && opened.branch ? { remote: options.push.remote, branch: opened.branch } : null,
      env: options.env ?? {},
    },
    {
      ...(deps.incidents !== undefined ? { incidents: deps.incidents } : {}),
      ...(deps.notify ? { notify: deps.notify } : {}),
    },
  ).finally(staged.dispose);
  return {
    ...base,
    notices: [...opened.notices, ...checked.notices, ...staged.unreadable, ...published.notices],
    commit: published.commit,
    push: published.push,
    incidents: published.incidents,
    monitor: published.monitor,
    vantage: published.vantage,
    exported: null,
  };
}

interface OpenedRun {
  readonly notices: WriteNotice[];
  /** Why this run commits nothing; null when it commits on the results branch. */
  readonly commitSkipped: string | null;
  /** The results branch checked out, when there is one. */
  readonly branch: string | null;
}

/** Step 1: the results branch's worktree for a run that commits; a plain directory otherwise. */
async function openResults(options: RunOptions, config: Config): Promise<OpenedRun> {
  const { location } = options;
  const plain = async (why: string): Promise<OpenedRun> => {
    await mkdir(location.resultsDir, { recursive: true });
    return { notices: [], commitSkipped: why, branch: null };
  };
  if (options.exportDir) return plain(`exported for the publish job`);
  if (!options.commit) return plain('committing was turned off (--no-commit)');
  if (location.repoDir === null)
    return plain(
      `${location.resultsDir} is a plain directory (--data); results are committed on the results branch only`,
    );
  const branch = config.git.data_branch;
  const opened = await openResultsWorktree({
    repoDir: location.repoDir,
    worktree: location.resultsDir,
    branch,
    remote: options.push?.remote ?? 'origin',
    update: options.push !== undefined,
  });
  return {
    notices: opened.notices.map((message) => ({ file: 'results branch', message })),
    commitSkipped: null,
    branch,
  };
}

interface CheckRequest extends RunOptions {
  readonly resultsDir: string;
  readonly registryDir: string;
  readonly sites: readonly Site[];
  readonly config: Config;
  readonly startedAt: Date;
  readonly clock: () => Date;
}

/** Step 2: every selected site through a bounded pool: probe, then (when on) defacement inspection. */
async function checkSites(
  request: CheckRequest,
  deps: RunDeps,
): Promise<{ statuses: StatusFile[]; notices: WriteNotice[]; consumedAccepts: Set<string>; peakBytes: number }> {
  const { config, sites, resultsDir, startedAt, clock } = request;
  const settings = config.probe;
  const resolver = deps.resolver ?? makeResolver(settings);
  const dnsSlots = createLimiter(DNS_LOOKUPS_IN_FLIGHT);
  const bodyBytes = createByteBudget(settings.max_bytes_in_flight);
  const ca = await trustedRoots(settings, request.registryDir);
  const detection = config.defacement;
  // Pending baseline accept requests: one directory listing for the run, not a probe per site.
  const acceptRequests = detection.enabled ? await listAcceptRequests(resultsDir) : new Set<string>();
  const visual =
    deps.visual !== undefined
      ? deps.visual
      : detection.enabled && detection.visual.enabled
        ? createVisualTier({
            browser: findBrowser({ configured: detection.visual.browser ?? null, env: request.env ?? {} }),
            allowPrivate: request.allowPrivate,
            dataDir: resultsDir,
            // The browser reaches pages through the same resolver and trusted roots as the probes.
            screenshot: { lookup: (host) => resolver.resolve4(host), ca: [...ca] },
          })
        : null;
  const extractor = detection.enabled ? (deps.extractor ?? createModelWorkers()) : null;
  let routineLeft = detection.visual.routine_per_run;
  const routineScreenshots = { take: () => routineLeft-- > 0 };
  const notices: WriteNotice[] = [];
  if (visual?.notice) notices.push({ file: 'visual tier', message: visual.notice });
  // The run's 5-minute slot: what turns the rotations (subpage samples, variants, sitemap reads).
  const rotation = Math.floor(startedAt.getTime() / 300_000);
  let checks: { status: StatusFile }[];
  // Dropped page buffers are collected when they pile up (run/garbage-nudge.ts; needs --expose-gc).
  const nudge = startGarbageNudge(() => bodyBytes.held());
  try {
    checks = await mapPool(
      sites,
      settings.concurrency,
      async (site) => {
        const checkedAt = request.now ?? clock();
        // Every page this site's check reads counts against the run's byte budget until the check ends.
        const account = bodyBytes.open();
        const probeDeps = {
          resolver,
          dnsSlots,
          ca,
          now: checkedAt,
          chargeBytes: account.charge,
          refundBytes: account.refund,
          admit: account.admit,
        };
        let probed: StatusFile | null = null;
        try {
          const check = await checkSite(
            site,
            { settings, allowPrivate: request.allowPrivate, checkedAt },
            { ...probeDeps, sleep: deps.sleep ?? ((ms) => sleep(ms)) },
          );
          probed = check.status;
          if (!detection.enabled) return { status: check.status };
          if (check.status.state === 'down' || !check.page || !check.status.http) {
            // Nothing to judge, but flagged internal pages stay remembered through the outage.
            const last = await readLastStatus(resultsDir, site.id, checkedAt.toISOString());
            if (last.notice) notices.push(last.notice);
            return { status: { ...check.status, defacement: unreadSite(last.defacement) } };
          }
          const inspection = await inspectSite(
            {
              site,
              page: check.page,
              finalUrl: check.status.http.finalUrl,
              probe: settings,
              settings: detection,
              allowPrivate: request.allowPrivate,
              dataDir: resultsDir,
              now: checkedAt,
              rotation,
              acceptRequests,
            },
            { ...probeDeps, visual, routineScreenshots, ...(extractor ? { extractor } : {}) },
          );
          for (const message of inspection.notices) notices.push({ file: site.file, message });
          return { status: { ...check.status, defacement: inspection.defacement } };
        } catch (error) {
          // A page that killed its model worker (heap limit): the site answered, so its probe result
          // stands; the page could not be judged, which is said, not hidden.
          const code = (error as { code?: unknown }).code;
          if (probed && (code === 'MODEL_WORKER_OUT_OF_MEMORY' || code === 'MODEL_WORKER_EXITED')) {
            notices.push({ file: site.file, message: `${code}: ${(error as Error).message}; not judged this run` });
            return { status: { ...probed, defacement: null } };
          }
          // A bug in one check must not cost the other sites their results.
          return { status: internalFailure(site, checkedAt, error) };
        } finally {
          account.close();
        }
      },
      (check, done) => request.onProgress?.(check, done, sites.length),
    );
  } finally {
    nudge.end();
    await Promise.all([visual?.close(), deps.extractor ? undefined : extractor?.close()]);
  }
  const consumedAccepts = new Set<string>();
  for (const id of acceptRequests) if (!(await hasAcceptRequest(resultsDir, id))) consumedAccepts.add(id);
  return { statuses: checks.map((c) => c.status), notices, consumedAccepts, peakBytes: bodyBytes.peak() };
}

export function internalFailure(site: Site, checkedAt: Date, error: unknown): StatusFile {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    id: site.id,
    checkedAt: checkedAt.toISOString(),
    state: 'down',
    reason: 'internal',
    error: { code: 'INTERNAL', message },
    attempts: 1,
    firstReason: null,
    url: site.url,
    http: null,
    tls: null,
    dns: null,
    defacement: null,
  };
}

/**
 * Lookups in flight at once (each is three UDP queries). Unbounded, 256 probes lost answers in the
 * socket's receive buffer and waited out a 2.5 s timeout each; 32 measured no loss and no slowdown.
 */
const DNS_LOOKUPS_IN_FLIGHT = 32;

/** Screenshots the visual tier kept as evidence this run (status files name them relative to the data dir). */
function evidenceFiles(dataDir: string, statuses: readonly StatusFile[]): string[] {
  return statuses.flatMap(
    (s) =>
      s.defacement?.signals
        .filter((signal) => signal.kind === 'visual-change')
        .flatMap((signal) => signal.evidence.map((file) => path.join(dataDir, file))) ?? [],
  );
}

export function selectSites(sites: readonly Site[], shard: Shard, only: readonly string[] | undefined): Site[] {
  const wanted = only && only.length > 0 ? new Set(only) : null;
  return sites.filter((site) => inShard(site.id, shard) && (wanted === null || wanted.has(site.id)));
}
