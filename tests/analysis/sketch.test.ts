import { describe, expect, it } from 'vitest';
import { HashBag } from '../../checks/analysis/sketch.ts';
import { mixHash } from '../../checks/analysis/hash.ts';

/** The definition: the k smallest distinct values, ascending, and how many distinct values there were. */
function bottomK(values: readonly number[], k: number): { values: number[]; unique: number } {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  return { values: distinct.slice(0, k), unique: distinct.length };
}

function bagOf(values: readonly number[]): HashBag {
  const bag = new HashBag(4);
  for (const v of values) bag.add(v);
  return bag;
}

/** Uniform 32-bit hashes, reproducible. */
function uniformHashes(count: number, seed: number): number[] {
  return Array.from({ length: count }, (_, i) => mixHash(seed, i));
}

describe('HashBag.sketch', () => {
  it.each([
    ['more hashes than k', uniformHashes(5_000, 1), 256],
    ['the structure sketch size', uniformHashes(3_000, 2), 512],
    ['fewer hashes than k', uniformHashes(100, 3), 256],
    ['just over k', uniformHashes(260, 4), 256],
    ['many repeats', [...uniformHashes(800, 5), ...uniformHashes(800, 5), ...uniformHashes(800, 5)], 256],
    ['zero and the largest hash', [0, 0xffff_ffff, ...uniformHashes(1_000, 6), 0], 256],
    ['empty', [], 256],
  ])('keeps the k smallest distinct hashes: %s', (_, values, k) => {
    expect(bagOf(values).sketch(k)).toEqual(bottomK(values, k));
  });

  it('is exact when too few hashes fall under the first threshold (skewed, not uniform)', () => {
    // All hashes in the top quarter of the range: the first threshold holds none of them.
    const skewed = uniformHashes(4_000, 7).map((h) => 0xc000_0000 + (h >>> 2));
    expect(bagOf(skewed).sketch(256)).toEqual(bottomK(skewed, 256));
  });
});
