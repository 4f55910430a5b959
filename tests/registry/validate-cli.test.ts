import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parseValidateArgs } from '../../checks/cli/validate.ts';
import { makeDataDir, MINIMAL_SITE, removeDataDir, siteWith } from './fixtures/temp-data-dir.ts';

const CLI = path.join(import.meta.dirname, '../../checks/cli/validate.ts');

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDataDir));
});

/** A temp dir holding `data/…`, so the CLI runs there and prints paths as it would in a checkout. */
async function checkout(files: Record<string, string>): Promise<string> {
  const dir = await makeDataDir(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [`data/${name}`, text])),
  );
  dirs.push(dir);
  return dir;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real entry point with the node running the tests (node 24, so .ts runs as is). */
function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  // Tests may themselves run in GitHub Actions; each case decides whether the CLI thinks so.
  const inherited = { ...process.env };
  delete inherited.GITHUB_ACTIONS;
  delete inherited.CANHGAC_DATA;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...inherited, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const BAD_DATA = {
  'sites/a.yml': siteWith('url', 'url: https://admin:secret@bovidu.example.com/'),
  'sites/b.yml': siteWith('url', 'url: http://b.example.com/'),
  'sites/ok.yml': siteWith('url', 'url: https://ok.example.com/'),
};

describe('npm run validate', () => {
  test('prints each problem and the summary, exits 1 on errors', async () => {
    const cwd = await checkout(BAD_DATA);
    const run = await runCli([], cwd);
    expect(run.stdout.split('\n')).toEqual([
      'data/sites/a.yml:4:6 error url: must not contain a user name or password',
      'data/sites/b.yml:4:6 warning url: uses http://; prefer https://',
      '1 error, 1 warning in 3 files',
      '',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  test('in GitHub Actions, also annotates the files', async () => {
    const cwd = await checkout(BAD_DATA);
    const run = await runCli(['--data', 'data'], cwd, { GITHUB_ACTIONS: 'true' });
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toEqual([
      '::error title=Canh Gác registry,file=data/sites/a.yml,line=4,col=6::url: must not contain a user name or password',
      '::warning title=Canh Gác registry,file=data/sites/b.yml,line=4,col=6::url: uses http://; prefer https://',
    ]);
    expect(run.code).toBe(1);
  });

  test('a whole-file problem is annotated without a line', async () => {
    const cwd = await checkout({ 'sites/Bo_Cong_An.yml': MINIMAL_SITE });
    const run = await runCli([], cwd, { GITHUB_ACTIONS: 'true' });
    expect(run.stdout).toContain(
      '::error title=Canh Gác registry,file=data/sites/Bo_Cong_An.yml::id: file name "Bo_Cong_An" is not a valid site id',
    );
    expect(run.code).toBe(1);
  });

  test('exits 0 when there are only warnings', async () => {
    const cwd = await checkout({ 'sites/b.yml': siteWith('url', 'url: http://b.example.com/') });
    const run = await runCli([], cwd);
    expect(run.stdout).toBe(
      'data/sites/b.yml:4:6 warning url: uses http://; prefer https://\n0 errors, 1 warning in 1 file\n',
    );
    expect(run.code).toBe(0);
  });

  test('CANHGAC_DATA stands for --data, and --allow-private relaxes the URL policy', async () => {
    const cwd = await checkout({ 'sites/local.yml': siteWith('url', 'url: https://127.0.0.1:8443/') });
    await rename(path.join(cwd, 'data'), path.join(cwd, 'demo-data'));
    const strict = await runCli([], cwd, { CANHGAC_DATA: 'demo-data' });
    expect(strict.stdout.split('\n')).toEqual([
      'demo-data/sites/local.yml:4:6 error url: must not use a non-default port (8443)',
      'demo-data/sites/local.yml:4:6 error url: points to a private or special address (loopback)',
      '2 errors, 0 warnings in 1 file',
      '',
    ]);
    const lax = await runCli(['--allow-private'], cwd, { CANHGAC_DATA: 'demo-data' });
    expect(lax.stdout).toBe('0 errors, 0 warnings in 1 file\n');
    expect(lax.code).toBe(0);
  });

  test('an unknown flag prints the usage and exits 2', async () => {
    const cwd = await checkout({});
    const run = await runCli(['--allow-privat'], cwd);
    expect(run.stderr).toBe(
      'validate: unknown option --allow-privat\nusage: npm run validate -- [--data DIR] [--repo-root DIR] [--allow-private]\n',
    );
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });
});

describe('npm run validate on a pull request checked out beside the code', () => {
  /** The layout validate-sites.yml makes: the base branch's code in base/, the pull request in pr/. */
  async function layout(): Promise<{ root: string; base: string; summaryFile: string }> {
    const root = await makeDataDir({
      'pr/data/sites/good.yml': MINIMAL_SITE,
      'pr/data/sites/bad.yml': siteWith('url', 'url: https://admin:secret@bad.example.com/'),
      'pr/data/sites/notes.txt': 'not a site\n',
    });
    dirs.push(root);
    const base = path.join(root, 'base');
    await mkdir(base);
    const summaryFile = path.join(root, 'step-summary.md');
    await writeFile(summaryFile, '');
    return { root, base, summaryFile };
  }

  test('annotates paths from the root of the pull request checkout and writes one summary row per file', async () => {
    const { base, summaryFile } = await layout();
    const run = await runCli(['--data', '../pr/data', '--repo-root', '../pr'], base, {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(run.stdout.split('\n')).toEqual([
      'data/sites/bad.yml:4:6 error url: must not contain a user name or password',
      'data/sites/notes.txt warning ignored: not a .yml file',
      '1 error, 1 warning in 2 files',
      '::error title=Canh Gác registry,file=data/sites/bad.yml,line=4,col=6::url: must not contain a user name or password',
      '::warning title=Canh Gác registry,file=data/sites/notes.txt::ignored: not a .yml file',
      '',
    ]);
    expect(run.code).toBe(1);
    expect((await readFile(summaryFile, 'utf8')).split('\n')).toEqual([
      '<h2>Canh Gác registry</h2>',
      '1 error, 1 warning in 2 files',
      '<table><tr><th>file</th><th>id</th><th>status</th><th>message</th></tr>' +
        '<tr><td>data/sites/bad.yml</td><td>bad</td><td>error</td><td>line 4: url: must not contain a user name or password</td></tr>' +
        '<tr><td>data/sites/good.yml</td><td>good</td><td>ok</td><td>—</td></tr>' +
        '<tr><td>data/sites/notes.txt</td><td>—</td><td>warning</td><td>ignored: not a .yml file</td></tr></table>',
      '',
    ]);
  });

  test('escapes what the files say in the summary, and writes none without GITHUB_STEP_SUMMARY', async () => {
    const { base, root, summaryFile } = await layout();
    await writeFile(path.join(root, 'pr/data/sites/good.yml'), `${MINIMAL_SITE}<b>: 1\n`);
    const withSummary = await runCli(['--data', '../pr/data', '--repo-root', '../pr'], base, {
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(withSummary.stdout).not.toContain('::');
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('<td>data/sites/good.yml</td><td>good</td><td>error</td><td>line 5: &lt;b&gt;: ');
    expect(summary).not.toContain('<b>');

    await writeFile(summaryFile, '');
    await runCli(['--data', '../pr/data', '--repo-root', '../pr'], base, { GITHUB_ACTIONS: 'true' });
    expect(await readFile(summaryFile, 'utf8')).toBe('');
  });
});

describe('parseValidateArgs', () => {
  const plain = { allowPrivate: false, annotate: false, jobSummary: false, help: false };
  test.each([
    [[], {}, { ok: true, args: { ...plain, dataDir: 'data' } }],
    [['--data', 'x'], { CANHGAC_DATA: 'y' }, { ok: true, args: { ...plain, dataDir: 'x' } }],
    [['--data=x', '--allow-private'], {}, { ok: true, args: { ...plain, dataDir: 'x', allowPrivate: true } }],
    [[], { CANHGAC_DATA: 'y' }, { ok: true, args: { ...plain, dataDir: 'y' } }],
    [['-h'], {}, { ok: true, args: { ...plain, dataDir: 'data', help: true } }],
    [
      ['--data', '../pr/data', '--repo-root', '../pr'],
      {},
      { ok: true, args: { ...plain, dataDir: '../pr/data', repoRoot: '../pr' } },
    ],
    [['--repo-root', '.'], {}, { ok: true, args: { ...plain, dataDir: 'data', repoRoot: '.' } }],
    [
      [],
      { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/tmp/s' },
      { ok: true, args: { ...plain, dataDir: 'data', annotate: true, jobSummary: true } },
    ],
    [[], { GITHUB_ACTIONS: 'false', GITHUB_STEP_SUMMARY: '' }, { ok: true, args: { ...plain, dataDir: 'data' } }],
    [
      ['--data', 'data', '--repo-root', 'pr'],
      {},
      { ok: false, message: 'the data directory data is not inside --repo-root pr' },
    ],
    [['--repo-root'], {}, { ok: false, message: '--repo-root needs a directory' }],
    [['--repo-root='], {}, { ok: false, message: '--repo-root needs a directory' }],
    [['--dat', 'x'], {}, { ok: false, message: 'unknown option --dat' }],
    [['-x'], {}, { ok: false, message: 'unknown option -x' }],
    [['data'], {}, { ok: false, message: 'unexpected argument data' }],
    [['--data'], {}, { ok: false, message: '--data needs a directory' }],
    [['--data='], {}, { ok: false, message: '--data needs a directory' }],
    [['--allow-private=yes'], {}, { ok: false, message: '--allow-private does not take a value' }],
  ] as const)('%j %j', (argv, env, expected) => {
    expect(parseValidateArgs(argv, env)).toEqual(expected);
  });
});
