// Node builtins and an import-free module only: this runs before (and without) `npm ci`.
import { execFile } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeScope, scopeOfChange, scopeSummary } from '../registry/scope-of-change.ts';

export const PR_SCOPE_USAGE = 'usage: node checks/cli/pr-scope.ts --base SHA --head SHA [--repo DIR]';

export interface PrScopeArgs {
  /** The checkout holding both commits (the pull request's, fetched with its history). */
  readonly repo: string;
  /** The base branch's commit; the diff starts at the merge base of the two. */
  readonly base: string;
  readonly head: string;
  /** GITHUB_ACTIONS=true: the verdict is also an annotation. */
  readonly annotate: boolean;
  /** GITHUB_STEP_SUMMARY: where the job summary section goes. */
  readonly summaryFile?: string;
}

export type ParsedPrScopeArgs =
  | { readonly ok: true; readonly args: PrScopeArgs }
  | { readonly ok: false; readonly message: string };

/** A full commit id (SHA-1 or SHA-256): nothing a shell or git could read as an option or a range. */
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Reads the command line and the environment once, before any work. */
export function parsePrScopeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedPrScopeArgs {
  const parse = () =>
    parseArgs({
      args: [...argv],
      options: { repo: { type: 'string', default: '.' }, base: { type: 'string' }, head: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (error) {
    return { ok: false, message: (error as Error).message.split('\n')[0]! };
  }
  for (const name of ['base', 'head'] as const) {
    const value = values[name];
    if (value === undefined || value === '') return { ok: false, message: `--${name} needs a commit` };
    if (!COMMIT.test(value))
      return { ok: false, message: `--${name} must be a full commit id (40 hex digits), not "${value}"` };
  }
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  return {
    ok: true,
    args: {
      repo: values.repo,
      base: values.base!,
      head: values.head!,
      annotate: env.GITHUB_ACTIONS === 'true',
      ...(summaryFile ? { summaryFile } : {}),
    },
  };
}

/**
 * The paths the head commit changes since it left the base branch (`base...head`, so what landed on
 * the base branch meanwhile does not count). `--no-renames`: a file moved into data/sites/ still
 * shows where it came from. `-z`: names as they are, however odd.
 */
export function changedPaths(repo: string, base: string, head: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', repo, 'diff', '--name-only', '--no-renames', '-z', `${base}...${head}`],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`git diff ${base}...${head} in ${repo} failed: ${stderr.trim() || error.message}`, {
              cause: error,
            }),
          );
        else resolve(stdout.split('\0').filter((p) => p !== ''));
      },
    );
  });
}

/** Prints the changed files and the verdict; 0 when only data/sites/ changes, 1 when a maintainer must review. */
export async function runPrScope(args: PrScopeArgs): Promise<number> {
  const paths = await changedPaths(args.repo, args.base, args.head);
  const scope = scopeOfChange(paths);
  const verdict = describeScope(scope);
  console.log(`changed files (${paths.length}):`);
  for (const p of paths) console.log(`  ${JSON.stringify(p).slice(1, -1)}`);
  console.log(verdict);
  if (args.annotate && scope.kind === 'needs-review') console.log(`::error title=Scope::${escapeCommandData(verdict)}`);
  if (args.summaryFile) await appendFile(args.summaryFile, scopeSummary(scope));
  return scope.kind === 'data-only' ? 0 : 1;
}

/** Workflow command data: a file name cannot start a second command on a new line. */
function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

if (import.meta.main) {
  const parsed = parsePrScopeArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(`pr-scope: ${parsed.message}\n${PR_SCOPE_USAGE}`);
    process.exitCode = 2;
  } else {
    try {
      process.exitCode = await runPrScope(parsed.args);
    } catch (error) {
      console.error(`pr-scope: ${(error as Error).message}`);
      process.exitCode = 2;
    }
  }
}
