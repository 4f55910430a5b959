import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { inShard } from '../../checks/run/shard.ts';
import { HistoryFileSchema } from '../../checks/schemas/history.ts';
import { RunFileSchema } from '../../checks/schemas/run.ts';
import { DEMO_PORTALS, writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';
import { ROOT } from '../support/build-site.ts';
import { startFakeGithub, type FakeGithub } from '../support/fake-github.ts';
import { runTick, type HarnessOptions, type TickRun } from './harness.ts';

// The tick workflow (.github/workflows/tick.yml) run job by job, with its own `run:` steps, against a
// bare repository standing in for GitHub, the fake GitHub API and the simulated portals on loopback.
let sim: Simulator;
let fake: FakeGithub;
let root: string;
let remote: string;
let harness: HarnessOptions;
const BRANCH = 'canhgac-data';
const NEW_SITE = 'so-moi-gia-nhap';
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const show = (file: string) => git(remote, 'show', `${BRANCH}:${file}`);
const timings: Record<string, Record<string, number>> = {};

function expectJobs(tick: TickRun, expected: Record<string, string>) {
  const results = Object.fromEntries(
    Object.keys(expected).map((job) => [
      job,
      [...new Set(tick.jobs.filter((j) => j.job === job).map((j) => j.result))].join(','),
    ]),
  );
  const failed = tick.jobs.filter((j) => j.result === 'failure');
  expect(results, failed.map((j) => `--- ${j.job} ${j.instance}\n${j.log}`).join('\n')).toEqual(expected);
  timings[tick.name] = Object.fromEntries(
    tick.jobs.filter((j) => j.result !== 'skipped').map((j) => [`${j.job}${j.instance ? ` ${j.instance}` : ''}`, j.ms]),
  );
}

const FULL = {
  plan: 'success',
  check: 'success',
  publish: 'success',
  build: 'success',
  'build-internal': 'success',
  deploy: 'success',
  'deploy-internal': 'skipped',
};

beforeAll(async () => {
  sim = await startSimulator({ slowMs: 300, slowHeadersMs: 5_000 });
  fake = await startFakeGithub({ token: 'harness-token', repository: 'canh/portal-watch' });
  root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-pipeline-'));
  remote = path.join(root, 'github.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  // main: the project as it is in this working tree (tracked and new files), with the demo registry as data/.
  const seed = path.join(root, 'seed');
  git(root, 'clone', '--quiet', remote, seed);
  for (const file of git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter(Boolean)) {
    if (file.startsWith('data/')) continue;
    await mkdir(path.dirname(path.join(seed, file)), { recursive: true });
    await copyFile(path.join(ROOT, file), path.join(seed, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree, not yet committed
    });
  }
  await writeDemoRegistry(path.join(seed, 'data'), sim);
  const configFile = path.join(seed, 'data', 'config.yml');
  const config = parse(await readFile(configFile, 'utf8'));
  await writeFile(
    configFile,
    stringify({
      ...config,
      // A loaded test machine must not turn a healthy portal into a degraded one.
      probe: { ...config.probe, degraded_ms: 10_000 },
      pipeline: { shards: 3 },
      incidents: { backend: 'github' },
      defacement: { visual: { enabled: false } },
    }),
  );
  git(seed, 'add', '.');
  git(
    seed,
    '-c',
    'user.name=Maintainer',
    '-c',
    'user.email=m@example.org',
    'commit',
    '--quiet',
    '-m',
    'Canh Gác for the demo ministry',
  );
  git(seed, 'push', '--quiet', 'origin', 'main');
  // An agency's pull request branch, made before any tick: one new site file.
  const agency = path.join(root, 'agency');
  git(root, 'clone', '--quiet', remote, agency);
  git(agency, 'checkout', '--quiet', '-b', 'them-so-moi');
  const healthy = parse(
    await readFile(
      path.join(seed, 'data', 'sites', `${DEMO_PORTALS.find((p) => p.scenario === 'healthy')!.id}.yml`),
      'utf8',
    ),
  );
  await writeFile(
    path.join(agency, 'data', 'sites', `${NEW_SITE}.yml`),
    stringify({ ...healthy, name: 'Sở Mới Gia Nhập', url: sim.urlFor('healthy', NEW_SITE) }),
  );
  git(agency, 'add', '.');
  git(agency, '-c', 'user.name=Agency', '-c', 'user.email=a@example.org', 'commit', '--quiet', '-m', `Add ${NEW_SITE}`);
  git(agency, 'push', '--quiet', 'origin', 'them-so-moi');

  harness = {
    workflow: path.join(ROOT, '.github', 'workflows', 'tick.yml'),
    remote,
    workDir: path.join(root, 'ticks'),
    nodeModules: path.join(ROOT, 'node_modules'),
    pagesDir: path.join(root, 'pages'),
    env: {
      GITHUB_API_URL: fake.url,
      GITHUB_REPOSITORY: fake.repository,
      CANHGAC_ALLOW_PRIVATE: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  };
}, 120_000);

afterAll(async () => {
  console.log(`pipeline harness tick timings (ms): ${JSON.stringify(timings)}`);
  await sim?.close();
  await fake?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function pagesUpdatedAt(): Promise<string> {
  return JSON.parse(await readFile(path.join(harness.pagesDir, 'api', 'v2', 'components.json'), 'utf8')).page
    .updated_at;
}
function lastRunOnBranch(count: number): string {
  const finished = Array.from(
    { length: count },
    (_, i) => RunFileSchema.parse(JSON.parse(show(`runs/shard-${i + 1}-of-${count}.json`))).finishedAt,
  ).sort();
  return finished.at(-1)!;
}
const openIssuesByTitle = () =>
  fake
    .issues()
    .filter((i) => i.state === 'open' && !i.pull_request)
    .map((i) => i.title)
    .sort();

describe('the tick workflow, run job by job', { timeout: 600_000 }, () => {
  const siteIds = DEMO_PORTALS.map((p) => p.id).sort();

  it('three ticks: every shard’s sites land on the results branch, Pages carries each tick’s results, main gains no machine commit', async () => {
    const mainBefore = git(remote, 'rev-parse', 'main');
    let previous = '';
    for (const name of ['tick-1', 'tick-2', 'tick-3']) {
      const tick = await runTick(
        { ...harness, ...(name === 'tick-3' ? { event: { name: 'schedule', schedule: '33 3 * * *' } } : {}) },
        name,
      );
      expectJobs(tick, { ...FULL, keepalive: name === 'tick-3' ? 'success' : 'skipped' });
      expect(tick.jobs.filter((j) => j.job === 'check').map((j) => j.instance)).toEqual(['1/3', '2/3', '3/3']);
      const statuses = git(remote, 'ls-tree', '--name-only', `${BRANCH}:status`).split('\n').sort();
      expect(statuses).toEqual(siteIds.map((id) => `${id}.json`));
      const updated = await pagesUpdatedAt();
      expect(new Date(updated).toISOString()).toBe(lastRunOnBranch(3));
      expect(updated).not.toBe(previous);
      previous = updated;
    }
    expect(git(remote, 'rev-parse', 'main')).toBe(mainBefore);
    // One data commit per period: the three ticks amended one commit on the results branch.
    expect(git(remote, 'rev-list', '--count', BRANCH)).toBe('2');
    expect(HistoryFileSchema.parse(JSON.parse(show(`history/${siteIds[0]}.json`))).today?.checks).toBe(3);
    // Failing portals opened one issue each, never two.
    const titles = openIssuesByTitle();
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles).size).toBe(titles.length);
    expect(fake.enabledWorkflows()).toEqual(['tick.yml']);
  });

  it('the agency’s branch made before those ticks merges into main with no conflict, and its site is checked on the next tick', async () => {
    const maintainer = path.join(root, 'maintainer');
    git(root, 'clone', '--quiet', remote, maintainer);
    git(
      maintainer,
      '-c',
      'user.name=Maintainer',
      '-c',
      'user.email=m@example.org',
      'merge',
      '--quiet',
      '--no-ff',
      '-m',
      'Merge them-so-moi',
      'origin/them-so-moi',
    );
    expect(git(maintainer, 'diff', '--name-only', 'origin/main', 'HEAD')).toBe(`data/sites/${NEW_SITE}.yml`);
    git(maintainer, 'push', '--quiet', 'origin', 'main');

    const tick = await runTick(harness, 'tick-4');
    expectJobs(tick, { ...FULL, keepalive: 'skipped' });
    expect(JSON.parse(show(`status/${NEW_SITE}.json`))).toMatchObject({ id: NEW_SITE, state: 'up' });
    expect(git(remote, 'log', '--format=%an', 'main').split('\n').sort()).toEqual([
      'Agency',
      'Maintainer',
      'Maintainer',
    ]);
  });

  it('a shard that fails leaves its sites’ previous results in place, is reported, and blocks neither the others nor the page', async () => {
    const lost = siteIds.filter((id) => shardOf(id) === 2);
    const kept = siteIds.filter((id) => shardOf(id) !== 2);
    const before = Object.fromEntries(
      siteIds.map((id) => [id, JSON.parse(show(`status/${id}.json`)).checkedAt as string]),
    );
    const tick = await runTick({ ...harness, lostRunners: ['check 2/3'] }, 'tick-shard-lost');
    expect(tick.jobs.filter((j) => j.job === 'check').map((j) => `${j.instance} ${j.result}`)).toEqual([
      '1/3 success',
      '2/3 failure',
      '3/3 success',
    ]);
    expectJobs(tick, {
      plan: 'success',
      check: 'success,failure',
      publish: 'success',
      build: 'success',
      'build-internal': 'success',
      deploy: 'success',
    });
    for (const id of lost) expect(JSON.parse(show(`status/${id}.json`)).checkedAt).toBe(before[id]);
    for (const id of kept) expect(JSON.parse(show(`status/${id}.json`)).checkedAt).not.toBe(before[id]);
    const publish = tick.jobs.find((j) => j.job === 'publish')!;
    expect(publish.log).toContain('shards: 2 reported of 3; missing 2/3 (their sites keep their previous results)');
    expect(publish.summary).toContain('**Missing shards:** 2/3: their sites keep their previous results.');
  });

  it('two overlapping ticks lose no result and open no duplicate incident', async () => {
    const id = siteIds[0]!;
    const checksBefore = HistoryFileSchema.parse(JSON.parse(show(`history/${id}.json`))).today!.checks;
    const issuesBefore = fake.issues().length;
    // Both ticks check before either publishes; then they publish one after the other, as the
    // publish job's concurrency group orders them.
    const a = await runTick({ ...harness, onlyJobs: ['plan', 'check'] }, 'tick-5a');
    const b = await runTick({ ...harness, onlyJobs: ['plan', 'check'] }, 'tick-5b');
    await a.resume(['publish']);
    await b.resume(['publish']);
    expectJobs(a, { plan: 'success', check: 'success', publish: 'success' });
    expectJobs(b, { plan: 'success', check: 'success', publish: 'success' });
    expect(HistoryFileSchema.parse(JSON.parse(show(`history/${id}.json`))).today!.checks).toBe(checksBefore + 2);
    const bStatus = JSON.parse(show(`status/${id}.json`));
    const bExport = JSON.parse(
      await readFile(
        path.join(harness.workDir, 'tick-5b', 'artifacts', shardArtifactOf(id, b), 'status', `${id}.json`),
        'utf8',
      ),
    );
    expect(bStatus.checkedAt).toBe(bExport.checkedAt);
    expect(fake.issues().length).toBe(issuesBefore);
    const titles = openIssuesByTitle();
    expect(new Set(titles).size).toBe(titles.length);
  });
});

function shardOf(id: string): number {
  return [1, 2, 3].find((k) => inShard(id, { index: k, count: 3 }))!;
}

function shardArtifactOf(id: string, tick: TickRun): string {
  void tick;
  for (const k of [1, 2, 3]) {
    try {
      execFileSync('test', [
        '-f',
        path.join(harness.workDir, 'tick-5b', 'artifacts', `shard-${k}-of-3`, 'status', `${id}.json`),
      ]);
      return `shard-${k}-of-3`;
    } catch {
      // not this shard
    }
  }
  throw new Error(`no shard exported ${id}`);
}
