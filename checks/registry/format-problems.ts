import path from 'node:path';
import type { Problem } from './problem.ts';
import { siteIdFromFileName } from './site-id.ts';

/**
 * One problem as one line in the shape compilers use, so editors and terminals can jump to it:
 * `data/sites/bo-cong-an.yml:4:6 error url: must not contain a user name or password`.
 */
export function formatProblem(problem: Problem): string {
  const line =
    problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  const field = problem.field === undefined ? '' : `${problem.field}: `;
  return `${problem.file}${line} ${problem.severity} ${field}${problem.message}`;
}

/** The closing line: `2 errors, 1 warning in 14 files`; without a file count, `2 errors, 1 warning`. */
export function formatSummary(problems: readonly Problem[], fileCount?: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const files = fileCount === undefined ? '' : ` in ${count(fileCount, 'file')}`;
  return `${count(errors, 'error')}, ${count(warnings, 'warning')}${files}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** How a file fared: its worst problem, or `ok`. */
export type FileStatus = 'ok' | 'error' | 'warning';

/** One file's line in the job summary table. */
export interface FileRow {
  readonly file: string;
  /** The site id the file stands for; '' for config.yml and for what is not a site file. */
  readonly id: string;
  readonly status: FileStatus;
  /** Each problem of the file as `line 4: url: must not …`, one per entry, top to bottom. */
  readonly messages: readonly string[];
}

/**
 * One row per data file for a reviewer: every file read (config.yml first, then the site files in
 * name order), then whatever else problems name (a file that is not .yml, a missing directory).
 * A reviewer sees the files that passed too, so a site file that was not read at all stands out.
 */
export function fileRows(result: {
  readonly files: readonly string[];
  readonly configFile: string | null;
  readonly problems: readonly Problem[];
}): FileRow[] {
  const byFile = new Map<string, Problem[]>();
  for (const problem of result.problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const extra = [...byFile.keys()].filter((file) => !result.files.includes(file));
  return [...result.files, ...extra].map((file) => {
    const problems = byFile.get(file) ?? [];
    const isSite = file !== result.configFile && result.files.includes(file);
    return {
      file,
      id: isSite ? siteIdFromFileName(path.basename(file)) : '',
      status: problems.some((p) => p.severity === 'error') ? 'error' : problems.length > 0 ? 'warning' : 'ok',
      messages: problems.map(formatProblemInFile),
    };
  });
}

/** A problem without its file and severity, for a place that already shows both. */
function formatProblemInFile(problem: Problem): string {
  const line = problem.line === undefined ? '' : `line ${problem.line}: `;
  const field = problem.field === undefined ? '' : `${problem.field}: `;
  return `${line}${field}${problem.message}`;
}
