import type { Problem } from './problem.ts';

/**
 * One problem as one line in the shape compilers use, so editors and terminals can jump to it:
 * `data/sites/bo-cong-an.yml:4:6 error url: must not contain a user name or password`.
 */
export function formatProblem(problem: Problem): string {
  const line = problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
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
