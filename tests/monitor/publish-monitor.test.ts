import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendError, type IncidentBackend } from '../../checks/incidents/backend.ts';
import { createLocalBackend } from '../../checks/incidents/local-backend.ts';
import { formatMonitorLine } from '../../checks/monitor/format-monitor-line.ts';
import { publishResults, type PublishReport, type PublishRequest } from '../../checks/run/publish-results.ts';
import { ConfigSchema } from '../../checks/schemas/config.ts';
import { MonitorIncidentFileSchema } from '../../checks/schemas/monitor-incident.ts';
import { TicksFileSchema } from '../../checks/schemas/ticks.ts';
import { openResultsWorktree } from '../../checks/store/results-branch.ts';

/**
 * publishResults records each tick in monitor/ticks.json and runs the monitor's incident through the
 * same backend as the sites' (issue 9): a tick 47 minutes after the one before opens exactly one
 * issue; ticks 5 minutes apart close it after thresholds.recovery (2) of them.
 */
const CONFIG = ConfigSchema.parse({ organisation: { name: 'Thử nghiệm' }, incidents: { backend: 'local' } });
const T0 = Date.parse('2026-11-26T03:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-monitor-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function request(resultsDir: string, minutes: number, more: Partial<PublishRequest> = {}): PublishRequest {
  return {
    resultsDir,
    config: CONFIG,
    sites: new Map(),
    statuses: [],
    carried: new Map(),
    runs: [],
    startedAt: at(minutes),
    commitSkipped: 'a plain directory in this test',
    push: null,
    env: {},
    ...more,
  };
}

const tick = (minutes: number, backend: IncidentBackend | null = createLocalBackend(dir, () => at(minutes))) =>
  publishResults(request(dir, minutes), { incidents: backend });
const readJson = async (file: string) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as unknown;
const monitorIssues = () => createLocalBackend(dir).listIssues(['kind:monitor'], 'all');

