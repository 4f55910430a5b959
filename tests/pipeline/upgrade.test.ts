import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openResultsWorktree } from '../../checks/store/results-branch.ts';

// docs/operators.md, "Upgrading": an operator's deployment takes a newer Canh Gác by merging upstream.
// With results on their own branch, main differs from upstream only in data/config.yml and data/sites/,
// which upstream leaves alone after a release: the merge touches code only and never conflicts.
let root: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
async function write(dir: string, files: Record<string, string | null>) {
  for (const [file, text] of Object.entries(files)) {
    if (text === null) {
      await rm(path.join(dir, file));
      continue;
    }
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

const V1 = {
  '.gitignore': '/data/results/\n',
  'README.md': '# Canh Gác v1\n',
  'checks/run/run-checks.ts': 'export const version = 1;\n',
  'data/config.yml': '# example\norganisation:\n  name: Example\n',
  'data/sites/vi-du.yml': 'name: Ví dụ\n',
};
const V2_CODE = {
  'README.md': '# Canh Gác v2\n',
  'checks/run/run-checks.ts': 'export const version = 2;\n',
  'checks/monitor/new-file.ts': 'export {};\n',
};

let upstream: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-upgrade-'));
  upstream = path.join(root, 'upstream');
  git(root, 'init', '--quiet', '--initial-branch=main', upstream);
  await write(upstream, V1);
  git(upstream, 'add', '.');
  git(upstream, 'commit', '--quiet', '-m', 'v1');
  git(upstream, 'tag', 'v1');
});
afterEach(async () => rm(root, { recursive: true, force: true }));

/** The operator's own changes: their organisation, their sites, the example removed, and runs on the results branch. */
async function operate(deployment: string) {
  await write(deployment, {
    'data/config.yml': 'organisation:\n  name: Sở TT Mẫu\n',
    'data/sites/vi-du.yml': null,
    'data/sites/so-mau.yml': 'name: Sở Mẫu\n',
  });
  git(deployment, 'add', '--all');
  git(deployment, 'commit', '--quiet', '-m', 'Our registry');
  const results = path.join(deployment, 'data', 'results');
  await openResultsWorktree({
    repoDir: deployment,
    worktree: results,
    branch: 'canhgac-data',
    remote: 'origin',
    update: false,
  });
  await write(results, { 'status/so-mau.json': '{}\n' });
  git(results, 'add', '.');
  git(results, 'commit', '--quiet', '-m', 'Canh Gác: 1 up');
}

async function releaseV2() {
  await write(upstream, V2_CODE);
  git(upstream, 'add', '.');
  git(upstream, 'commit', '--quiet', '-m', 'v2');
}

function expectUpgraded(deployment: string) {
  expect(git(deployment, 'status', '--porcelain')).toBe('');
  expect(git(deployment, 'show', 'HEAD:checks/run/run-checks.ts')).toBe('export const version = 2;');
  expect(git(deployment, 'show', 'HEAD:checks/monitor/new-file.ts')).toBe('export {};');
  expect(git(deployment, 'show', 'HEAD:data/config.yml')).toBe('organisation:\n  name: Sở TT Mẫu');
  expect(git(deployment, 'ls-tree', '--name-only', 'HEAD', 'data/sites/')).toBe('data/sites/so-mau.yml');
  expect(git(deployment, 'show', 'canhgac-data:status/so-mau.json')).toBe('{}');
}

describe('upgrading a deployment to a newer Canh Gác', () => {
  it('a fork merges upstream with no conflict: only code changes', async () => {
    const fork = path.join(root, 'fork');
    git(root, 'clone', '--quiet', upstream, fork);
    git(fork, 'remote', 'rename', 'origin', 'upstream');
    await operate(fork);
    await releaseV2();
    git(fork, 'fetch', '--quiet', 'upstream');
    git(fork, 'merge', '--quiet', '--no-edit', 'upstream/main');
    expectUpgraded(fork);
  });

  it('a repository made with "Use this template" records its starting release once, then merges upstream with no conflict', async () => {
    // GitHub's template copy: the same files in a fresh, unrelated history.
    const deployment = path.join(root, 'deployment');
    git(root, 'init', '--quiet', '--initial-branch=main', deployment);
    await write(deployment, V1);
    git(deployment, 'add', '.');
    git(deployment, 'commit', '--quiet', '-m', 'Initial commit');
    await operate(deployment);
    await releaseV2();
    git(deployment, 'remote', 'add', 'upstream', upstream);
    git(deployment, 'fetch', '--quiet', '--tags', 'upstream');
    // Once: the release the template was made from is marked as merged, keeping every file as it is.
    git(
      deployment,
      'merge',
      '--quiet',
      '--allow-unrelated-histories',
      '-s',
      'ours',
      '-m',
      'Canh Gác: based on v1',
      'v1',
    );
    expect(git(deployment, 'diff', '--name-only', 'HEAD~1', 'HEAD')).toBe('');
    git(deployment, 'merge', '--quiet', '--no-edit', 'upstream/main');
    expect(git(deployment, 'diff', '--name-only', 'HEAD~1', 'HEAD').split('\n').sort()).toEqual(
      Object.keys(V2_CODE).sort(),
    );
    expectUpgraded(deployment);
  });
});
