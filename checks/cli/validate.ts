import * as core from '@actions/core';
import { parseArgs } from 'node:util';
import { formatProblem, formatSummary } from '../registry/format-problems.ts';
import { loadRegistry } from '../registry/load-registry.ts';

export const VALIDATE_USAGE = 'usage: npm run validate -- [--data DIR] [--allow-private]';

export interface ValidateArgs {
  /** Data directory: --data, else CANHGAC_DATA, else "data". */
  readonly dataDir: string;
  /** For test setups and the demo: accept IP addresses, private hosts and odd ports in site URLs. */
  readonly allowPrivate: boolean;
  readonly help: boolean;
}

export type ParsedValidateArgs = { readonly ok: true; readonly args: ValidateArgs } | { readonly ok: false; readonly message: string };

/** Reads the command line once, before any work; a mistake is reported, never guessed around. */
export function parseValidateArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedValidateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: argumentError(error) };
  }
  const dataDir = values.data ?? env['CANHGAC_DATA'] ?? 'data';
  if (dataDir === '') return { ok: false, message: '--data needs a directory' };
  return { ok: true, args: { dataDir, allowPrivate: values['allow-private'], help: values.help } };
}

/** parseArgs explains itself at length; keep the part that names the argument. */
function argumentError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const name = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${name ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${name ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (name?.startsWith('--data')) return '--data needs a directory';
    if (name) return `${name} does not take a value`;
  }
  return message;
}

/** Prints every problem and the summary; in GitHub Actions also annotates the files. Returns the exit code. */
export async function runValidate(args: ValidateArgs, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const result = await loadRegistry(args.dataDir, { allowPrivate: args.allowPrivate });
  for (const problem of result.problems) console.log(formatProblem(problem));
  console.log(formatSummary(result.problems, result.files.length));
  if (env['GITHUB_ACTIONS'] === 'true') {
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
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

if (import.meta.main) {
  const parsed = parseValidateArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(`validate: ${parsed.message}\n${VALIDATE_USAGE}`);
    process.exitCode = 2;
  } else if (parsed.args.help) {
    console.log(VALIDATE_USAGE);
  } else {
    process.exitCode = await runValidate(parsed.args, process.env);
  }
}
