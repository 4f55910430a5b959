import { expect, test } from 'vitest';
import { countVerdicts } from '../../site/lib/count-verdicts.ts';

test('counts states and verdicts; no verdict is `none`', () => {
  expect(
    countVerdicts([
      { state: 'up', defacement: { verdict: 'clean' } },
      { state: 'up', defacement: { verdict: 'defaced' } },
      { state: 'degraded', defacement: { verdict: 'suspected' } },
      { state: 'down', defacement: null },
      { state: 'up', defacement: { verdict: 'unknown' } },
    ]),
  ).toEqual({
    states: { up: 3, degraded: 1, down: 1 },
    verdicts: { clean: 1, suspected: 1, defaced: 1, unknown: 1, none: 1 },
    total: 5,
  });
  expect(countVerdicts([])).toEqual({
    states: { up: 0, degraded: 0, down: 0 },
    verdicts: { clean: 0, suspected: 0, defaced: 0, unknown: 0, none: 0 },
    total: 0,
  });
});
