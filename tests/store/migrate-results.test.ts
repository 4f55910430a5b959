import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `npm run data -- migrate` as an operator runs it in a clone of an older deployment, whose runs
// committed their results on main; a bare repository stands in for GitHub.
const CLI = path.resolve('checks/cli/data.ts');
let root: string;
let remote: string;
let clone: string;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const migrate = async (...args: string[]) =>
  promisify(execFile)(process.execPath, [CLI, 'migrate', ...args], { cwd: clone }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const LEGACY = {
  'data/config.yml': 'organisation:\n  name: Sở Mẫu\n',
  'data/sites/so-mau.yml': 'name: Sở Mẫu\nagency: Sở Mẫu\ngroup: province\nurl: https://so-mau.example.org/\n',
  'data/status/so-mau.json': '{"id":"so-mau"}\n',
  'data/history/so-mau.json': '{"id":"so-mau","days":[["2026-11-01",288,288,0,0,120,340]]}\n',
  'data/incidents/tracks/so-mau.json': '{"siteId":"so-mau"}\n',
  'data/baselines/so-mau.json': '{"version":1}\n',
  'data/runs/shard-1-of-1.json': '{"sites":1}\n',
};

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-migrate-'));
  remote = path.join(root, 'github.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  clone = path.join(root, 'clone');
  git(root, 'clone', '--quiet', remote, clone);
  git(clone, 'config', 'user.name', 'Operator');
  git(clone, 'config', 'user.email', 'op@example.org');
  for (const [file, text] of Object.entries(LEGACY)) {
    await mkdir(path.dirname(path.join(clone, file)), { recursive: true });
    await writeFile(path.join(clone, file), text);
  }
  await writeFile(path.join(clone, '.gitignore'), '/data/results/\n');
  git(clone, 'add', '.');
  git(clone, 'commit', '--quiet', '-m', 'Canh Gác: 1 up, 0 degraded, 0 down');
  git(clone, 'push', '--quiet', 'origin', 'main');
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('npm run data -- migrate', () => {
  it('moves the results to the results branch byte for byte, removes them from main in one commit, pushes both', async () => {
    const before = git(clone, 'rev-parse', 'HEAD');
    const { code, stdout } = await migrate('--push');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^moved 5 files \(status, history, incidents, baselines, runs\) to canhgac-data \([0-9a-f]{10}\), checked out at data\/results\n/,
    );
    for (const [file, text] of Object.entries(LEGACY).filter(([f]) => !/data\/(config\.yml|sites\/)/.test(f))) {
      expect(git(remote, 'show', `canhgac-data:${file.slice('data/'.length)}`)).toBe(text.trimEnd());
    }
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'main').split('\n')).toEqual([
      '.gitignore',
      'data/config.yml',
      'data/sites/so-mau.yml',
    ]);
    // Nothing rewritten: the old commit is the parent of the migration commit on main.
    expect(git(remote, 'rev-parse', 'main~1')).toBe(before);
    expect(git(clone, 'status', '--porcelain')).toBe('');
    expect(await readFile(path.join(clone, 'data', 'results', 'history', 'so-mau.json'), 'utf8')).toBe(
      LEGACY['data/history/so-mau.json'],
    );

    expect((await migrate()).stdout).toBe(
      'nothing to migrate: no results on main under data/ (status, history, incidents, baselines, evidence, runs, monitor)\n',
    );
  });

  it('refuses a dirty main and a results branch that already holds results, moving nothing', async () => {
    await writeFile(path.join(clone, 'data', 'config.yml'), 'organisation:\n  name: Sở Khác\n');
    const dirty = await migrate();
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('canhgac data: main has uncommitted changes; commit or stash them first:');
    git(clone, 'checkout', '--quiet', '--', 'data/config.yml');

    git(clone, 'worktree', 'add', '--quiet', '-b', 'canhgac-data', path.join(root, 'other'));
    await writeFile(path.join(root, 'other', 'x.json'), '{}');
    git(path.join(root, 'other'), 'add', '.');
    git(path.join(root, 'other'), 'commit', '--quiet', '-m', 'results');
    git(path.join(root, 'other'), 'push', '--quiet', 'origin', 'canhgac-data');
    git(clone, 'worktree', 'remove', '--force', path.join(root, 'other'));
    const taken = await migrate();
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('the results branch "canhgac-data" already holds results; nothing was moved');
    expect(git(clone, 'ls-files', 'data/status')).toBe('data/status/so-mau.json');
  });
});
