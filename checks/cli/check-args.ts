import { parseArgs } from 'node:util';
import { parseShard, type Shard } from '../run/shard.ts';
import { resolveDataLocation, type DataLocation } from '../store/data-location.ts';

export interface CheckArgs {
  /** Registry and results (store/data-location.ts): the results branch, or `--data DIR` flat. */
  location: DataLocation;
  only: string[];
  shard: Shard | undefined;
  allowPrivate: boolean;
  now: Date | undefined;
  commit: boolean;
  /** Push the results branch to origin (a single-runner deployment's scheduled run does). */
  push: { remote: string } | undefined;
  /** Export this shard's results here for the pipeline's publish job (the check job of tick.yml). */
  exportDir: string | undefined;
  /**
   * The environment the run reads: the browser's location ($CANHGAC_CHROMIUM), the incident backend
   * (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL) and the webhook secret named in config.
   */
  env: Readonly<Record<string, string | undefined>>;
  /** Set in GitHub Actions: the file the job summary is appended to ($GITHUB_STEP_SUMMARY, read here and nowhere else). */
  jobSummaryFile: string | undefined;
}

export const CHECK_USAGE = `usage: npm run check -- [--data DIR] [--only ID,ID] [--shard K/N] [--allow-private] [--now ISO-8601] [--no-commit] [--push] [--export DIR]
  (no --data)       registry in data/, results on the results branch (git.data_branch), checked out at data/results
  --data DIR        a plain directory holding both (registry in DIR/sites, results under DIR), never committed;
                    default $CANHGAC_DATA
  --only ID,ID      check only these site ids
  --shard K/N       check the K-th of N disjoint parts of the registry
  --allow-private   DANGEROUS outside tests and the demo: allow loopback/private addresses and ports
                    (also CANHGAC_ALLOW_PRIVATE=1)
  --now ISO-8601    fix the run's clock (simulate days in seconds)
  --no-commit       write files but do not commit them
  --push            fetch the results branch first, then push it, retrying on races
  --export DIR      write this shard's results to DIR for the publish job instead of publishing them`;

/** Parses `npm run check` arguments once, up front; throws an Error whose message is for the user. */
export function parseCheckArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CheckArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      only: { type: 'string' },
      shard: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      now: { type: 'string' },
      'no-commit': { type: 'boolean', default: false },
      push: { type: 'boolean', default: false },
      export: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  if (values.push && values['no-commit']) throw new Error('--push needs a commit to push: drop --no-commit');
  if (values.push && values.export !== undefined)
    throw new Error('--export hands the results to the publish job, which pushes: drop --push');
  const location = resolveDataLocation({ data: values.data, env });
  if (values.push && location.repoDir === null) {
    throw new Error(
      '--push commits and pushes the results branch: run it in a clone of main without --data (and without CANHGAC_DATA / CANHGAC_RESULTS)',
    );
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now.getTime())) {
      throw new Error(`--now must be an ISO-8601 instant such as 2026-11-25T08:00:00+07:00, got "${values.now}"`);
    }
  }
  return {
    location,
    only: values.only
      ? values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    allowPrivate: values['allow-private'] || allowPrivateFromEnv(env),
    now,
    commit: !values['no-commit'] && values.export === undefined,
    push: values.push ? { remote: 'origin' } : undefined,
    exportDir: values.export,
    env,
    jobSummaryFile: env.GITHUB_ACTIONS === 'true' ? env.GITHUB_STEP_SUMMARY || undefined : undefined,
  };
}

/**
 * `CANHGAC_ALLOW_PRIVATE=1`: the pipeline harness and the demo run the workflow's own commands against
 * sites on loopback. DANGEROUS anywhere else: it lets a site file point the checks at the runner's network.
 */
export function allowPrivateFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CANHGAC_ALLOW_PRIVATE === '1';
}
