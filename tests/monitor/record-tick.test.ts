import { describe, expect, it } from 'vitest';
import { recordTick } from '../../checks/monitor/record-tick.ts';
import { MAX_TICKS, TicksFileSchema } from '../../checks/schemas/ticks.ts';

const at = (iso: string) => new Date(iso);

describe('recordTick', () => {
  const cases: { name: string; previous: string[] | null; now: string; ticks: string[] }[] = [
    {
      name: 'the first tick ever',
      previous: null,
      now: '2026-11-26T03:00:00.000Z',
      ticks: ['2026-11-26T03:00:00.000Z'],
    },
    {
      name: 'appends, newest last',
      previous: ['2026-11-26T02:50:00.000Z', '2026-11-26T02:55:00.000Z'],
      now: '2026-11-26T03:00:00.000Z',
      ticks: ['2026-11-26T02:50:00.000Z', '2026-11-26T02:55:00.000Z', '2026-11-26T03:00:00.000Z'],
    },
    {
      name: 'an overlapping tick that publishes after a later one goes in its place',
      previous: ['2026-11-26T02:50:00.000Z', '2026-11-26T03:00:00.000Z'],
      now: '2026-11-26T02:55:00.000Z',
      ticks: ['2026-11-26T02:50:00.000Z', '2026-11-26T02:55:00.000Z', '2026-11-26T03:00:00.000Z'],
    },
    {
      name: 'the same instant again (a retried push) changes nothing',
      previous: ['2026-11-26T02:55:00.000Z', '2026-11-26T03:00:00.000Z'],
      now: '2026-11-26T03:00:00.000Z',
      ticks: ['2026-11-26T02:55:00.000Z', '2026-11-26T03:00:00.000Z'],
    },
    {
      name: 'drops ticks more than 48 h before the newest, keeps one exactly 48 h before',
      previous: ['2026-11-24T02:59:59.999Z', '2026-11-24T03:00:00.000Z', '2026-11-25T12:00:00.000Z'],
      now: '2026-11-26T03:00:00.000Z',
      ticks: ['2026-11-24T03:00:00.000Z', '2026-11-25T12:00:00.000Z', '2026-11-26T03:00:00.000Z'],
    },
    {
      name: 'after days without a tick, only this one is left',
      previous: ['2026-11-20T03:00:00.000Z'],
      now: '2026-11-26T03:00:00.000Z',
      ticks: ['2026-11-26T03:00:00.000Z'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(recordTick(c.previous ? { ticks: c.previous } : null, at(c.now))).toEqual({ ticks: c.ticks });
    });
  }

  it(`keeps at most ${MAX_TICKS} ticks, the newest`, () => {
    const start = Date.parse('2026-11-25T00:00:00.000Z');
    const previous = Array.from({ length: MAX_TICKS }, (_, i) => new Date(start + i * 30_000).toISOString());
    const now = new Date(start + MAX_TICKS * 30_000);
    const { ticks } = recordTick({ ticks: previous }, now);
    expect(ticks).toHaveLength(MAX_TICKS);
    expect(ticks[0]).toBe(previous[1]);
    expect(ticks.at(-1)).toBe(now.toISOString());
    expect(TicksFileSchema.safeParse({ ticks }).success).toBe(true);
  });
});

describe('TicksFileSchema', () => {
  it('refuses ticks out of order or twice, naming the rule', () => {
    const result = TicksFileSchema.safeParse({ ticks: ['2026-11-26T03:00:00.000Z', '2026-11-26T03:00:00.000Z'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'ticks: must be in order, oldest first, each once',
    ]);
  });
});
