import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parsePrScopeArgs } from '../../checks/cli/pr-scope.ts';
import { describeScope, scopeOfChange, scopeSummary } from '../../checks/registry/scope-of-change.ts';

describe('scopeOfChange', () => {
  test.each([
    [[], { kind: 'data-only', paths: [] }],
    [['data/sites/bo-y-te.yml'], { kind: 'data-only', paths: ['data/sites/bo-y-te.yml'] }],
    [
      ['data/sites/a.yml', 'data/sites/b.yaml'],
      { kind: 'data-only', paths: ['data/sites/a.yml', 'data/sites/b.yaml'] },
    ],
    [['data/sites/a.yml', 'data/config.yml'], { kind: 'needs-review', outside: ['data/config.yml'] }],
    [
      ['.github/workflows/test.yml', 'package.json', 'data/sites/a.yml'],
      { kind: 'needs-review', outside: ['.github/workflows/test.yml', 'package.json'] },
    ],
    // Look-alikes: a file named like the directory, a sibling directory, a nested data/sites.
    [['data/sites'], { kind: 'needs-review', outside: ['data/sites'] }],
    [['data/sites2/a.yml'], { kind: 'needs-review', outside: ['data/sites2/a.yml'] }],
    [['site/data/sites/a.yml'], { kind: 'needs-review', outside: ['site/data/sites/a.yml'] }],
  ] as const)('%j', (paths, expected) => {
    expect(scopeOfChange(paths)).toEqual(expected);
  });
});

describe('describeScope and scopeSummary', () => {
  test('data only', () => {
    const scope = scopeOfChange(['data/sites/a.yml']);
    expect(describeScope(scope)).toBe('data only: this pull request changes 1 file under data/sites/');
    expect(scopeSummary(scope)).toBe(
      '## Scope of this pull request\n\ndata only: this pull request changes 1 file under data/sites/.\n',
    );
  });

  test('needs review, with odd names kept on their line and escaped', () => {
    const scope = scopeOfChange(['checks/a.ts', 'x\n::error::<b>.md', 'data/sites/a.yml']);
    expect(describeScope(scope)).toBe(
      'needs maintainer review: this pull request changes files outside data/sites/: checks/a.ts, x\\x0a::error::<b>.md',
    );
    expect(scopeSummary(scope)).toBe(
      '## Scope of this pull request\n\n**needs maintainer review: this pull request changes files outside data/sites/:**\n\n' +
        '<ul>\n<li><code>checks/a.ts</code></li>\n<li><code>x\\x0a::error::&lt;b&gt;.md</code></li>\n</ul>\n',
    );
  });

  test('a long list is cut', () => {
    const scope = scopeOfChange(['a', 'b', 'c']);
    expect(describeScope(scope, 2)).toBe(
      'needs maintainer review: this pull request changes files outside data/sites/: a, b and 1 more',
    );
    expect(scopeSummary(scope, 1)).toContain('<li><code>a</code></li>\n<li>… and 2 more</li>\n</ul>');
  });
});

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parsePrScopeArgs', () => {
  test.each([
    [['--base', A, '--head', B], {}, { ok: true, args: { repo: '.', base: A, head: B, annotate: false } }],
    [
      ['--repo', 'pr', '--base', A, '--head', B],
      { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/tmp/s' },
      { ok: true, args: { repo: 'pr', base: A, head: B, annotate: true, summaryFile: '/tmp/s' } },
    ],
    [['--head', B], {}, { ok: false, message: '--base needs a commit' }],
    [
      ['--base', A, '--head', B, 'x'],
      {},
      { ok: false, message: "Unexpected argument 'x'. This command does not take positional arguments" },
    ],
    [['--base', A, '--head', ''], {}, { ok: false, message: '--head needs a commit' }],
    [
      ['--base', 'main', '--head', B],
      {},
      { ok: false, message: '--base must be a full commit id (40 hex digits), not "main"' },
    ],
    [
      ['--base=--output=/tmp/x', '--head', B],
      {},
      { ok: false, message: '--base must be a full commit id (40 hex digits), not "--output=/tmp/x"' },
    ],
  ] as const)('%j %j', (argv, env, expected) => {
    expect(parsePrScopeArgs(argv, env)).toEqual(expected);
  });
});

