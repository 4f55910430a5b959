import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { condition, interpolate, type Context, type Status } from './expressions.ts';

/**
 * Runs a workflow's jobs on this machine the way GitHub would, job by job in `needs:` order, each job's
 * own `run:` steps in a fresh workspace, against a local bare repository standing in for GitHub:
 * `actions/checkout` = a clone at the ref, artifacts = directories, Pages = a directory, the GitHub API
 * = whatever `GITHUB_API_URL` the caller passes (the project's fake GitHub server). `npm ci` is the one
 * step replaced: each workspace links the project's installed node_modules.
 */
export interface HarnessOptions {
  readonly workflow: string;
  /** The bare repository ("GitHub"). */
  readonly remote: string;
  /** Where workspaces, artifacts and logs of each tick go. */
  readonly workDir: string;
  /** The project's node_modules, linked into each workspace. */
  readonly nodeModules: string;
  /** Pages: what deploy-pages publishes ends up here. */
  readonly pagesDir: string;
  /** Environment of every step (GITHUB_API_URL, GITHUB_REPOSITORY, …) on top of this process's. */
  readonly env: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, string>>;
  readonly event?: {
    readonly name: 'schedule' | 'workflow_dispatch' | 'repository_dispatch';
    readonly schedule?: string;
  };
  /** Jobs whose runs stop here (e.g. to overlap two ticks); default: all. */
  readonly onlyJobs?: readonly string[];
  /** Job instances whose runner dies before any step (`check 2/3`): a shard that failed or timed out. */
  readonly lostRunners?: readonly string[];
}

export interface JobRun {
  readonly job: string;
  /** Matrix value for matrix jobs. */
  readonly instance: string;
  readonly result: 'success' | 'failure' | 'skipped';
  readonly ms: number;
  readonly log: string;
  /** What its steps wrote to $GITHUB_STEP_SUMMARY. */
  readonly summary: string;
}

export interface TickRun {
  readonly name: string;
  readonly jobs: JobRun[];
  /** Continue a tick started with `onlyJobs` (its needs' results and outputs are kept). */
  resume(jobs?: readonly string[]): Promise<TickRun>;
}

interface JobState {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
}

type Step = {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
  'continue-on-error'?: boolean;
};
type Job = {
  needs?: string | string[];
  if?: string;
  steps: Step[];
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
};

export async function runTick(options: HarnessOptions, name: string): Promise<TickRun> {
  const workflow = parse(await readFile(options.workflow, 'utf8')) as { jobs: Record<string, Job> };
  const tickDir = path.join(options.workDir, name);
  const artifacts = path.join(tickDir, 'artifacts');
  await mkdir(artifacts, { recursive: true });
  const states = new Map<string, JobState>();
  const runs: JobRun[] = [];
  const event = options.event ?? { name: 'workflow_dispatch' };
  const repository = options.env.GITHUB_REPOSITORY ?? 'owner/repo';
  const github = {
    token: 'harness-token',
    event_name: event.name,
    event: { schedule: event.schedule ?? '' },
    repository,
    server_url: 'https://github.example',
    workflow_ref: `${repository}/.github/workflows/${path.basename(options.workflow)}@refs/heads/main`,
    run_id: name,
    run_attempt: '1',
  };

  const order = topological(workflow.jobs);
  const runJobs = async (only: readonly string[] | undefined): Promise<void> => {
    for (const jobName of order) {
      if (states.has(jobName)) continue;
      if (only && !only.includes(jobName)) continue;
      const job = workflow.jobs[jobName]!;
      const needs = [job.needs ?? []].flat();
      const needsContext = Object.fromEntries(
        needs.map((n) => [n, states.get(n) ?? { result: 'skipped', outputs: {} }]),
      );
      const status: Status = {
        needsSucceeded: needs.every((n) => states.get(n)?.result === 'success'),
        anyFailed: needs.some((n) => states.get(n)?.result === 'failure'),
      };
      const context: Context = {
        github,
        needs: needsContext,
        secrets: options.secrets ?? {},
        env: {},
        runner: { temp: '', os: 'Linux' },
      };
      if (!condition(job.if, context, status)) {
        states.set(jobName, { result: 'skipped', outputs: {} });
        runs.push({ job: jobName, instance: '', result: 'skipped', ms: 0, log: '', summary: '' });
        continue;
      }
      const matrix = job.strategy?.matrix ?? {};
      const keys = Object.keys(matrix);
      const values = keys.length === 0 ? [null] : (interpolate(String(matrix[keys[0]!]), context, status) as unknown[]);
      if (keys.length > 1) throw new Error(`${jobName}: the harness runs one-dimension matrices only`);
      let result: JobState['result'] = 'success';
      let outputs: Record<string, string> = {};
      for (const [i, value] of values.entries()) {
        const instance = value === null ? '' : String(value);
        const workspace = path.join(tickDir, `${jobName}${value === null ? '' : `-${i + 1}`}`);
        if (options.lostRunners?.includes(`${jobName}${instance ? ` ${instance}` : ''}`)) {
          runs.push({ job: jobName, instance, result: 'failure', ms: 0, log: 'the runner was lost', summary: '' });
          result = 'failure';
          continue;
        }
        const run = await runJob({
          options,
          job,
          jobName,
          instance,
          workspace,
          artifacts,
          context: { ...context, matrix: value === null ? {} : { [keys[0]!]: value } },
          status,
        });
        runs.push(run.run);
        if (run.run.result === 'failure') result = 'failure';
        outputs = { ...outputs, ...run.outputs };
      }
      states.set(jobName, { result, outputs });
    }
  };
  await runJobs(options.onlyJobs);
  const tick: TickRun = {
    name,
    jobs: runs,
    async resume(jobs) {
      await runJobs(jobs);
      return tick;
    },
  };
  return tick;
}

