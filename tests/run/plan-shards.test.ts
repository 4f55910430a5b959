import { describe, expect, it } from 'vitest';
import { planShards } from '../../checks/run/plan-shards.ts';
import { flatLocation, resolveDataLocation } from '../../checks/store/data-location.ts';

describe('planShards', () => {
  it.each([
    [0, 'auto', 1000, 1],
    [999, 'auto', 1000, 1],
    [1000, 'auto', 1000, 1],
    [1001, 'auto', 1000, 2],
    [6900, 'auto', 1000, 7],
    [10_000, 'auto', 1000, 10],
    [10_000, 'auto', 20, 256],
    [5, 3, 1000, 3],
  ] as const)('%i sites, shards %s, at most %i a shard → %i shards', (sites, shards, perShard, count) => {
    const plan = planShards(sites, { shards, sites_per_shard: perShard });
    expect(plan.count).toBe(count);
    expect(plan.shards[0]).toBe(`1/${count}`);
    expect(plan.shards.at(-1)).toBe(`${count}/${count}`);
  });
});

describe('resolveDataLocation', () => {
  it.each([
    [{}, { registryDir: 'data', resultsDir: 'data/results', repoDir: '.' }],
    [{ data: 'x' }, flatLocation('x')],
    [{ env: { CANHGAC_DATA: 'y' } }, flatLocation('y')],
    [{ data: 'x', env: { CANHGAC_DATA: 'y' } }, flatLocation('x')],
    [{ env: { CANHGAC_RESULTS: 'r' } }, { registryDir: 'data', resultsDir: 'r', repoDir: null }],
    [{ env: { CANHGAC_DATA: 'y', CANHGAC_RESULTS: 'r' } }, { registryDir: 'y', resultsDir: 'r', repoDir: null }],
  ] as const)('%j', (input, expected) => {
    expect(resolveDataLocation({ env: {}, ...input })).toEqual(expected);
  });

  it('resolves against cwd when given', () => {
    expect(resolveDataLocation({ env: {}, cwd: '/srv/canhgac' })).toEqual({
      registryDir: '/srv/canhgac/data',
      resultsDir: '/srv/canhgac/data/results',
      repoDir: '/srv/canhgac',
    });
  });
});
