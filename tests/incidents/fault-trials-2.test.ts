import { expect, it } from 'vitest';
import { runTrial } from '../support/fault-trials.ts';

// Part 2 of 4 of the 200 randomised fault trials (split so they run on both cores); see tests/support/fault-trials.ts.
const FIRST = (2 - 1) * 50;
it('trials ' + FIRST + '–' + (FIRST + 49) + ': never two open issues for one incident, never a lost one', { timeout: 600_000 }, async () => {
  const outcomes = [];
  for (let trial = FIRST; trial < FIRST + 50; trial++) outcomes.push(await runTrial(trial));
  expect(outcomes.flatMap((o) => o.problems.map((p) => `trial ${o.trial}: ${p}`))).toEqual([]);
  // The trials must actually have been hostile: faults, crashes and overlaps all happened.
  expect(outcomes.reduce((n, o) => n + o.faults, 0)).toBeGreaterThan(200);
  expect(outcomes.reduce((n, o) => n + o.crashes, 0)).toBeGreaterThan(20);
  expect(outcomes.reduce((n, o) => n + o.overlaps, 0)).toBeGreaterThan(20);
});
