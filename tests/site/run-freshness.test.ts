import { expect, test } from 'vitest';
import type { RunFile } from '../../checks/schemas/run.ts';
import { runFreshness } from '../../site/lib/run-freshness.ts';

const run = (index: number, count: number, finishedAt: string): RunFile => ({
  startedAt: new Date(Date.parse(finishedAt) - 60_000).toISOString(),
  finishedAt,
  durationMs: 60_000,
  shard: { index, count },
  sites: 10,
  up: 10,
  degraded: 0,
  down: 0,
  registryErrors: 0,
  registryWarnings: 0,
});
const now = new Date('2026-11-25T02:30:00.000Z');

test('no run at all needs attention', () => {
  expect(runFreshness([], now)).toEqual({
    shards: [],
    missing: [],
    superseded: [],
    lastFinishedAt: null,
    attention: true,
  });
});

test('fresh shards of one layout', () => {
  const result = runFreshness([run(2, 2, '2026-11-25T02:26:00.000Z'), run(1, 2, '2026-11-25T02:25:00.000Z')], now);
  expect(result.shards.map((s) => [s.shard, s.ageMinutes, s.stale])).toEqual([
    ['1/2', 5, false],
    ['2/2', 4, false],
  ]);
  expect([result.missing, result.superseded, result.lastFinishedAt, result.attention]).toEqual([
    [],
    [],
    '2026-11-25T02:26:00.000Z',
    false,
  ]);
});

test('a stale shard (over 15 minutes), a missing shard, and files of an earlier layout', () => {
  const result = runFreshness(
    [
      run(1, 3, '2026-11-25T02:25:00.000Z'),
      run(3, 3, '2026-11-25T02:14:00.000Z'),
      run(1, 1, '2026-11-20T00:00:00.000Z'),
    ],
    now,
  );
  expect(result.shards.map((s) => [s.shard, s.ageMinutes, s.stale])).toEqual([
    ['1/3', 5, false],
    ['3/3', 16, true],
  ]);
  expect(result.missing).toEqual(['2/3']);
  expect(result.superseded.map((s) => [s.shard, s.stale])).toEqual([['1/1', true]]);
  expect(result.attention).toBe(true);
});

test('exactly 15 minutes is not stale yet', () => {
  expect(runFreshness([run(1, 1, '2026-11-25T02:15:00.000Z')], now).shards[0]).toMatchObject({
    ageMinutes: 15,
    stale: false,
  });
});
