import type { RunFile } from '../../checks/schemas/run.ts';

/**
 * Whether the scheduled checks are running, from `DIR/runs/shard-K-of-N.json` (the last run of each
 * shard) and the build's clock. Pure.
 */

/** Runs are every 5 minutes: a shard whose last run finished longer ago than this has missed runs. */
export const STALE_AFTER_MINUTES = 15;

export interface ShardRun {
  /** `K/N`. */
  readonly shard: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Whole minutes from its finish to `now`. */
  readonly ageMinutes: number;
  readonly stale: boolean;
  readonly sites: number;
  readonly registryErrors: number;
}

export interface RunFreshness {
  /** Shards of the current layout (the shard count of the newest run), by index. */
  readonly shards: readonly ShardRun[];
  /** Shards of the current layout with no run file at all: those sites are never checked. */
  readonly missing: readonly string[];
  /** Run files of another shard count: left over from an earlier layout, not a current shard. */
  readonly superseded: readonly ShardRun[];
  /** The newest finish of any shard; null before the first run. */
  readonly lastFinishedAt: string | null;
  /** True when there is no run, a shard is missing, or a current shard is stale. */
  readonly attention: boolean;
}

export function runFreshness(
  runs: readonly RunFile[],
  now: Date,
  staleAfterMinutes = STALE_AFTER_MINUTES,
): RunFreshness {
  const newest = [...runs].sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
  if (!newest) return { shards: [], missing: [], superseded: [], lastFinishedAt: null, attention: true };
  const count = newest.shard.count;
  const view = (run: RunFile): ShardRun => {
    const ageMinutes = Math.floor((now.getTime() - Date.parse(run.finishedAt)) / 60_000);
    return {
      shard: `${run.shard.index}/${run.shard.count}`,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: run.durationMs,
      ageMinutes,
      stale: ageMinutes > staleAfterMinutes,
      sites: run.sites,
      registryErrors: run.registryErrors,
    };
  };
  const byIndex = (a: RunFile, b: RunFile) => a.shard.count - b.shard.count || a.shard.index - b.shard.index;
  const current = runs.filter((r) => r.shard.count === count).sort(byIndex);
  const present = new Set(current.map((r) => r.shard.index));
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) if (!present.has(index)) missing.push(`${index}/${count}`);
  const shards = current.map(view);
  return {
    shards,
    missing,
    superseded: runs
      .filter((r) => r.shard.count !== count)
      .sort(byIndex)
      .map(view),
    lastFinishedAt: newest.finishedAt,
    attention: missing.length > 0 || shards.some((s) => s.stale),
  };
}
