import { describe, expect, it } from 'vitest';
import { lostBaselines } from '../../site/lib/lost-baselines.ts';

const lost = (id: string, at: string) => ({
  id,
  defacement: { baselineLost: { at, file: `baselines/${id}.json.corrupt-x` } },
});

describe('lostBaselines', () => {
  it('lists the sites whose status carries a lost baseline, longest unreviewed first, named from the registry', () => {
    expect(
      lostBaselines(
        [
          lost('so-b', '2026-11-25T02:00:00.000Z'),
          { id: 'so-c', defacement: {} },
          { id: 'so-d', defacement: null },
          lost('so-a', '2026-11-25T02:00:00.000Z'),
          lost('so-e', '2026-11-24T00:00:00.000Z'),
        ],
        new Map([['so-a', 'Sở A']]),
      ),
    ).toEqual([
      { id: 'so-e', name: 'so-e', at: '2026-11-24T00:00:00.000Z', file: 'baselines/so-e.json.corrupt-x' },
      { id: 'so-a', name: 'Sở A', at: '2026-11-25T02:00:00.000Z', file: 'baselines/so-a.json.corrupt-x' },
      { id: 'so-b', name: 'so-b', at: '2026-11-25T02:00:00.000Z', file: 'baselines/so-b.json.corrupt-x' },
    ]);
  });
});
