import { spawn } from 'node:child_process';
import { rename } from 'node:fs/promises';
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
  const dir = await makeDataDir(Object.fromEntries(Object.entries(files).map(([name, text]) => [`data/${name}`, text])));
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
  delete inherited['GITHUB_ACTIONS'];
  delete inherited['CANHGAC_DATA'];
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
    expect(run.stdout).toBe('data/sites/b.yml:4:6 warning url: uses http://; prefer https://\n0 errors, 1 warning in 1 file\n');
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
    expect(run.stderr).toBe('validate: unknown option --allow-privat\nusage: npm run validate -- [--data DIR] [--allow-private]\n');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });
});

describe('parseValidateArgs', () => {
  test.each([
    [[], {}, { ok: true, args: { dataDir: 'data', allowPrivate: false, help: false } }],
    [['--data', 'x'], { CANHGAC_DATA: 'y' }, { ok: true, args: { dataDir: 'x', allowPrivate: false, help: false } }],
    [['--data=x', '--allow-private'], {}, { ok: true, args: { dataDir: 'x', allowPrivate: true, help: false } }],
    [[], { CANHGAC_DATA: 'y' }, { ok: true, args: { dataDir: 'y', allowPrivate: false, help: false } }],
    [['-h'], {}, { ok: true, args: { dataDir: 'data', allowPrivate: false, help: true } }],
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
