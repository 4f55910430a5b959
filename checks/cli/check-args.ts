import { parseArgs } from 'node:util';
import { parseShard, type Shard } from '../run/shard.ts';

export interface CheckArgs {
  dataDir: string;
  only: string[];
  shard: Shard | undefined;
  allowPrivate: boolean;
  now: Date | undefined;
  commit: boolean;
  /** Push the run commit to origin (the scheduled workflow does); `branch` for detached checkouts. */
  push: { remote: string; fallbackBranch: string | undefined } | undefined;
  /**
   * The environment the run reads: the browser's location ($CANHGAC_CHROMIUM), the incident backend
   * (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL) and the webhook secret named in config.
   */
  env: Readonly<Record<string, string | undefined>>;
  /** Set in GitHub Actions: where the job summary goes. */
  jobSummaryFile: string | undefined;
}

export const CHECK_USAGE = `usage: npm run check -- [--data DIR] [--only ID,ID] [--shard K/N] [--allow-private] [--now ISO-8601] [--no-commit] [--push]
  --data DIR        data dir (registry in DIR/sites, results written under DIR); default $CANHGAC_DATA or "data"
  --only ID,ID      check only these site ids
  --shard K/N       check the K-th of N disjoint parts of the registry
  --allow-private   DANGEROUS outside tests and the demo: allow loopback/private addresses and ports
  --now ISO-8601    fix the run's clock (simulate days in seconds)
  --no-commit       write files but do not commit them
  --push            push the run commit to origin, retrying on races (used by the scheduled workflow)`;

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
    },
  });
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  if (values.push && values['no-commit']) throw new Error('--push needs a commit to push: drop --no-commit');
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now.getTime())) {
      throw new Error(`--now must be an ISO-8601 instant such as 2026-11-25T08:00:00+07:00, got "${values.now}"`);
    }
  }
  return {
    dataDir: values.data ?? env.CANHGAC_DATA ?? 'data',
    only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : [],
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    allowPrivate: values['allow-private'],
    now,
    commit: !values['no-commit'],
    push: values.push ? { remote: 'origin', fallbackBranch: env.GITHUB_REF_NAME || undefined } : undefined,
    env,
    jobSummaryFile: env.GITHUB_ACTIONS === 'true' ? env.GITHUB_STEP_SUMMARY || undefined : undefined,
  };
}
