/**
 * bench:growth — how much a year of runs adds to the git repository.
 *
 * Simulates runs of N sites every 5 minutes with a moving `--now` clock into a temp git repo, through the
 * same writer and commit code `npm run check` uses (writeResults, the run file, the defacement
 * baselines on their learning schedule, commitRun); only the
 * probing is replaced by synthetic results (realistic timings, outages, certificate countdown), since
 * fetching 1,000 sites × 288 runs a day over loopback would take hours and change nothing git sees.
 * After each simulated day it expires the reflog, runs `git gc --prune=now` and reads `git count-objects -v`:
 * the size of what a fresh clone receives.
 *
 *   npm run bench:growth -- [--sites 1000] [--days 3] [--runs-per-day 288] [--policy day|week|none|all] [--start ISO]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StatusFile } from '../checks/schemas/status.ts';
import { commitRun } from '../checks/store/commit-run.ts';
import { openResultsWorktree } from '../checks/store/results-branch.ts';
import { dataPaths } from '../checks/store/data-paths.ts';
import { toJson, writeFileAtomic } from '../checks/store/atomic-write.ts';
import { runPeriod, type SquashPolicy } from '../checks/store/run-period.ts';
import { writeResults } from '../checks/store/write-results.ts';
import type { Baseline } from '../checks/analysis/baseline.ts';
import { extractPageModel } from '../checks/analysis/page-model.ts';
import { baselineUpdateDue } from '../checks/defacement/baseline-schedule.ts';
import { nextBaseline } from '../checks/defacement/inspect-site.ts';
import { writeBaseline } from '../checks/defacement/baseline-store.ts';
import { portalIdentity, renderPortalPage } from '../checks/simulator/pages.ts';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '1000' },
    days: { type: 'string', default: '3' },
    'runs-per-day': { type: 'string', default: '288' },
    policy: { type: 'string', default: 'week' },
    start: { type: 'string', default: '2026-11-02T00:02:00+07:00' },
  },
});
const SITES = Number(values.sites);
const DAYS = Number(values.days);
const RUNS_PER_DAY = Number(values['runs-per-day']);
const TZ = 'Asia/Ho_Chi_Minh';
const BASELINE_MAX_HOURS = 720; // the default defacement.baseline_refresh_hours
const DATA_BRANCH = 'canhgac-data'; // the default git.data_branch
// A Monday by default, so a simulated week is an ISO week.
const START = Date.parse(values.start);
if (Number.isNaN(START)) throw new Error(`--start must be an ISO-8601 instant, got "${values.start}"`);
const policies = (values.policy === 'all' ? 'day,week,none' : values.policy).split(',') as SquashPolicy[];
for (const p of policies)
  if (!['day', 'week', 'none'].includes(p))
    throw new Error(`--policy must be day, week, none, all or a comma list, got "${p}"`);

// Deterministic pseudo-random numbers so two runs of the bench see the same data.
let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

function statusFor(site: number, run: number, now: Date): StatusFile {
  const outage = (site * 7 + Math.floor(run / 12)) % 997 === 0; // about 0.1 % of site-hours down
  const slow = random() < 0.005;
  const total = Math.round(80 + 400 * -Math.log(1 - random()) + (slow ? 6000 : 0));
  const host = `cong${site}.example.org`;
  return {
    id: `site-${String(site).padStart(4, '0')}`,
    checkedAt: now.toISOString(),
    state: outage ? 'down' : slow ? 'degraded' : 'up',
    reason: outage ? 'connect-timeout' : slow ? 'slow' : null,
    error: outage
      ? { code: 'UND_ERR_CONNECT_TIMEOUT', message: `connecting to ${host} timed out after 10000 ms` }
      : null,
    attempts: outage ? 2 : 1,
    firstReason: outage ? 'connect-timeout' : null,
    url: `https://${host}/`,
    http: outage
      ? null
      : {
          status: 200,
          finalUrl: `https://${host}/`,
          redirects: [],
          timings: {
            dns: Math.round(random() * 300) / 10,
            connect: Math.round(random() * 800) / 10,
            tls: Math.round(random() * 1500) / 10,
            ttfb: Math.round(total * 0.6),
            total,
          },
          headers: { server: 'nginx', 'content-type': 'text/html; charset=utf-8' },
          bytes: 80_000 + (site % 50) * 1000,
          charset: 'utf-8',
        },
    tls: {
      subject: host,
      sans: [host, `www.${host}`],
      issuer: 'Sectigo Limited Sectigo RSA Domain Validation Secure Server CA',
      validFrom: '2026-06-01T00:00:00.000Z',
      validTo: '2027-06-01T00:00:00.000Z',
      daysLeft: Math.floor((Date.parse('2027-06-01T00:00:00Z') - now.getTime()) / 86_400_000),
      fingerprint: `AA:${String(site).padStart(4, '0')}:BB`,
      protocol: 'TLSv1.3',
      error: null,
    },
    dns: {
      addresses: [`203.0.${site % 250}.${site % 200}`],
      cname: [],
      ms: Math.round(random() * 300) / 10,
      error: null,
    },
    defacement: outage
      ? null
      : { verdict: 'clean', score: 0, signals: [], baseline: { capturedAt: '2026-11-01T00:00:00.000Z' } },
  };
}

/** Bytes of what a clone receives: reachable objects only (amended runs live on just in the local reflog). */
function packBytes(repo: string): number {
  execFileSync('git', ['reflog', 'expire', '--expire=now', '--all'], { cwd: repo });
  execFileSync('git', ['gc', '--quiet', '--prune=now'], { cwd: repo });
  const out = execFileSync('git', ['count-objects', '-v'], { cwd: repo, encoding: 'utf8' });
  const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)`, 'm').exec(out)?.[1] ?? 0);
  return (kib('size-pack') + kib('size')) * 1024;
}

async function simulate(policy: SquashPolicy) {
  const repo = await mkdtemp(path.join(os.tmpdir(), `canhgac-growth-${policy}-`));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'bench');
  git('config', 'user.email', 'bench@example.org');
  git('config', 'gc.auto', '0'); // no background gc racing the measurement
  git('commit', '--quiet', '--allow-empty', '-m', 'main: code and registry');
  // Results live on the results branch, checked out at data/results as `npm run check` does.
  const dataDir = path.join(repo, 'data', 'results');
  await openResultsWorktree({ repoDir: repo, worktree: dataDir, branch: DATA_BRANCH, remote: 'origin', update: false });
  const paths = dataPaths(dataDir);
  const base = packBytes(repo);
  const perDay: number[] = [];
  let previous = base;
  const wallStart = performance.now();
  let runMs = 0;
  // Each site's defacement baseline, learned from its (simulated) home page, whose news list changes
  // every day, through the same schedule a run uses (nextBaseline) and written with the run.
  const baselines = new Map<number, Baseline>();
  const learn = async (site: number, day: number, now: Date) => {
    const current = baselines.get(site) ?? null;
    if (current !== null && !baselineUpdateDue(current, now, BASELINE_MAX_HOURS)) return; // not due: skip the page render
    const html = renderPortalPage({
      identity: portalIdentity(`p${site}`),
      seed: site * 1000 + day,
      targetBytes: 40_000,
    });
    const next = nextBaseline(
      current,
      current === null ? 'create' : 'update',
      extractPageModel(html, `https://cong${site}.example.org/`),
      now,
      BASELINE_MAX_HOURS,
    );
    if (next === null) return;
    baselines.set(site, next);
    await writeBaseline(dataDir, `site-${String(site).padStart(4, '0')}`, next);
  };
  for (let day = 0; day < DAYS; day++) {
    for (let r = 0; r < RUNS_PER_DAY; r++) {
      const run = day * RUNS_PER_DAY + r;
      const now = new Date(START + run * (86_400_000 / RUNS_PER_DAY));
      const t = performance.now();
      const statuses = Array.from({ length: SITES }, (_, site) => statusFor(site, run, now));
      await writeResults(dataDir, statuses, TZ, now.toISOString());
      for (let site = 0; site < SITES; site++) await learn(site, day, now);
      const up = statuses.filter((s) => s.state === 'up').length;
      await writeFileAtomic(
        paths.run({ index: 1, count: 1 }),
        toJson({
          startedAt: now.toISOString(),
          finishedAt: now.toISOString(),
          durationMs: 1000,
          shard: { index: 1, count: 1 },
          sites: SITES,
          up,
          degraded: 0,
          down: SITES - up,
          registryErrors: 0,
          registryWarnings: 0,
        }),
      );
      await commitRun({
        files: paths.written(
          statuses.map((s) => s.id),
          { index: 1, count: 1 },
        ),
        period: runPeriod(now, TZ, policy),
        policy,
        subject: `Canh Gác: ${up} up`,
      });
      runMs += performance.now() - t;
    }
    const size = packBytes(repo);
    perDay.push(size - previous);
    previous = size;
    process.stderr.write(
      `  ${policy}: day ${day + 1}/${DAYS} +${(perDay.at(-1)! / 1024).toFixed(0)} KiB (${((performance.now() - wallStart) / 1000).toFixed(0)} s)\n`,
    );
  }
  // Data commits on the results branch (its empty root commit not counted); main has none.
  const commits =
    Number(execFileSync('git', ['rev-list', '--count', DATA_BRANCH], { cwd: repo, encoding: 'utf8' }).trim()) - 1;
  const mainCommits = Number(
    execFileSync('git', ['rev-list', '--count', 'main'], { cwd: repo, encoding: 'utf8' }).trim(),
  );
  if (mainCommits !== 1)
    throw new Error(`main gained ${mainCommits - 1} commits: runs must commit on ${DATA_BRANCH} only`);
  await rm(repo, { recursive: true, force: true });
  // The first day also pays for creating every file; a steady year looks like the later days. With
  // weekly squashing a week costs its first day (a new commit) plus six small ones: average whole
  // weeks (run 8 days or more), not a median that would miss the weekly commit.
  const steady = perDay.length > 1 ? perDay.slice(1) : perDay;
  const window = steady.length >= 7 ? steady.slice(-7) : steady;
  const meanDay = window.reduce((a, b) => a + b, 0) / window.length;
  return { policy, perDay, meanDay, yearMB: (meanDay * 365) / 1e6, commits, msPerRun: runMs / (DAYS * RUNS_PER_DAY) };
}