describe('publishResults and the monitor', () => {
  it('a tick 47 minutes late opens exactly one monitor issue; ticks 5 minutes apart close it after 2', async () => {
    const reports: PublishReport[] = [];
    for (const minutes of [0, 47, 52, 57, 62]) reports.push(await tick(minutes));
    expect(reports.map((r) => formatMonitorLine(r.monitor))).toEqual([
      'cadence: 1 tick in the last hour, 1 in 24 h (first tick recorded)',
      'cadence: 2 ticks in the last hour, 2 in 24 h, longest gap 47 min; monitor incident opened (#1): no tick for 47 min',
      'cadence: 3 ticks in the last hour, 3 in 24 h, longest gap 47 min; monitor incident open (#1)',
      'cadence: 4 ticks in the last hour, 4 in 24 h, longest gap 47 min; monitor incident closed (#1): ticks on time again',
      'cadence: 4 ticks in the last hour, 5 in 24 h, longest gap 47 min',
    ]);
    expect(reports.flatMap((r) => r.notices)).toEqual([]);

    const issues = await monitorIssues();
    expect(
      issues.map((i) => ({
        number: i.number,
        state: i.state,
        stateReason: i.stateReason,
        title: i.title,
        labels: i.labels,
      })),
    ).toEqual([
      {
        number: 1,
        state: 'closed',
        stateReason: 'completed',
        title:
          '[Sự cố] Canh Gác chạy trễ: không có lượt kiểm tra nào trong 47 phút / Canh Gác running late: no tick for 47 min',
        labels: ['incident', 'kind:monitor', 'severity:major'],
      },
    ]);
    expect(issues[0]!.body.split('\n')[0]).toBe('<!-- canhgac:monitor cause=late-ticks -->');
    const comments = await createLocalBackend(dir).recentComments(1);
    expect(comments.map((c) => c.split('\n')[1])).toEqual([
      '**Đã khôi phục / Recovered** sau / after 10 phút / 10 min: 2 lượt liên tiếp cách nhau không quá 20 phút / 2 consecutive ticks at most 20 min apart.',
    ]);

    expect(TicksFileSchema.parse(await readJson('monitor/ticks.json'))).toEqual({
      ticks: [0, 47, 52, 57, 62].map((m) => at(m).toISOString()),
    });
    expect(MonitorIncidentFileSchema.parse(await readJson('monitor/incident.json'))).toEqual({
      goodTicks: 0,
      open: null,
    });
  });

  it('keeps the incident state between ticks: the late tick, the gap and the issue', async () => {
    await tick(0);
    const report = await tick(47);
    expect(report.monitor.incident?.files).toEqual([path.join(dir, 'monitor', 'incident.json')]);
    expect(MonitorIncidentFileSchema.parse(await readJson('monitor/incident.json'))).toEqual({
      goodTicks: 0,
      open: {
        id: 'monitor--late-ticks--20261126T0347',
        cause: 'late-ticks',
        startedAt: at(47).toISOString(),
        gapFrom: at(0).toISOString(),
        gapMs: 47 * MIN,
        longestGapMs: 47 * MIN,
        issue: {
          backend: 'local',
          repository: path.join(dir, 'incidents', 'local'),
          number: 1,
          url: 'incidents/local/1.json',
        },
        closedByResponder: null,
      },
    });
  });

  it('the first tick ever, and ticks on time, open nothing and write no incident state', async () => {
    for (const minutes of [0, 5, 10, 30]) await tick(minutes);
    expect(await monitorIssues()).toEqual([]);
    await expect(readFile(path.join(dir, 'monitor', 'incident.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('with incidents off, records the ticks and opens nothing', async () => {
    await tick(0, null);
    const report = await tick(47, null);
    expect(report.monitor.incident).toBeNull();
    expect(formatMonitorLine(report.monitor)).toBe(
      'cadence: 2 ticks in the last hour, 2 in 24 h, longest gap 47 min; late: no tick for 47 min (max 20 min), incidents off',
    );
    expect(await monitorIssues()).toEqual([]);
    expect(TicksFileSchema.parse(await readJson('monitor/ticks.json')).ticks).toHaveLength(2);
  });

  it('a backend failure is a notice, not a crash; the next tick creates the issue', async () => {
    const local = createLocalBackend(dir);
    const failing: IncidentBackend = {
      ...local,
      createIssue: () => Promise.reject(new BackendError('GitHub said 502', { status: 502, retryable: true })),
    };
    await tick(0);
    const report = await tick(47, failing);
    expect(report.notices).toEqual([
      { file: 'monitor', message: 'monitor: create-issue failed, left for the next tick: GitHub said 502' },
    ]);
    expect(formatMonitorLine(report.monitor)).toBe(
      'cadence: 2 ticks in the last hour, 2 in 24 h, longest gap 47 min; monitor incident open: no tick for 47 min',
    );
    expect(await monitorIssues()).toEqual([]);
    const next = await tick(52);
    expect(formatMonitorLine(next.monitor)).toBe(
      'cadence: 3 ticks in the last hour, 3 in 24 h, longest gap 47 min; monitor incident opened (#1): no tick for 47 min',
    );
    expect((await monitorIssues()).map((i) => i.number)).toEqual([1]);
  });

  it('a ticks file that does not parse is a notice, and the cadence starts again from this tick', async () => {
    await mkdir(path.join(dir, 'monitor'), { recursive: true });
    await writeFile(path.join(dir, 'monitor', 'ticks.json'), '{"ticks": "yesterday"}\n');
    const report = await tick(0);
    expect(report.notices).toEqual([
      {
        file: 'monitor',
        message: `monitor: ${path.join(dir, 'monitor', 'ticks.json')}: ticks: Invalid input: expected array, received string; the cadence starts again from this tick`,
      },
    ]);
    expect(TicksFileSchema.parse(await readJson('monitor/ticks.json'))).toEqual({ ticks: [at(0).toISOString()] });
  });
});

describe('publishResults racing another writer', () => {
  let root: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-monitor-race-'));
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', 'remote.git');
    git(root, 'clone', '--quiet', 'remote.git', 'seed');
    const seed = path.join(root, 'seed');
    await writeFile(path.join(seed, '.gitignore'), '/data/results/\n');
    git(seed, 'add', '.');
    git(seed, '-c', 'user.name=seed', '-c', 'user.email=seed@example.org', 'commit', '--quiet', '-m', 'registry');
    git(seed, 'push', '--quiet', 'origin', 'main');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("keeps both writers' ticks: a retried push merges this tick into theirs", async () => {
    const clones = ['a', 'b'].map((name) => {
      git(root, 'clone', '--quiet', 'remote.git', name);
      const clone = path.join(root, name);
      git(clone, 'config', 'user.name', name);
      git(clone, 'config', 'user.email', `${name}@example.org`);
      return clone;
    });
    const branch = CONFIG.git.data_branch;
    const results = clones.map((clone) => path.join(clone, 'data', 'results'));
    await openResultsWorktree({ repoDir: clones[0]!, worktree: results[0]!, branch, remote: 'origin', update: true });
    const first = await publishResults(
      request(results[0]!, 0, { commitSkipped: null, push: { remote: 'origin', branch } }),
      { incidents: null },
    );
    expect(first.push).toMatchObject({ kind: 'pushed', attempts: 1 });
    // Both open the branch at the first tick; a publishes the tick at 5 min, b the one at 10 min without seeing it.
    await openResultsWorktree({ repoDir: clones[1]!, worktree: results[1]!, branch, remote: 'origin', update: true });
    expect(
      (
        await publishResults(request(results[0]!, 5, { commitSkipped: null, push: { remote: 'origin', branch } }), {
          incidents: null,
        })
      ).push,
    ).toMatchObject({ kind: 'pushed' });
    const raced = await publishResults(
      request(results[1]!, 10, { commitSkipped: null, push: { remote: 'origin', branch } }),
      { incidents: null },
    );
    expect(raced.push).toMatchObject({ kind: 'pushed', attempts: 2 });
    expect(JSON.parse(git(path.join(root, 'remote.git'), 'show', `${branch}:monitor/ticks.json`))).toEqual({
      ticks: [0, 5, 10].map((m) => at(m).toISOString()),
    });
  });
});
