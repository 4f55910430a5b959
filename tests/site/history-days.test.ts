import { expect, test } from 'vitest';
import type { HistoryFile } from '../../checks/schemas/history.ts';
import { dailySummaries } from '../../checks/store/summarise-history.ts';
import { historyDays, SiteHistorySchema, siteHistory } from '../../site/lib/history-days.ts';

const history: HistoryFile = {
  id: 'bo-a',
  state: 'up',
  since: '2026-11-24T02:00:00.000Z',
  today: {
    date: '2026-11-26',
    checks: 3,
    up: 2,
    degraded: 0,
    down: 1,
    buckets: [0, 2, ...new Array(24).fill(0)],
  },
  days: [
    ['2026-11-20', 288, 288, 0, 0, 120, 300],
    ['2026-11-21', 288, 0, 0, 288, null, null], // nothing answered
    // 22 and 23 November: no runs at all
    ['2026-11-24', 288, 280, 3, 5, 130.5, 410],
    ['2026-11-25', 288, 288, 0, 0, 125, 290],
  ],
  events: [
    { at: '2026-10-01T00:00:00.000Z', from: null, to: 'up', reason: null },
    { at: '2026-11-24T01:00:00.000Z', from: 'up', to: 'down', reason: 'timeout' },
  ],
};

test('one token a day, skipped dates as "-", today (partial) last; valid per its schema', () => {
  const stored = siteHistory(history, 91);
  expect(stored).toEqual({
    id: 'bo-a',
    since: '2026-11-24T02:00:00.000Z',
    firstSeen: '2026-10-01T00:00:00.000Z',
    start: '2026-11-20',
    // Today's percentiles come from its histogram (two answers in the 50–100 ms bucket).
    days: '288,288,120,300 288,0 - - 288,283,130.5,410 288,288,125,290 3,2,75,98',
  });
  expect(SiteHistorySchema.safeParse(stored).success).toBe(true);
});

test('decodes to the same summaries the history file gives', () => {
  expect(historyDays(siteHistory(history, 91))).toEqual(dailySummaries(history, 91));
  expect(historyDays(siteHistory(history, 2))).toEqual(dailySummaries(history, 2));
});

test('a history with no days', () => {
  const empty = siteHistory({ ...history, today: null, days: [], events: [] }, 91);
  expect(empty).toMatchObject({ start: null, days: '', firstSeen: null });
  expect(historyDays(empty)).toEqual([]);
});