interface RunJobRequest {
  readonly options: HarnessOptions;
  readonly job: Job;
  readonly jobName: string;
  readonly instance: string;
  readonly workspace: string;
  readonly artifacts: string;
  readonly context: Context;
  readonly status: Status;
}

async function runJob(request: RunJobRequest): Promise<{ run: JobRun; outputs: Record<string, string> }> {
  const { options, job, workspace } = request;
  const started = performance.now();
  const temp = `${workspace}.temp`;
  await mkdir(temp, { recursive: true });
  await mkdir(workspace, { recursive: true });
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const jobEnv: Record<string, string> = {};
  const context = (): Context => ({
    ...request.context,
    steps,
    env: jobEnv,
    runner: { temp, os: 'Linux' },
    functions: { hashFiles: (...patterns: unknown[]) => hashFiles(workspace, patterns.map(String)) },
  });
  for (const [key, value] of Object.entries(job.env ?? {}))
    jobEnv[key] = String(interpolate(String(value), context(), request.status));
  let log = '';
  let summary = '';
  let failed = false;
  for (const [index, step] of job.steps.entries()) {
    const stepStatus: Status = { needsSucceeded: !failed, anyFailed: failed };
    if (!condition(step.if, context(), stepStatus)) continue;
    const files = {
      output: path.join(temp, `output-${index}`),
      env: path.join(temp, `env-${index}`),
      summary: path.join(temp, `summary-${index}`),
    };
    await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
    const stepEnv: Record<string, string> = { ...jobEnv };
    for (const [key, value] of Object.entries(step.env ?? {}))
      stepEnv[key] = String(interpolate(String(value), context(), stepStatus));
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([k, v]) => [k, String(interpolate(String(v), context(), stepStatus))]),
    );
    let ok = true;
    try {
      if (step.uses) log += await useAction(step.uses, inputs, { options, workspace, artifacts: request.artifacts });
      else if (step.run !== undefined) {
        if (step.run.trim() === 'npm ci') continue; // node_modules is linked in at checkout
        const env = {
          ...process.env,
          ...options.env,
          ...stepEnv,
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_OUTPUT: files.output,
          GITHUB_ENV: files.env,
          GITHUB_STEP_SUMMARY: files.summary,
          GITHUB_WORKSPACE: workspace,
          RUNNER_TEMP: temp,
          // Each workspace builds into its own output and content cache (astro.config.mjs keys the cache by it).
          CANHGAC_OUT: path.join(workspace, 'dist'),
        } as Record<string, string>;
        const result = await bash(step.run, workspace, env);
        log += `$ ${step.run.trim()}\n${result.output}`;
        ok = result.code === 0;
      } else throw new Error(`${request.jobName}: a step with neither uses nor run`);
    } catch (error) {
      log += `${(error as Error).stack}\n`;
      ok = false;
    }
    steps[step.id ?? `step${index}`] = { outputs: parseKeyValues(await readFile(files.output, 'utf8')) };
    summary += await readFile(files.summary, 'utf8');
    Object.assign(jobEnv, parseKeyValues(await readFile(files.env, 'utf8')));
    if (!ok && !step['continue-on-error']) {
      failed = true;
      break;
    }
  }
  const outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([k, v]) => [
      k,
      String(interpolate(v, context(), { needsSucceeded: true, anyFailed: false })),
    ]),
  );
  await writeFile(path.join(path.dirname(workspace), `${path.basename(workspace)}.log`), log);
  return {
    run: {
      job: request.jobName,
      instance: request.instance,
      result: failed ? 'failure' : 'success',
      ms: Math.round(performance.now() - started),
      log,
      summary,
    },
    outputs,
  };
}

