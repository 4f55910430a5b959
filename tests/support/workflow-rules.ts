import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';

/**
 * House rules for GitHub workflows, on top of what actionlint checks: pinned actions, least
 * privilege, no expressions spliced into shell scripts, read-only site checks, one writer at a time.
 * Each rule is a pure function of a parsed workflow; `checkWorkflow` applies them all.
 */

export type WorkflowRule =
  | 'yaml'
  | 'pinned-actions'
  | 'permissions'
  | 'run-expressions'
  | 'pull-request-target'
  | 'read-only-checks'
  | 'writers-concurrency';

/** One broken rule, located as precisely as the rule allows. */
export interface WorkflowFinding {
  readonly rule: WorkflowRule;
  readonly file: string;
  readonly line?: number;
  readonly job?: string;
  /** `step 2 (actions/checkout@…)`: the 1-based position and the step's name, action or first line. */
  readonly step?: string;
  readonly message: string;
}

export interface WorkflowStep {
  /** 1-based, as the Actions log numbers steps after "Set up job". */
  readonly index: number;
  readonly label: string;
  readonly line: number;
  readonly uses?: string;
  readonly usesLine?: number;
  readonly run?: string;
  readonly with: Readonly<Record<string, unknown>>;
}

export interface WorkflowJob {
  readonly id: string;
  readonly line: number;
  /** `undefined` when the job has no `permissions:` key. */
  readonly permissions: unknown;
  readonly concurrency: unknown;
  /** A reusable workflow the job calls (`jobs.<id>.uses`). */
  readonly uses?: string;
  readonly usesLine?: number;
  readonly steps: readonly WorkflowStep[];
  /** The whole job as data, for references such as `secrets.` wherever they appear. */
  readonly value: unknown;
}

export interface ParsedWorkflow {
  readonly file: string;
  /** The raw lines: version comments after `uses:` are text, not data. */
  readonly lines: readonly string[];
  readonly on: unknown;
  /** `undefined` when the workflow has no top-level `permissions:` key. */
  readonly permissions: unknown;
  readonly concurrency: unknown;
  /** The top-level `env:`, which every job inherits; `undefined` when absent. */
  readonly env: unknown;
  readonly jobs: readonly WorkflowJob[];
}

export type ParseResult =
  | { readonly ok: true; readonly workflow: ParsedWorkflow }
  | { readonly ok: false; readonly finding: WorkflowFinding };

/** Parses a workflow file's text; YAML errors come back as a finding, never thrown. */
export function parseWorkflow(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const error = doc.errors[0];
  if (error)
    return {
      ok: false,
      finding: {
        rule: 'yaml',
        file,
        line: error.linePos?.[0].line,
        message: error.message.split('\n')[0]!.replace(/:$/, ''),
      },
    };
  if (!isMap(doc.contents))
    return { ok: false, finding: { rule: 'yaml', file, message: 'a workflow must be a mapping' } };
  const lineOf = (node: unknown): number => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1);

  const jobsNode = doc.get('jobs', true);
  const jobs: WorkflowJob[] = [];
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items) {
      const id = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const jobNode = pair.value;
      if (!isMap(jobNode)) continue;
      const stepsNode = jobNode.get('steps', true);
      const steps = isSeq(stepsNode)
        ? stepsNode.items.flatMap((stepNode, i) => (isMap(stepNode) ? [readStep(doc, stepNode, i + 1, lineOf)] : []))
        : [];
      const usesNode = jobNode.get('uses', true);
      jobs.push({
        id,
        line: lineOf(pair.key),
        permissions: toJs(doc, jobNode.get('permissions', true)),
        concurrency: toJs(doc, jobNode.get('concurrency', true)),
        ...(isScalar(usesNode) ? { uses: String(usesNode.value), usesLine: lineOf(usesNode) } : {}),
        steps,
        value: toJs(doc, jobNode),
      });
    }
  }
  return {
    ok: true,
    workflow: {
      file,
      lines: text.split(/\r?\n/),
      on: toJs(doc, doc.get('on', true)),
      permissions: toJs(doc, doc.get('permissions', true)),
      concurrency: toJs(doc, doc.get('concurrency', true)),
      env: toJs(doc, doc.get('env', true)),
      jobs,
    },
  };
}

