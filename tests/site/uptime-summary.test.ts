import { expect, test } from 'vitest';
import { disruptedDays, uptimeSummary } from '../../site/lib/uptime-summary.ts';

const day = (checks: number, answered: number) => ({
  date: '2026-11-26',
  checks,
  uptime: checks === 0 ? null : answered / checks,
});
const days = [day(288, 288), day(288, 287), day(0, 0), day(288, 100), day(288, 288)];

test('disrupted days are those with an unanswered check; days without checks are not', () => {
  expect(disruptedDays(days)).toBe(2);
});

test.each([
  [days, 0.9995, 'vi', '5 ngày (số liệu của 4 ngày): 99,95 %; 2 ngày có gián đoạn'],
  [days, 0.9995, 'en', '5 days (data for 4 days): 99.95%; 2 days with disruptions'],
  [[day(288, 288), day(288, 287)], 0.998, 'en', '2 days: 99.80%; 1 day with disruptions'],
  [[day(288, 288)], 1, 'vi', '1 ngày: 100,00 %; không ngày nào gián đoạn'],
  [[day(288, 288)], 1, 'en', '1 day: 100.00%; no disruptions'],
  [[day(0, 0), day(288, 288)], 1, 'en', '2 days (data for 1 day): 100.00%; no disruptions'],
  [[day(0, 0), day(0, 0)], null, 'vi', '2 ngày: chưa có số liệu'],
  [[day(0, 0), day(0, 0)], null, 'en', '2 days: no data'],
] as const)('%#: %s', (d, uptime, lang, text) => expect(uptimeSummary(d, uptime, lang)).toBe(text));
