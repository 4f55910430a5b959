import { describe, expect, it } from 'vitest';
import { CHANGE_CAP, scoreOf, verdictOf } from '../../checks/analysis/verdict.ts';
import type { Signal, SignalKind } from '../../checks/schemas/defacement.ts';

const s = (kind: SignalKind, weight: number): Signal => ({ kind, weight, detail: '', evidence: [] });

describe('verdict', () => {
  it.each([
    [0, 'clean'],
    [29, 'clean'],
    [30, 'suspected'],
    [59, 'suspected'],
    [60, 'defaced'],
    [100, 'defaced'],
  ] as const)('score %i is %s', (score, verdict) => {
    expect(verdictOf(score)).toBe(verdict);
  });

  it('caps the signals a redesign also produces, so change alone is at most suspected', () => {
    expect(
      scoreOf([
        s('structure-collapse', 50),
        s('title-change', 15),
        s('favicon-change', 15),
        s('new-external-domain', 30),
      ]),
    ).toBe(CHANGE_CAP);
    expect(scoreOf([s('structure-collapse', 50), s('title-change', 15), s('defacer-signature', 40)])).toBe(90);
    expect(scoreOf([s('gambling-spam', 85), s('hidden-links', 35)])).toBe(100);
    expect(scoreOf([])).toBe(0);
  });
});
