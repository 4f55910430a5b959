import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitRun } from '../../checks/store/commit-run.ts';
import { pushRun } from '../../checks/store/push-run.ts';

// A bare "GitHub" remote, the runner's clone, and a person's clone that pushes in between.
let root: string;
let remote: string;
let runner: string;
let person: string;
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
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'registry');
  git(seed, 'push', '--quiet', 'origin', 'main');
  runner = await clone('runner');
  person = await clone('person');
});
afterEach(async () => rm(root, { recursive: true, force: true }));

async function runOnce(value: string, period: string) {
  await mkdir(path.join(runner, 'data', 'status'), { recursive: true });
  await writeFile(path.join(runner, 'data', 'status', 'a.json'), `{"v":"${value}"}\n`);
  const request = { files: [path.join(runner, 'data', 'status', 'a.json')], period, policy: 'day' as const, subject: `run ${value}` };
  await commitRun(request);
  return pushRun({ repoDir: runner, remote: 'origin', branch: 'main', recommit: () => commitRun(request) });
}

describe('pushRun', () => {
  it('force-pushes the amended period commit, replacing only the commit it saw', async () => {
    expect(await runOnce('1', 'd1')).toMatchObject({ kind: 'pushed', attempts: 1 });
    expect(await runOnce('2', 'd1')).toMatchObject({ kind: 'pushed', attempts: 1 });
    expect(git(remote, 'log', '--format=%s', 'main')).toBe('run 2\nregistry');
  });

  it('when a person pushed meanwhile, puts the run on top of their commit and keeps both', async () => {
    await runOnce('1', 'd1');
    git(person, 'pull', '--quiet');
    await writeFile(path.join(person, 'data', 'sites', 'b.yml'), 'name: B\n');
    git(person, 'add', '.');
    git(person, 'commit', '--quiet', '-m', 'add site b');
    git(person, 'push', '--quiet', 'origin', 'main');

    expect(await runOnce('2', 'd1')).toMatchObject({ kind: 'pushed', attempts: 2 });
    expect(git(remote, 'log', '--format=%s', 'main')).toBe('run 2\nadd site b\nrun 1\nregistry');
    expect(git(remote, 'show', 'main:data/sites/b.yml')).toBe('name: B');
    expect(git(remote, 'show', 'main:data/status/a.json')).toBe('{"v":"2"}');
  });

  it('amends another shard’s run commit of the same period without dropping its files', async () => {
    await runOnce('1', 'd1');
    // Shard 2 ran in parallel and pushed its own status file in this period's commit.
    git(person, 'pull', '--quiet');
    await mkdir(path.join(person, 'data', 'status'), { recursive: true });
    await writeFile(path.join(person, 'data', 'status', 'z.json'), '{"shard":2}\n');
    await commitRun({ files: [path.join(person, 'data', 'status', 'z.json')], period: 'd1', policy: 'day', subject: 'shard 2' });
    git(person, 'push', '--quiet', '--force', 'origin', 'main');

    expect(await runOnce('2', 'd1')).toMatchObject({ kind: 'pushed', attempts: 2 });
    expect(git(remote, 'log', '--format=%s', 'main')).toBe('run 2\nregistry');
    expect(git(remote, 'show', 'main:data/status/z.json')).toBe('{"shard":2}');
    expect(await readFile(path.join(runner, 'data', 'status', 'a.json'), 'utf8')).toBe('{"v":"2"}\n');
  });

  it('reports a push that cannot succeed instead of swallowing it', async () => {
    await runOnce('1', 'd1');
    git(runner, 'remote', 'set-url', '--push', 'origin', path.join(root, 'missing.git'));
    const outcome = await runOnce('2', 'd1');
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 5 });
    expect(outcome.kind === 'failed' && outcome.error).toContain('missing.git');
  });
});