function readStep(doc: Document, node: YAMLMap, index: number, lineOf: (node: unknown) => number): WorkflowStep {
  const value = toJs(doc, node) as Record<string, unknown>;
  const uses = typeof value.uses === 'string' ? value.uses : undefined;
  const run = typeof value.run === 'string' ? value.run : undefined;
  const name = typeof value.name === 'string' ? value.name : undefined;
  const label = name ?? uses ?? firstLine(run ?? '');
  const withValue = value.with;
  return {
    index,
    label,
    line: lineOf(node),
    ...(uses === undefined ? {} : { uses, usesLine: lineOf(node.get('uses', true)) }),
    ...(run === undefined ? {} : { run }),
    with: typeof withValue === 'object' && withValue !== null ? (withValue as Record<string, unknown>) : {},
  };
}

function toJs(doc: Document, node: unknown): unknown {
  if (node === undefined || node === null) return undefined;
  return isNode(node) ? node.toJS(doc) : node;
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
}

function stepName(step: WorkflowStep): string {
  return `step ${step.index} (${step.label})`;
}

const SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^#\s*v\d+(?:\.\d+)*\S*\s*$/;

/**
 * Every action is pinned to a full commit SHA (a tag can be moved to other code; a SHA cannot), with
 * the release in a trailing comment so people and Dependabot can read it:
 * `uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1`. Local `./` actions are
 * this repository's own code; `docker://` images are pinned by digest.
 */
export function pinnedActions(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const check = (uses: string, line: number | undefined, where: { job: string; step?: string }) => {
    const problem = pinProblem(uses, line === undefined ? undefined : workflow.lines[line - 1]);
    if (problem)
      findings.push({
        rule: 'pinned-actions',
        file: workflow.file,
        ...(line === undefined ? {} : { line }),
        ...where,
        message: problem,
      });
  };
  for (const job of workflow.jobs) {
    if (job.uses !== undefined) check(job.uses, job.usesLine, { job: job.id });
    for (const step of job.steps)
      if (step.uses !== undefined) check(step.uses, step.usesLine, { job: job.id, step: stepName(step) });
  }
  return findings;
}