console.log(
  `bench:growth — the results branch (${DATA_BRANCH}), ${SITES} sites, ${RUNS_PER_DAY} runs/day (every ${(1440 / RUNS_PER_DAY).toFixed(0)} min), ${DAYS} simulated days`,
);
const rows = [];
for (const policy of policies) rows.push(await simulate(policy));
console.log(
  '\npolicy  commits  first day KiB  mean later day KiB  projected MB/year  target ≤ 100  ms/run (write+commit)',
);
for (const r of rows) {
  console.log(
    `${r.policy.padEnd(6)}  ${String(r.commits).padStart(7)}  ${(r.perDay[0]! / 1024).toFixed(0).padStart(13)}  ${(r.meanDay / 1024).toFixed(0).padStart(18)}  ${r.yearMB.toFixed(1).padStart(17)}  ${(r.yearMB <= 100 ? 'met' : 'MISSED').padStart(12)}  ${r.msPerRun.toFixed(0).padStart(20)}`,
  );
}
console.log(
  JSON.stringify({
    bench: 'growth',
    branch: DATA_BRANCH,
    sites: SITES,
    days: DAYS,
    runs_per_day: RUNS_PER_DAY,
    policies: rows.map((r) => ({
      policy: r.policy,
      commits: r.commits,
      first_day_kib: Math.round(r.perDay[0]! / 1024),
      mean_day_kib: Math.round(r.meanDay / 1024),
      year_mb: Number(r.yearMB.toFixed(1)),
      ms_per_run: Math.round(r.msPerRun),
    })),
  }),
);