// A real repository: main, and a pull request branch made before main moved on.
describe('node checks/cli/pr-scope.ts', () => {
  const CLI = path.join(import.meta.dirname, '../../checks/cli/pr-scope.ts');
  let root: string;
  let repo: string;
  let forkPoint: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

  async function write(file: string, text: string): Promise<void> {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), text);
  }

  /** A branch from the fork point with `change` applied; returns its commit. */
  async function branch(name: string, change: () => Promise<void>): Promise<string> {
    git('checkout', '--quiet', '-b', name, forkPoint);
    await change();
    git('add', '-A');
    git('commit', '--quiet', '-m', name);
    return git('rev-parse', 'HEAD');
  }

  function run(
    args: readonly string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const inherited = { ...process.env };
    delete inherited.GITHUB_ACTIONS;
    delete inherited.GITHUB_STEP_SUMMARY;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: { ...inherited, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  let main: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-scope-'));
    repo = path.join(root, 'pr');
    await mkdir(repo);
    git('init', '--quiet', '--initial-branch=main');
    git('config', 'user.name', 'test');
    git('config', 'user.email', 'test@example.org');
    await write('data/sites/a.yml', 'name: A\n');
    await write('checks/run.ts', 'export {};\n');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'base');
    forkPoint = git('rev-parse', 'HEAD');
    // main moves on outside data/sites/ after the pull requests branched: not theirs to answer for.
    await write('checks/later.ts', 'export {};\n');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'later');
    main = git('rev-parse', 'HEAD');
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  test('an agency pull request that only touches data/sites/ passes', async () => {
    const head = await branch('agency', async () => {
      await write('data/sites/a.yml', 'name: A2\n');
      await write('data/sites/b.yml', 'name: B\n');
    });
    const summaryFile = path.join(root, 'summary-ok.md');
    const result = await run(['--repo', 'pr', '--base', main, '--head', head], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(result.stdout).toBe(
      'changed files (2):\n  data/sites/a.yml\n  data/sites/b.yml\ndata only: this pull request changes 2 files under data/sites/\n',
    );
    expect(result.code).toBe(0);
    expect(await readFile(summaryFile, 'utf8')).toBe(
      '## Scope of this pull request\n\ndata only: this pull request changes 2 files under data/sites/.\n',
    );
  });

  test('a file moved into data/sites/ still counts where it came from', async () => {
    const head = await branch('sneaky', async () => {
      git('mv', 'checks/run.ts', 'data/sites/run.yml');
    });
    const summaryFile = path.join(root, 'summary-review.md');
    const result = await run(['--repo', 'pr', '--base', main, '--head', head], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(result.stdout.split('\n')).toEqual([
      'changed files (2):',
      '  checks/run.ts',
      '  data/sites/run.yml',
      'needs maintainer review: this pull request changes files outside data/sites/: checks/run.ts',
      '::error title=Scope::needs maintainer review: this pull request changes files outside data/sites/: checks/run.ts',
      '',
    ]);
    expect(result.code).toBe(1);
    expect(await readFile(summaryFile, 'utf8')).toContain('<li><code>checks/run.ts</code></li>');
  });

  test('a commit the checkout does not have is an error, not a pass', async () => {
    const result = await run(['--repo', 'pr', '--base', main, '--head', 'c'.repeat(40)]);
    expect(result.stderr).toMatch(/^pr-scope: git diff [0-9a-f]{40}\.\.\.c{40} in pr failed: /);
    expect(result.code).toBe(2);
  });

  test('bad arguments print the usage and exit 2', async () => {
    const result = await run(['--base', 'main']);
    expect(result.stderr).toBe(
      'pr-scope: --base must be a full commit id (40 hex digits), not "main"\nusage: node checks/cli/pr-scope.ts --base SHA --head SHA [--repo DIR]\n',
    );
    expect(result.code).toBe(2);
  });
});
