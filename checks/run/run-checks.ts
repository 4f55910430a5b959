import { Resolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../schemas/config.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import type { RunFile } from '../schemas/run.ts';
import { loadRegistry, type Problem } from '../registry/load-registry.ts';
import { commitRun, repositoryRoot, type CommitOutcome } from '../store/commit-run.ts';
import { currentBranch, pushRun, type PushOutcome } from '../store/push-run.ts';
import { dataPaths } from '../store/data-paths.ts';
import { toJson, writeFileAtomic } from '../store/atomic-write.ts';
import { runPeriod } from '../store/run-period.ts';
import { writeResults, type WriteNotice } from '../store/write-results.ts';
import type { DnsResolver } from '../probes/resolve-host.ts';
import { checkSite, type SiteCheck } from './check-site.ts';
import { listAcceptRequests } from '../defacement/baseline-requests.ts';
import { inspectSite } from '../defacement/inspect-site.ts';
import { unreadSite } from '../defacement/subpage-memory.ts';
import { readLastStatus } from '../store/read-status.ts';
import { createModelWorkers, type ModelExtractor } from '../defacement/model-extractor.ts';
import { findBrowser } from '../visual/find-browser.ts';
import { createVisualTier, type VisualTier } from '../visual/visual-tier.ts';
import { createLimiter } from './limiter.ts';
import { mapPool } from './pool.ts';
import { inShard, type Shard } from './shard.ts';
import type { IncidentBackend } from '../incidents/backend.ts';
import { chooseBackend } from '../incidents/choose-backend.ts';
import { syncIncidents, type SyncDeps, type SyncReport } from '../incidents/sync-incidents.ts';
import { webhookNotifier } from '../incidents/webhook-notifier.ts';

export interface RunOptions {
  readonly dataDir: string;
  /** Check only these site ids (after sharding). */
  readonly only?: readonly string[];
  readonly shard?: Shard;
  readonly allowPrivate: boolean;
  /** The run's instant; fixed by `--now` to simulate days in seconds. */
  readonly now?: Date;
  readonly commit: boolean;
  /** Push the commit to this remote, on the checked-out branch (or `fallbackBranch` when detached). */
  readonly push?: { readonly remote: string; readonly fallbackBranch: string | undefined } | undefined;
  /** Environment, for the browser's location ($CANHGAC_CHROMIUM); read once by the CLI. */
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
  /** What the run did about incidents; null when incidents are off. */
  readonly incidents: SyncReport | null;
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
 * One run: read the registry, check the selected sites through a bounded pool, write status and
 * history atomically, record the run, and commit. Site failures are data in the report; only a broken
 * data dir or git repository throws.
 */
export async function runChecks(options: RunOptions, deps: RunDeps = {}): Promise<RunReport> {
  const clock = deps.clock ?? (() => new Date());
  const startedAt = options.now ?? clock();
  const wallStart = performance.now();
  const registry = await loadRegistry(options.dataDir, { allowPrivate: options.allowPrivate });
  const { config } = registry;
  const settings = config.probe;
  const shard = options.shard ?? { index: 1, count: 1 };
  const known = new Set(registry.sites.map((s) => s.id));
  const unknownIds = (options.only ?? []).filter((id) => !known.has(id));
  const sites = selectSites(registry.sites, shard, options.only);

  const resolver = deps.resolver ?? makeResolver(settings.dns_servers, settings.dns_timeout_ms);
  const dnsSlots = createLimiter(DNS_LOOKUPS_IN_FLIGHT);
  const ca = settings.ca_file ? [...rootCertificates, await readFile(path.resolve(options.dataDir, settings.ca_file), 'utf8')] : rootCertificates;
  const detection = config.defacement;
  // Pending baseline accept requests: one directory listing for the run, not a probe per site.
  const acceptRequests = detection.enabled ? await listAcceptRequests(options.dataDir) : new Set<string>();
  const visual =
    deps.visual !== undefined
      ? deps.visual
      : detection.enabled && detection.visual.enabled
        ? createVisualTier({
            browser: findBrowser({ configured: detection.visual.browser ?? null, env: options.env ?? {} }),
            allowPrivate: options.allowPrivate,
            dataDir: options.dataDir,
            // The browser reaches pages through the same resolver and trusted roots as the probes.
            screenshot: { lookup: (host) => resolver.resolve4(host), ca: [...ca] },
          })
        : null;
  const extractor = detection.enabled ? (deps.extractor ?? createModelWorkers()) : null;
  let routineLeft = detection.visual.routine_per_run;
  const routineScreenshots = { take: () => routineLeft-- > 0 };
  const inspectNotices: WriteNotice[] = [];
  if (visual?.notice) inspectNotices.push({ file: 'visual tier', message: visual.notice });
  // The run's 5-minute slot: what turns the rotations (subpage samples, variants, sitemap reads).
  const rotation = Math.floor(startedAt.getTime() / 300_000);
  let checks: { status: StatusFile }[];
  try {
    checks = await mapPool(
      sites,
      settings.concurrency,
      async (site) => {
        const checkedAt = options.now ?? clock();
        const probeDeps = { resolver, dnsSlots, ca, now: checkedAt };
        try {
          const check = await checkSite(site, { settings, allowPrivate: options.allowPrivate, checkedAt }, { ...probeDeps, sleep: deps.sleep ?? ((ms) => sleep(ms)) });
          if (!detection.enabled) return { status: check.status };
          if (check.status.state === 'down' || !check.page || !check.status.http) {
            // Nothing to judge, but flagged internal pages stay remembered through the outage.
            const last = await readLastStatus(options.dataDir, site.id);
            return { status: { ...check.status, defacement: unreadSite(last?.defacement ?? null) } };
          }
          const inspection = await inspectSite(
            { site, page: check.page, finalUrl: check.status.http.finalUrl, probe: settings, settings: detection, allowPrivate: options.allowPrivate, dataDir: options.dataDir, now: checkedAt, rotation, acceptRequests },
            { ...probeDeps, visual, routineScreenshots, ...(extractor ? { extractor } : {}) },
          );
          for (const message of inspection.notices) inspectNotices.push({ file: site.file, message });
          return { status: { ...check.status, defacement: inspection.defacement } };
        } catch (error) {
          // A bug in one check must not cost the other sites their results.
          return { status: internalFailure(site, checkedAt, error) };
        }
      },
      (check, done) => options.onProgress?.(check, done, sites.length),
    );
  } finally {
    await Promise.all([visual?.close(), deps.extractor ? undefined : extractor?.close()]);
  }

  const statuses: StatusFile[] = checks.map((c) => c.status);
  const notices = [...inspectNotices, ...(await writeResults(options.dataDir, statuses, config.time_zone, startedAt.toISOString()))];

  // Rate-limit waits and retried server errors are worth a line in the run's output.
  const backendNotices: string[] = [];
  const chosen = deps.incidents !== undefined ? { backend: deps.incidents, notice: null } : chooseBackend(config, options.env ?? {}, options.dataDir, (m) => backendNotices.push(m));
  if (chosen.notice) notices.push({ file: 'incidents', message: chosen.notice });
  const notify = deps.notify ?? webhookNotifier(config.incidents.webhook, options.env ?? {});
  const incidents = chosen.backend
    ? await syncIncidents(
        { dataDir: options.dataDir, config, checked: statuses.map((status, i) => ({ site: sites[i]!, status })), now: startedAt },
        { backend: chosen.backend, ...(notify ? { notify } : {}) },
      )
    : null;
  for (const message of [...backendNotices, ...(incidents?.notices ?? [])]) notices.push({ file: 'incidents', message });
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
  const paths = dataPaths(options.dataDir);
  await writeFileAtomic(paths.run(shard), toJson(run));

  const commitRequest = {
    files: [...paths.written(statuses.map((s) => s.id), shard), ...evidenceFiles(options.dataDir, statuses), ...(incidents?.files ?? [])],
    period: runPeriod(startedAt, config.time_zone, config.git.squash_runs),
    policy: config.git.squash_runs,
    subject: `Canh Gác: ${run.up} up, ${run.degraded} degraded, ${run.down} down${shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : ''}`,
  };
  const commit: CommitOutcome = options.commit ? await commitRun(commitRequest) : { kind: 'skipped', why: 'committing was turned off (--no-commit)' };
  const repoDir = options.push && commit.kind !== 'skipped' ? await repositoryRoot(options.dataDir) : null;
  const push = repoDir
    ? await pushRun({ repoDir, remote: options.push!.remote, branch: await currentBranch(repoDir, options.push!.fallbackBranch), recommit: () => commitRun(commitRequest) })
    : null;

  return { config, checks, problems: registry.problems, notices, unknownIds, siteNames: new Map(sites.map((s) => [s.id, s.name])), run, commit, push, incidents };
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
    (s) => s.defacement?.signals.filter((signal) => signal.kind === 'visual-change').flatMap((signal) => signal.evidence.map((file) => path.join(dataDir, file))) ?? [],
  );
}

export function selectSites(sites: readonly Site[], shard: Shard, only: readonly string[] | undefined): Site[] {
  const wanted = only && only.length > 0 ? new Set(only) : null;
  return sites.filter((site) => inShard(site.id, shard) && (wanted === null || wanted.has(site.id)));
}

function makeResolver(servers: readonly string[], timeoutMs: number): Resolver {
  // c-ares asks the DNS servers directly, so the DNS timing is real and CNAMEs are visible.
  const resolver = new Resolver({ timeout: Math.max(500, Math.floor(timeoutMs / 2)), tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return resolver;
}
