import { expect, test } from 'vitest';
import { dataAge, STALE_AFTER_MINUTES } from '../../site/lib/data-age.ts';

const now = new Date('2026-11-26T03:00:00.000Z');

test.each([
  ['2026-11-26T02:55:30.000Z', 'vi', { minutes: 4, stale: false, text: '4 phút trước' }],
  ['2026-11-26T02:30:00.000Z', 'en', { minutes: 30, stale: false, text: '30 minutes ago' }],
  ['2026-11-26T02:29:00.000Z', 'en', { minutes: 31, stale: true, text: '31 minutes ago' }],
  ['2026-11-26T00:00:00.000Z', 'vi', { minutes: 180, stale: true, text: '3 giờ trước' }],
  ['2026-11-26T03:00:20.000Z', 'en', { minutes: 0, stale: false, text: 'this minute' }], // a run "after" the visitor's clock
] as const)('%s (%s)', (at, lang, expected) => {
  expect(dataAge(at, now, lang)).toEqual(expected);
});

test('no run, or an unreadable time, is no age', () => {
  expect(dataAge(null, now, 'vi')).toBeNull();
  expect(dataAge('yesterday', now, 'vi')).toBeNull();
});

test('the stale limit is 30 minutes unless given', () => {
  expect(STALE_AFTER_MINUTES).toBe(30);
  expect(dataAge('2026-11-26T02:50:00.000Z', now, 'en', 5)?.stale).toBe(true);
});
