import type { Pipeline } from '../schemas/config.ts';

/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_SHARDS = 256;

export interface ShardPlan {
  readonly count: number;
  /** `K/N` for each shard, the matrix of the check job. */
  readonly shards: readonly string[];
}

/**
 * How many check shards a tick runs. Pure. `auto`: enough that none holds more than `sites_per_shard`
 * (10,000 sites at the default 1,000 → 10 shards); a number: exactly that many. Never more than 256.
 */
export function planShards(siteCount: number, pipeline: Pick<Pipeline, 'shards' | 'sites_per_shard'>): ShardPlan {
  const wanted = pipeline.shards === 'auto' ? Math.ceil(siteCount / pipeline.sites_per_shard) : pipeline.shards;
  const count = Math.min(MAX_SHARDS, Math.max(1, wanted));
  return { count, shards: Array.from({ length: count }, (_, i) => `${i + 1}/${count}`) };
}