function pinProblem(uses: string, rawLine: string | undefined): string | undefined {
  if (uses.startsWith('./')) return undefined;
  if (uses.startsWith('docker://')) {
    return /@sha256:[0-9a-f]{64}$/.test(uses)
      ? undefined
      : `uses: ${uses} is not pinned: pin the image by digest (docker://image@sha256:…)`;
  }
  const at = uses.lastIndexOf('@');
  const action = at === -1 ? uses : uses.slice(0, at);
  const ref = at === -1 ? '' : uses.slice(at + 1);
  if (!SHA.test(ref)) {
    return `uses: ${uses} is not pinned: use the full 40-character commit SHA of the release with the tag in a comment (uses: ${action}@<sha> # v1.2.3)`;
  }
  const comment = /^\s*(?:-\s+)?uses:\s*(['"]?)[^\s'"#]+\1\s*(#.*)?$/.exec(rawLine ?? '')?.[2];
  if (comment === undefined || !VERSION_COMMENT.test(comment)) {
    return `uses: ${uses} has no version comment: end the line with the release it is, e.g. "# v1.2.3"`;
  }
  return undefined;
}

/**
 * The workflow grants nothing (`permissions: {}`) and each job says what it needs, so a new job
 * starts with no token rights and a reader sees each job's rights next to its steps.
 */
export function explicitPermissions(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const { file } = workflow;
  if (workflow.permissions === undefined) {
    findings.push({
      rule: 'permissions',
      file,
      message: 'no top-level permissions: write "permissions: {}" and grant each job what it needs',
    });
  } else if (!isEmptyMap(workflow.permissions)) {
    findings.push({
      rule: 'permissions',
      file,
      message: `top-level permissions grant ${describePermissions(workflow.permissions)}: make them "permissions: {}" and grant each job what it needs`,
    });
  }
  for (const job of workflow.jobs) {
    if (job.permissions === undefined) {
      findings.push({
        rule: 'permissions',
        file,
        line: job.line,
        job: job.id,
        message: 'the job declares no permissions: add "permissions:" (e.g. contents: read, or {} for none)',
      });
    }
  }
  return findings;
}

/**
 * No `${{ … }}` inside a `run:` script: the value is pasted into the shell source before the shell
 * runs, so a branch name or issue title can become a command. Values go through `env:` and the
 * script reads "$NAME". `github.event.*` and `github.head_ref` are the outsider-controlled ones and
 * are named as such; any other expression is refused too, so the rule needs no list of safe values.
 */
export function noExpressionsInRun(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (step.run === undefined) continue;
      const expressions = [...new Set(step.run.match(/\$\{\{[\s\S]*?\}\}/g) ?? [])];
      if (expressions.length === 0) continue;
      const untrusted = expressions.some((e) => /\bgithub\.(event\.|head_ref\b)/.test(e));
      findings.push({
        rule: 'run-expressions',
        file: workflow.file,
        line: step.line,
        job: job.id,
        step: stepName(step),
        message: `run: contains ${expressions.join(', ')}${untrusted ? ' (text an outsider controls)' : ''}: pass it through env: and use "$NAME" in the script`,
      });
    }
  }
  return findings;
}

/**
 * `pull_request_target` runs with the base repository's write token and secrets while the pull
 * request's code is one checkout away; `pull_request` gives a fork a read-only token and no secrets.
 */
export function noPullRequestTarget(workflow: ParsedWorkflow): WorkflowFinding[] {
  const on = workflow.on;
  const events =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : isRecord(on) ? Object.keys(on) : [];
  if (!events.includes('pull_request_target')) return [];
  return [
    {
      rule: 'pull-request-target',
      file: workflow.file,
      message:
        'triggered by pull_request_target, which hands a write token and secrets to a run about untrusted code: use pull_request',
    },
  ];
}

const RUNS_CHECKS = /\bnpm run check(?![\w:.-])/;

/**
 * A job that runs the site checks fetches pages and parses what hostile sites send back, so it holds
 * nothing worth stealing: read-only permissions, no token left behind by actions/checkout for later steps,
 * no secrets. Results are handed to another job to publish.
 */
export function readOnlyChecks(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const { file } = workflow;
  for (const job of workflow.jobs) {
    if (!job.steps.some((step) => step.run !== undefined && RUNS_CHECKS.test(step.run))) continue;
    const permissions = job.permissions ?? workflow.permissions;
    const writes = writeGrants(permissions);
    if (writes.length > 0) {
      findings.push({
        rule: 'read-only-checks',
        file,
        line: job.line,
        job: job.id,
        message: `runs the site checks with ${writes.join(', ')}: give this job read or none and publish from another job`,
      });
    }
    for (const step of job.steps) {
      if (step.uses?.startsWith('actions/checkout@') && !isFalse(step.with['persist-credentials'])) {
        findings.push({
          rule: 'read-only-checks',
          file,
          line: step.line,
          job: job.id,
          step: stepName(step),
          message:
            'runs the site checks after a checkout that leaves the token for later steps: set "persist-credentials: false"',
        });
      }
    }
    const inJob = referencesSecrets(job.value);
    if (inJob || referencesSecrets(workflow.env)) {
      findings.push({
        rule: 'read-only-checks',
        file,
        line: job.line,
        job: job.id,
        message: `runs the site checks with secrets in reach (${inJob ? 'the job' : 'the workflow env:'} references secrets): keep secrets to the jobs that publish`,
      });
    }
  }
  return findings;
}