async function useAction(
  uses: string,
  inputs: Record<string, string>,
  at: { options: HarnessOptions; workspace: string; artifacts: string },
): Promise<string> {
  const action = uses.split('@')[0];
  switch (action) {
    case 'actions/checkout': {
      const dir = path.join(at.workspace, inputs.path ?? '.');
      const ref = inputs.ref || 'main';
      await mkdir(dir, { recursive: true });
      execFileSync('git', ['clone', '--quiet', '--branch', ref, at.options.remote, dir], { stdio: 'pipe' });
      if ((inputs.path ?? '.') === '.') await symlink(at.options.nodeModules, path.join(dir, 'node_modules'), 'dir');
      return `checkout ${ref} → ${inputs.path ?? '.'}\n`;
    }
    case 'actions/setup-node':
      return '';
    case 'actions/cache':
      // Not emulated: every tick here builds cold (node_modules is shared by the workspaces, and a
      // restore would write into it); tests/site/tick-stable.test.ts covers the incremental build.
      return `cache ${inputs.key ?? ''}: not restored (the harness builds cold)\n`;
    case 'actions/upload-artifact':
    case 'actions/upload-pages-artifact': {
      const name = action === 'actions/upload-pages-artifact' ? 'github-pages' : inputs.name!;
      const source = path.resolve(at.workspace, inputs.path!);
      await cp(source, path.join(at.artifacts, name), { recursive: true, errorOnExist: true, force: false });
      return `uploaded ${name}\n`;
    }
    case 'actions/download-artifact': {
      const target = path.resolve(at.workspace, inputs.path ?? '.');
      const names = (await readdir(at.artifacts)).filter((n) =>
        inputs.name ? n === inputs.name : new RegExp(`^${(inputs.pattern ?? '*').replace(/\*/g, '.*')}$`).test(n),
      );
      if (inputs.name && names.length === 0) throw new Error(`no artifact named ${inputs.name}`);
      for (const n of names)
        await cp(path.join(at.artifacts, n), inputs.name ? target : path.join(target, n), { recursive: true });
      await mkdir(target, { recursive: true });
      return `downloaded ${names.join(', ')}\n`;
    }
    case 'actions/deploy-pages': {
      await rm(at.options.pagesDir, { recursive: true, force: true });
      await cp(path.join(at.artifacts, 'github-pages'), at.options.pagesDir, { recursive: true });
      return 'deployed Pages\n';
    }
    default:
      throw new Error(`the harness does not know the action ${uses}`);
  }
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `$GITHUB_OUTPUT` / `$GITHUB_ENV`: `key=value` lines (the heredoc form is not used by these workflows). */
function parseKeyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}

function topological(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`needs: cycle ${[...path, name].join(' → ')}`);
    if (!jobs[name]) throw new Error(`needs: unknown job ${name}`);
    for (const need of [jobs[name]!.needs ?? []].flat()) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return order;
}

/** Like Actions' hashFiles() for plain file names: the SHA-256 of the files' SHA-256s, '' when none exist. */
function hashFiles(workspace: string, files: readonly string[]): string {
  const digests = files.flatMap((file) => {
    try {
      return [
        createHash('sha256')
          .update(readFileSync(path.join(workspace, file)))
          .digest(),
      ];
    } catch {
      return []; // like hashFiles, a pattern that matches nothing adds nothing
    }
  });
  if (digests.length === 0) return '';
  const all = createHash('sha256');
  for (const digest of digests) all.update(digest);
  return all.digest('hex');
}
