/** How bad a problem is: an `error` keeps the file's site out of the registry, a `warning` does not. */
export type Severity = 'error' | 'warning';

/**
 * One thing wrong with a data file, precise enough to print as `file:line:col` and to annotate a
 * pull request. Problems are data, not exceptions: the loader collects all of them in one pass.
 */
export interface Problem {
  readonly severity: Severity;
  /** The path as the data directory was given, e.g. `data/sites/bo-cong-an.yml`. */
  readonly file: string;
  /** 1-based; absent when the problem concerns the whole file (its name, its absence). */
  readonly line?: number;
  /** 1-based; absent when `line` is. */
  readonly column?: number;
  /** Dotted path of the field, e.g. `url` or `checks.pages.0`. */
  readonly field?: string;
  readonly message: string;
}

/** Orders problems by position so that a file reads top to bottom; whole-file problems first. */
export function byPosition(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
