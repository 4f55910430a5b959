import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitRun } from '../../checks/store/commit-run.ts';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

beforeEach(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'canhgac-git-'));
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.org');
  await mkdir(path.join(repo, 'data', 'sites'), { recursive: true });
  await writeFile(path.join(repo, 'data', 'sites', 'a.yml'), 'name: A\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'registry');
});
afterEach(async () => rm(repo, { recursive: true, force: true }));

async function run(value: string, period: string, policy: 'day' | 'week' | 'none' = 'day') {
  await mkdir(path.join(repo, 'data', 'status'), { recursive: true });
  await writeFile(path.join(repo, 'data', 'status', 'a.json'), `{"v":"${value}"}\n`);
  const files = [path.join(repo, 'data', 'status', 'a.json'), path.join(repo, 'data', 'history', 'a.json')];
  return commitRun({ files, period, policy, subject: `run ${value}` });
}

describe('commitRun', () => {
  it('amends the period’s run commit, so history keeps one data commit per period', async () => {
    expect(await run('1', '2026-11-24')).toMatchObject({ kind: 'committed', runs: 1 });
    expect(await run('2', '2026-11-24')).toMatchObject({ kind: 'amended', runs: 2 });
    expect(await run('3', '2026-11-24')).toMatchObject({ kind: 'amended', runs: 3 });
    expect(await run('4', '2026-11-25')).toMatchObject({ kind: 'committed', runs: 1 });
    expect(git('log', '--format=%s')).toBe('run 4\nrun 3\nregistry');
    expect(git('log', '-1', '--skip=1', '--format=%B')).toBe('run 3\n\nCanhgac-Period: 2026-11-24\nCanhgac-Runs: 3');
  });

  it('never amends a commit it did not make, and commits only the run’s paths', async () => {
    await run('1', '2026-11-24');
    await writeFile(path.join(repo, 'data', 'sites', 'b.yml'), 'name: B\n');
    git('add', 'data/sites/b.yml');
    git('commit', '--quiet', '-m', 'add site b');
    await writeFile(path.join(repo, 'data', 'sites', 'c.yml'), 'name: C\n'); // an operator's uncommitted work
    expect(await run('2', '2026-11-24')).toMatchObject({ kind: 'committed' });
    expect(git('log', '--format=%s')).toBe('run 2\nadd site b\nrun 1\nregistry');
    expect(git('status', '--porcelain')).toBe('?? data/sites/c.yml');
  });

  it('keeps every run with policy none, reports unchanged data, and commits only the files it was given', async () => {
    await run('1', 'p1', 'none');
    await writeFile(path.join(repo, 'data', 'status', '.a.json.123.abcd.tmp'), 'torn'); // a killed run's leftover
    await writeFile(path.join(repo, 'data', 'status', 'b.json'), '{"other":"shard"}\n'); // another shard's stale copy
    expect(await run('1', 'p2', 'none')).toEqual({ kind: 'unchanged' });
    expect(await run('2', 'p2', 'none')).toMatchObject({ kind: 'committed' });
    expect(git('ls-files', 'data/status')).toBe('data/status/a.json');
    expect(git('log', '--format=%s')).toBe('run 2\nrun 1\nregistry');
  });

  it('uses a bot identity when git has none, and skips outside a repository', async () => {
    git('config', '--unset', 'user.email');
    git('config', '--unset', 'user.name');
    const home = process.env.HOME;
    process.env.HOME = repo; // no global identity either
    try {
      expect(await run('1', 'p')).toMatchObject({ kind: 'committed' });
      expect(git('log', '-1', '--format=%an <%ae>')).toBe('Canh Gác <canhgac@users.noreply.github.com>');
    } finally {
      process.env.HOME = home;
    }
    const outside = await mkdtemp(path.join(os.tmpdir(), 'canhgac-nogit-'));
    await mkdir(path.join(outside, 'status'));
    await writeFile(path.join(outside, 'status', 'a.json'), '{}\n');
    expect(
      await commitRun({ files: [path.join(outside, 'status', 'a.json')], period: 'p', policy: 'day', subject: 's' }),
    ).toEqual({
      kind: 'skipped',
      why: `${outside} is not inside a git repository (fatal: not a git repository (or any of the parent directories): .git)`,
    });
    await rm(outside, { recursive: true, force: true });
  });
});
