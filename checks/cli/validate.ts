import * as core from '@actions/core';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileRows, formatProblem, formatSummary, type FileRow } from '../registry/format-problems.ts';
import { loadRegistry, type RegistryResult } from '../registry/load-registry.ts';

export const VALIDATE_USAGE = 'usage: npm run validate -- [--data DIR] [--repo-root DIR] [--allow-private]';

export interface ValidateArgs {
  /** Data directory: --data, else CANHGAC_DATA, else "data". */
  readonly dataDir: string;
  /** For test setups and the demo: accept IP addresses, private hosts and odd ports in site URLs. */
  readonly allowPrivate: boolean;
  /**
   * --repo-root: report paths relative to this directory, the root of the checkout the data comes
   * from. A pull request's data checked out under `pr/` is validated with `--data ../pr/data
   * --repo-root ../pr`, and GitHub places the annotations on `data/sites/x.yml` in the diff.
   */
  readonly repoRoot?: string;
  /** GITHUB_ACTIONS=true: annotate the files with workflow commands. */
  readonly annotate: boolean;
  /** GITHUB_STEP_SUMMARY is set: add a table of every file to the job summary (core.summary writes there). */
  readonly jobSummary: boolean;
  readonly help: boolean;
}

export type ParsedValidateArgs =
  | { readonly ok: true; readonly args: ValidateArgs }
  | { readonly ok: false; readonly message: string };

/** Reads the command line once, before any work; a mistake is reported, never guessed around. */
export function parseValidateArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedValidateArgs {
  const parse = () =>
    parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        'repo-root': { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (error) {
    return { ok: false, message: argumentError(error) };
  }
  const dataDir = values.data ?? env.CANHGAC_DATA ?? 'data';
  if (dataDir === '') return { ok: false, message: '--data needs a directory' };
  const repoRoot = values['repo-root'];
  if (repoRoot === '') return { ok: false, message: '--repo-root needs a directory' };
  if (repoRoot !== undefined && isOutside(repoRoot, dataDir))
    return { ok: false, message: `the data directory ${dataDir} is not inside --repo-root ${repoRoot}` };
  return {
    ok: true,
    args: {
      dataDir,
      allowPrivate: values['allow-private'],
      ...(repoRoot === undefined ? {} : { repoRoot }),
      annotate: env.GITHUB_ACTIONS === 'true',
      jobSummary: Boolean(env.GITHUB_STEP_SUMMARY),
      help: values.help,
    },
  };
}

function isOutside(root: string, dir: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** parseArgs explains itself at length; keep the part that names the argument. */
function argumentError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const name = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${name ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${name ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (name?.endsWith(' <value>')) return `${name.replace(' <value>', '')} needs a directory`;
    if (name) return `${name} does not take a value`;
  }
  return message;
}

/**
 * Prints every problem and the summary; in GitHub Actions also annotates the files and adds a table
 * of every file to the job summary. Returns the exit code: 1 when any problem is an error.
 */
export async function runValidate(args: ValidateArgs): Promise<number> {
  const loaded = await loadRegistry(args.dataDir, { allowPrivate: args.allowPrivate });
  const result = args.repoRoot === undefined ? loaded : relativeTo(args.repoRoot, loaded);
  for (const problem of result.problems) console.log(formatProblem(problem));
  const summary = formatSummary(result.problems, result.files.length);
  console.log(summary);
  if (args.annotate) {
    for (const problem of result.problems) {
      const annotate = problem.severity === 'error' ? core.error : core.warning;
      annotate(problem.field ? `${problem.field}: ${problem.message}` : problem.message, {
        title: 'Canh Gác registry',
        file: problem.file,
        ...(problem.line === undefined ? {} : { startLine: problem.line }),
        ...(problem.column === undefined ? {} : { startColumn: problem.column }),
      });
    }
  }
  if (args.jobSummary) await writeJobSummary(fileRows(result), summary);
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

type Reported = Pick<RegistryResult, 'files' | 'configFile' | 'problems'>;

/** The result with every path relative to `root`, written with forward slashes as GitHub expects. */
function relativeTo(root: string, result: Reported): Reported {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return {
    files: result.files.map(relative),
    configFile: result.configFile === null ? null : relative(result.configFile),
    problems: result.problems.map((problem) => ({ ...problem, file: relative(problem.file) })),
  };
}

/** A job summary holds 1 MiB a step: past this many files only those with problems are listed. */
const MAX_SUMMARY_ROWS = 1000;

async function writeJobSummary(rows: readonly FileRow[], summary: string): Promise<void> {
  const shown =
    rows.length > MAX_SUMMARY_ROWS ? rows.filter((row) => row.status !== 'ok').slice(0, MAX_SUMMARY_ROWS) : rows;
  const header = ['file', 'id', 'status', 'message'].map((data) => ({ data, header: true }));
  // core.summary writes cells as HTML, and an empty cell as an unclosed <td>; file names and
  // messages quote what the files contain.
  const cell = (text: string) => (text === '' ? '—' : text);
  const cells = shown.map((row) => [
    escapeHtml(row.file),
    cell(escapeHtml(row.id)),
    row.status,
    cell(row.messages.map(escapeHtml).join('<br>')),
  ]);
  core.summary
    .addHeading('Canh Gác registry', 2)
    .addRaw(escapeHtml(summary), true)
    .addTable([header, ...cells]);
  if (shown.length < rows.length)
    core.summary.addRaw(
      `${rows.length - shown.length} more files not listed (no problems, or beyond ${MAX_SUMMARY_ROWS} rows)`,
      true,
    );
  await core.summary.write();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

if (import.meta.main) {
  const parsed = parseValidateArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(`validate: ${parsed.message}\n${VALIDATE_USAGE}`);
    process.exitCode = 2;
  } else if (parsed.args.help) {
    console.log(VALIDATE_USAGE);
  } else {
    process.exitCode = await runValidate(parsed.args);
  }
}
