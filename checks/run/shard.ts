/** `--shard K/N`: this job checks the K-th of N disjoint parts of the registry (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard must look like K/N with 1 ≤ K ≤ N (e.g. 2/4), got "${text}"`);
  }
  return { index, count };
}

/**
 * Whether a site belongs to a shard. Hashing the id (FNV-1a) rather than slicing the sorted list keeps
 * every other site in its shard when one is added or removed.
 */
export function inShard(id: string, shard: Shard): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shard.count === shard.index - 1;
}
