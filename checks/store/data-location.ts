import path from 'node:path';

/**
 * Where a command reads the registry and writes results. Two layouts:
 *
 * - **results branch** (the default, in a clone of `main`): people's files — `data/config.yml` and
 *   `data/sites/*.yml` — stay on `main`; everything runs write lives on the results branch
 *   (`git.data_branch`, default `canhgac-data`), checked out as a git-ignored worktree at
 *   `data/results/`. Runs never commit to `main`, so an agency's pull request stays mergeable.
 * - **flat** (`--data DIR` or `CANHGAC_DATA`): registry and results in one plain directory, never
 *   committed. The demo, the tests and a look at someone's data use it.
 *
 * `CANHGAC_RESULTS` names a results directory explicitly (a plain directory; the site build and the
 * pipeline's jobs use it when the results branch was checked out somewhere else).
 */
export interface DataLocation {
  /** `config.yml` and `sites/`. */
  readonly registryDir: string;
  /** `status/`, `history/`, `incidents/`, `baselines/`, `evidence/`, `runs/`, `monitor/`. */
  readonly resultsDir: string;
  /** The clone of `main` whose results branch holds `resultsDir`; null for a plain directory. */
  readonly repoDir: string | null;
}

/** The results worktree inside a clone of main; `.gitignore` lists it. */
export const RESULTS_WORKTREE = path.join('data', 'results');

export interface LocationInput {
  /** `--data DIR`, when given. */
  readonly data?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths start from (the clone of main); default the process's. */
  readonly cwd?: string;
}

/** Pure: which layout the arguments and environment ask for. */
export function resolveDataLocation(input: LocationInput): DataLocation {
  // Paths keep the user's spelling (relative stays relative) so that messages name files as they typed them.
  const at = (p: string) => (input.cwd === undefined ? p : path.resolve(input.cwd, p));
  const flat = input.data ?? input.env.CANHGAC_DATA;
  const results = input.env.CANHGAC_RESULTS;
  if (flat !== undefined && flat !== '')
    return { registryDir: at(flat), resultsDir: at(results || flat), repoDir: null };
  const registryDir = at('data');
  if (results) return { registryDir, resultsDir: at(results), repoDir: null };
  return { registryDir, resultsDir: at(RESULTS_WORKTREE), repoDir: at('.') };
}

/** The flat layout for one directory (demo, tests, benchmarks): registry and results together, never committed. */
export function flatLocation(dir: string): DataLocation {
  return { registryDir: dir, resultsDir: dir, repoDir: null };
}