/** An expression that reads `secrets`, anywhere in the value, or a reusable-workflow call given secrets. */
function referencesSecrets(value: unknown): boolean {
  if (isRecord(value) && value.secrets !== undefined) return true;
  return /\$\{\{(?:(?!\}\}).)*\bsecrets\b/s.test(JSON.stringify(value) ?? '');
}

/** The scopes through which a job publishes results: commits, incident issues, the Pages site. */
const RESULT_SCOPES: readonly string[] = ['contents', 'issues', 'pages'];

/**
 * A job that publishes results (write access to contents, issues or pages, or write-all) runs in a
 * `concurrency:` group, job- or workflow-level, so two runs never push, file issues or deploy over
 * each other; a newer pending run replaces the older pending one. Other write grants (`actions`
 * to re-enable a workflow, `id-token` for OIDC) publish nothing and race with nothing.
 */
export function writersInConcurrencyGroup(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  for (const job of workflow.jobs) {
    const writes = writeGrants(job.permissions ?? workflow.permissions).filter(
      (grant) => grant === 'write-all' || RESULT_SCOPES.includes(grant.slice(0, grant.indexOf(':'))),
    );
    if (writes.length === 0 || hasGroup(job.concurrency) || hasGroup(workflow.concurrency)) continue;
    findings.push({
      rule: 'writers-concurrency',
      file: workflow.file,
      line: job.line,
      job: job.id,
      message: `has ${writes.join(', ')} but no concurrency group: add "concurrency:" to the job or the workflow so two runs never write at once`,
    });
  }
  return findings;
}

/** Every rule, in the order findings are listed. */
export const WORKFLOW_RULES = [
  pinnedActions,
  explicitPermissions,
  noExpressionsInRun,
  noPullRequestTarget,
  readOnlyChecks,
  writersInConcurrencyGroup,
] as const;

/** All findings for one workflow file; `[]` when it keeps every rule. */
export function checkWorkflow(file: string, text: string): WorkflowFinding[] {
  const parsed = parseWorkflow(file, text);
  if (!parsed.ok) return [parsed.finding];
  return WORKFLOW_RULES.flatMap((rule) => rule(parsed.workflow));
}

/** `file:line job "x", step 2 (label): message [rule]`, for test failures a person can act on. */
export function formatFinding(finding: WorkflowFinding): string {
  const where = [finding.job === undefined ? undefined : `job "${finding.job}"`, finding.step]
    .filter(Boolean)
    .join(', ');
  const line = finding.line === undefined ? '' : `:${finding.line}`;
  return `${finding.file}${line}${where ? ` ${where}` : ''}: ${finding.message} [${finding.rule}]`;
}

/** `contents: write` style descriptions of the grants above read; `write-all` as itself. */
function writeGrants(permissions: unknown): string[] {
  if (permissions === 'write-all') return ['write-all'];
  if (!isRecord(permissions)) return [];
  return Object.entries(permissions)
    .filter(([, level]) => level !== 'read' && level !== 'none')
    .map(([scope, level]) => `${scope}: ${String(level)}`);
}

function describePermissions(permissions: unknown): string {
  if (typeof permissions === 'string') return permissions;
  if (!isRecord(permissions)) return JSON.stringify(permissions);
  return Object.entries(permissions)
    .map(([scope, level]) => `${scope}: ${String(level)}`)
    .join(', ');
}

function hasGroup(concurrency: unknown): boolean {
  if (typeof concurrency === 'string') return concurrency.trim() !== '';
  return isRecord(concurrency) && typeof concurrency.group === 'string' && concurrency.group.trim() !== '';
}

function isEmptyMap(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 0;
}

function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
