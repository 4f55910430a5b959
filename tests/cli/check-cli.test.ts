import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryFileSchema } from '../../checks/schemas/history.ts';
import { RunFileSchema } from '../../checks/schemas/run.ts';
import { StatusFileSchema } from '../../checks/schemas/status.ts';
import { writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';

// `npm run check` as a user runs it: a child process, a real git repo, the simulator on loopback.
const run = promisify(execFile);
const CLI = path.resolve('checks/cli/check.ts');
const SITES = 'bo-mau,tinh-vi-du,so-khcn-vi-du,so-tnmt-thanh-pho-mau,bo-ha-tang-mau';
let sim: Simulator;
let repo: string;
let dataDir: string;

async function check(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd: repo,
      env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_TOKEN: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const git = async (...args: string[]) => (await run('git', args, { cwd: repo })).stdout.trim();
const results = async (...args: string[]) =>
  (await run('git', args, { cwd: path.join(repo, 'data', 'results') })).stdout.trim();
const readJson = async (file: string) => JSON.parse(await readFile(path.join(dataDir, 'results', file), 'utf8'));

beforeAll(async () => {
  sim = await startSimulator({ slowMs: 300, slowHeadersMs: 5_000 });
  repo = await mkdtemp(path.join(os.tmpdir(), 'canhgac-cli-'));
  dataDir = path.join(repo, 'data');
  await writeDemoRegistry(dataDir, sim);
  await git('init', '--quiet', '--initial-branch=main');
  await writeFile(path.join(repo, '.gitignore'), '/data/results/\n');
  await git('config', 'user.name', 'Test');
  await git('config', 'user.email', 'test@example.org');
  await git('add', '.');
  await git('commit', '--quiet', '-m', 'registry');
});
afterAll(async () => {
  await sim.close();
  await rm(repo, { recursive: true, force: true });
});

// Each run also takes first-sight screenshots (a real browser, when installed): allow for it.
describe('npm run check', { timeout: 60_000 }, () => {
  it('checks the selected sites, prints the table, writes the contract files and commits them on the results branch; exit 0 although sites are down', async () => {
    const { code, stdout } = await check(['--allow-private', '--only', SITES, '--now', '2026-11-25T08:00:00+07:00']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^SITE +NAME +STATE +REASON +TOTAL MS +TLS DAYS +DEFACEMENT$/);
    // Worst first; the reason column is empty for sites that are up, so compare id, name, state, reason-or-ms.
    expect(lines.filter((l) => /^(bo-|tinh-|so-)/.test(l)).map((l) => l.split(/ {2,}/).slice(0, 4))).toEqual([
      ['bo-ha-tang-mau', 'Bộ Hạ tầng Mẫu', 'down*', 'http-status'],
      ['so-khcn-vi-du', 'Sở Khoa học và Công nghệ tỉnh Ví Dụ', 'down*', 'tls-expired'],
      ['so-tnmt-thanh-pho-mau', 'Sở Tài nguyên và Môi trường thành phố M…', 'down*', 'connect-refused'],
      ['bo-mau', 'Cổng thông tin điện tử Bộ Mẫu', 'up', expect.stringMatching(/^\d+$/)],
      ['tinh-vi-du', 'Cổng thông tin điện tử tỉnh Ví Dụ', 'up', expect.stringMatching(/^\d+$/)],
    ]);
    expect(stdout).toContain('5 sites: 2 up, 0 degraded, 3 down');
    expect(stdout).toMatch(/committed [0-9a-f]{10} \(run 1 of this period\)/);

    const status = StatusFileSchema.parse(await readJson('status/so-khcn-vi-du.json'));
    expect(status).toMatchObject({
      checkedAt: '2026-11-25T01:00:00.000Z',
      state: 'down',
      reason: 'tls-expired',
      attempts: 2,
    });
    expect(HistoryFileSchema.parse(await readJson('history/bo-mau.json')).today).toMatchObject({
      date: '2026-11-25',
      checks: 1,
      up: 1,
    });
    expect(RunFileSchema.parse(await readJson('runs/shard-1-of-1.json'))).toMatchObject({
      sites: 5,
      up: 2,
      down: 3,
      startedAt: '2026-11-25T01:00:00.000Z',
    });
    expect((await readdir(path.join(dataDir, 'results', 'status'))).sort()).toEqual(
      SITES.split(',')
        .map((id) => `${id}.json`)
        .sort(),
    );
    expect(await results('rev-parse', '--abbrev-ref', 'HEAD')).toBe('canhgac-data');
    expect(await results('log', '-1', '--format=%B')).toBe(
      'Canh Gác: 2 up, 0 degraded, 3 down\n\nCanhgac-Period: 2026-W48\nCanhgac-Runs: 1',
    );
    // main gains no machine commit and shows no results.
    expect(await git('log', '--format=%s')).toBe('registry');
    expect(await git('status', '--porcelain')).toBe('');
  });

  it('amends the day’s commit on the next run of the same day and records no new state change', async () => {
    const { code, stdout } = await check(['--allow-private', '--only', SITES, '--now', '2026-11-25T08:05:00+07:00']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/amended [0-9a-f]{10} \(run 2 of this period\)/);
    expect(await results('rev-list', '--count', 'HEAD')).toBe('2');
    const history = HistoryFileSchema.parse(await readJson('history/bo-mau.json'));
    expect(history.today).toMatchObject({ checks: 2, up: 2 });
    expect(history.events).toHaveLength(1);
  });

  it('--no-commit writes but leaves git alone', async () => {
    const head = await results('rev-parse', 'HEAD');
    const { code, stdout } = await check([
      '--allow-private',
      '--only',
      'bo-mau',
      '--now',
      '2026-11-26T08:00:00+07:00',
      '--no-commit',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('not committed: committing was turned off (--no-commit)');
    expect(await results('rev-parse', 'HEAD')).toBe(head);
    expect(HistoryFileSchema.parse(await readJson('history/bo-mau.json')).days).toEqual([
      ['2026-11-25', 2, 2, 0, 0, expect.any(Number), expect.any(Number)],
    ]);
  });

  it('--shard K/N splits the registry into disjoint parts that cover it', async () => {
    const ids = async (shard: string) => {
      const { stdout } = await check(['--allow-private', '--shard', shard, '--only', SITES, '--no-commit']);
      return stdout
        .split('\n')
        .filter((l) => /^(bo-|tinh-|so-)/.test(l))
        .map((l) => l.split(' ')[0]!);
    };
    const [one, two] = [await ids('1/2'), await ids('2/2')];
    expect([...one, ...two].sort()).toEqual(SITES.split(',').sort());
    expect(one.filter((id) => two.includes(id))).toEqual([]);
    expect(RunFileSchema.parse(await readJson('runs/shard-2-of-2.json')).shard).toEqual({ index: 2, count: 2 });
  });

  it('without --allow-private, loopback portals fail registry validation: named, left out, nothing probed', async () => {
    const before = sim.requestCount('healthy');
    const { code, stdout, stderr } = await check(['--data', 'data', '--only', 'bo-mau', '--no-commit']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^data\/sites\/bo-mau.yml:5:6 error url: must not use a non-default port \(\d+\)$/m);
    expect(stdout).toContain('0 sites: 0 up, 0 degraded, 0 down');
    expect(sim.requestCount('healthy')).toBe(before);
  });

  it('--push publishes the results branch to origin and says so; main on origin is untouched', async () => {
    const remote = path.join(repo, '..', `${path.basename(repo)}-remote.git`);
    await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
    await git('remote', 'add', 'origin', remote);
    await git('push', '--quiet', '--set-upstream', 'origin', 'main');
    const { code, stdout } = await check([
      '--allow-private',
      '--only',
      'bo-mau',
      '--now',
      '2026-11-27T08:00:00+07:00',
      '--push',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/pushed [0-9a-f]{10} \(attempt 1\)/);
    const remoteLog = async (ref: string) =>
      (await run('git', ['log', '-1', '--format=%s', ref], { cwd: remote })).stdout.trim();
    expect(await remoteLog('canhgac-data')).toBe('Canh Gác: 1 up, 0 degraded, 0 down');
    expect(await remoteLog('main')).toBe('registry');
    await rm(remote, { recursive: true, force: true });
  });

  it('--data DIR is a plain directory: results beside the registry, never committed', async () => {
    const { code, stdout } = await check([
      '--data',
      'data',
      '--allow-private',
      '--only',
      'bo-mau',
      '--now',
      '2026-11-28T08:00:00+07:00',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'not committed: data is a plain directory (--data); results are committed on the results branch only',
    );
    expect(
      StatusFileSchema.parse(JSON.parse(await readFile(path.join(dataDir, 'status', 'bo-mau.json'), 'utf8'))).checkedAt,
    ).toBe('2026-11-28T01:00:00.000Z');
    await rm(path.join(dataDir, 'status'), { recursive: true });
    for (const dir of ['history', 'runs', 'baselines', 'incidents'])
      await rm(path.join(dataDir, dir), { recursive: true, force: true });
  });

  it.each([
    [['--push', '--no-commit'], 'canhgac check: --push needs a commit to push: drop --no-commit'],
    [
      ['--push', '--data', 'data'],
      'canhgac check: --push commits and pushes the results branch: run it in a clone of main without --data',
    ],
    [
      ['--push', '--export', 'out'],
      'canhgac check: --export hands the results to the publish job, which pushes: drop --push',
    ],
    [
      ['--now', 'yesterday'],
      'canhgac check: --now must be an ISO-8601 instant such as 2026-11-25T08:00:00+07:00, got "yesterday"',
    ],
    [['--shard', '3/2'], 'canhgac check: --shard must look like K/N with 1 ≤ K ≤ N (e.g. 2/4), got "3/2"'],
    [['--colour'], "canhgac check: Unknown option '--colour'"],
  ])('rejects %j with a clear message and exit 1', async (args, message) => {
    const { code, stderr } = await check(args);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toContain(message);
  });

  it('names unknown --only ids and a missing data dir', async () => {
    const unknown = await check(['--data', 'data', '--allow-private', '--only', 'bo-mau,khong-co', '--no-commit']);
    expect(unknown.stderr).toContain('--only: no valid site with id "khong-co" in data/sites');
    const missing = await check(['--data', 'khong-ton-tai', '--no-commit']);
    expect(missing.stderr).toContain('khong-ton-tai');
  });
});
