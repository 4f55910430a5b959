import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../checks/run/shard.ts';

describe('shards', () => {
  it('parses K/N and rejects anything else with the flag named', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1-2']) {
      expect(() => parseShard(bad)).toThrow(`--shard must look like K/N with 1 ≤ K ≤ N (e.g. 2/4), got "${bad}"`);
    }
  });

  it('puts every site in exactly one shard, and adding a site moves no other', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `site-${i}`);
    const owner = (id: string, n: number) =>
      [1, 2, 3, 4].slice(0, n).filter((k) => inShard(id, { index: k, count: n }));
    for (const id of ids) expect(owner(id, 4)).toHaveLength(1);
    const sizes = [1, 2, 3, 4].map((k) => ids.filter((id) => inShard(id, { index: k, count: 4 })).length);
    for (const size of sizes) expect(size).toBeGreaterThan(90);
    expect(ids.every((id) => inShard(id, { index: 1, count: 1 }))).toBe(true);
  });
});
