import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitRun } from '../../checks/store/commit-run.ts';
import { pushRun } from '../../checks/store/push-run.ts';
import { openResultsWorktree } from '../../checks/store/results-branch.ts';

// A bare "GitHub" remote holding main, the runner's clone of main, and a second writer's clone.
let root: string;
let remote: string;
let runner: string;
let other: string;
const BRANCH = 'canhgac-data';
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

async function clone(name: string): Promise<string> {
  const dir = path.join(root, name);
  git(root, 'clone', '--quiet', remote, dir);
  git(dir, 'config', 'user.name', name);
  git(dir, 'config', 'user.email', `${name}@example.org`);
  return dir;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-push-'));
  remote = path.join(root, 'remote.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  const seed = await clone('seed');
  await mkdir(path.join(seed, 'data', 'sites'), { recursive: true });
  await writeFile(path.join(seed, 'data', 'sites', 'a.yml'), 'name: A\n');
  await writeFile(path.join(seed, '.gitignore'), '/data/results/\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'registry');
  git(seed, 'push', '--quiet', 'origin', 'main');
  runner = await clone('runner');
  other = await clone('other');
});
afterEach(async () => rm(root, { recursive: true, force: true }));

const results = (clone: string) => path.join(clone, 'data', 'results');
const open = (clone: string, update = true) =>
  openResultsWorktree({ repoDir: clone, worktree: results(clone), branch: BRANCH, remote: 'origin', update });

async function runOnce(clone: string, file: string, value: string, period: string) {
  const dir = results(clone);
  const target = path.join(dir, 'status', file);
  const write = async () => {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `{"v":"${value}"}\n`);
  };
  await write();
  const request = { files: [target], period, policy: 'day' as const, subject: `run ${value}` };
  await commitRun(request);
  return pushRun({
    repoDir: dir,
    remote: 'origin',
    branch: BRANCH,
    reapply: async () => {
      await write();
      return commitRun(request);
    },
  });
}

describe('the results branch', () => {
  it('is created on first use with an empty root commit, checked out at data/results, and main stays clean', async () => {
    expect(await open(runner)).toMatchObject({ kind: 'created' });
    expect(git(results(runner), 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(BRANCH);
    expect(git(results(runner), 'ls-tree', '-r', 'HEAD')).toBe('');
    expect(await runOnce(runner, 'a.json', '1', 'd1')).toMatchObject({ kind: 'pushed', attempts: 1 });
    expect(git(runner, 'status', '--porcelain')).toBe('');
    expect(git(remote, 'log', '--format=%s', 'main')).toBe('registry');
    expect(git(remote, 'ls-tree', '-r', '--name-only', BRANCH)).toBe('status/a.json');
  });

  it('is fetched from the remote by a second clone, and an existing worktree catches up before a run', async () => {
    await open(runner);
    await runOnce(runner, 'a.json', '1', 'd1');
    expect(await open(other)).toMatchObject({ kind: 'fetched' });
    expect(await readFile(path.join(results(other), 'status', 'a.json'), 'utf8')).toBe('{"v":"1"}\n');
    await runOnce(runner, 'a.json', '2', 'd2');
    expect(await open(other)).toMatchObject({ kind: 'existing', notices: [] });
    expect(await readFile(path.join(results(other), 'status', 'a.json'), 'utf8')).toBe('{"v":"2"}\n');
  });

  it('keeps local results commits the remote lacks on a backup branch, never drops them', async () => {
    await open(runner);
    await runOnce(runner, 'a.json', '1', 'd1');
    await open(other);
    await runOnce(runner, 'a.json', '2', 'd2');
    // The other clone committed a run of its own without pushing it.
    await writeFile(path.join(results(other), 'status', 'b.json'), '{}\n');
    git(results(other), 'add', '.');
    git(results(other), 'commit', '--quiet', '-m', 'local run');
    const local = git(results(other), 'rev-parse', 'HEAD');
    const opened = await open(other);
    expect(opened.notices).toEqual([
      `local results commits that origin does not have were kept on branch ${BRANCH}-local-${local.slice(0, 10)}; the run continues from origin/${BRANCH}`,
    ]);
    expect(git(other, 'rev-parse', `${BRANCH}-local-${local.slice(0, 10)}`)).toBe(local);
  });

  it('refuses a data/results folder that is not a checkout of the branch, naming it', async () => {
    await mkdir(path.join(results(runner), 'status'), { recursive: true });
    await writeFile(path.join(results(runner), 'status', 'x.json'), '{}');
    await expect(open(runner)).rejects.toThrow(
      `${results(runner)} holds files but is not a checkout of the results branch "${BRANCH}"`,
    );
  });
});

describe('pushRun', () => {
  it('force-pushes the amended period commit on the results branch, replacing only the commit it saw', async () => {
    await open(runner);
    expect(await runOnce(runner, 'a.json', '1', 'd1')).toMatchObject({ kind: 'pushed', attempts: 1 });
    expect(await runOnce(runner, 'a.json', '2', 'd1')).toMatchObject({ kind: 'pushed', attempts: 1 });
    expect(git(remote, 'log', '--format=%s', BRANCH)).toBe('run 2\nCanh Gác: results branch');
    expect(git(remote, 'log', '--format=%s', 'main')).toBe('registry');
  });

  it('when another writer pushed meanwhile, applies the run again on top of theirs and keeps both', async () => {
    await open(runner);
    await runOnce(runner, 'a.json', '1', 'd1');
    await open(other);
    await runOnce(other, 'z.json', 'other', 'd2');

    expect(await runOnce(runner, 'a.json', '2', 'd2')).toMatchObject({ kind: 'pushed', attempts: 2 });
    // Same period: the runner amended the other writer's commit, keeping its file.
    expect(git(remote, 'log', '--format=%s', BRANCH)).toBe('run 2\nrun 1\nCanh Gác: results branch');
    expect(git(remote, 'show', `${BRANCH}:status/z.json`)).toBe('{"v":"other"}');
    expect(git(remote, 'show', `${BRANCH}:status/a.json`)).toBe('{"v":"2"}');
  });

  it('an agency branch of main made before the runs merges without conflict: runs never touch main', async () => {
    await open(runner);
    git(other, 'checkout', '--quiet', '-b', 'add-site-b');
    await writeFile(path.join(other, 'data', 'sites', 'b.yml'), 'name: B\n');
    git(other, 'add', '.');
    git(other, 'commit', '--quiet', '-m', 'add site b');
    for (const [value, period] of [
      ['1', 'd1'],
      ['2', 'd1'],
      ['3', 'd2'],
    ] as const)
      await runOnce(runner, 'a.json', value, period);
    git(runner, 'fetch', '--quiet', 'origin');
    git(other, 'push', '--quiet', 'origin', 'add-site-b');
    git(runner, 'fetch', '--quiet', 'origin');
    git(runner, 'merge', '--quiet', '--no-edit', 'origin/add-site-b');
    expect(git(runner, 'diff', '--name-only', 'origin/main', 'HEAD')).toBe('data/sites/b.yml');
  });

  it('reports a push that cannot succeed instead of swallowing it', async () => {
    await open(runner);
    await runOnce(runner, 'a.json', '1', 'd1');
    git(results(runner), 'remote', 'set-url', '--push', 'origin', path.join(root, 'missing.git'));
    const outcome = await runOnce(runner, 'a.json', '2', 'd1');
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 5 });
    expect(outcome.kind === 'failed' && outcome.error).toContain('missing.git');
  });
});
