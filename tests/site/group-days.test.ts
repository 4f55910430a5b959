import { describe, expect, test } from 'vitest';
import { barPaths, type BarDay } from '../../site/lib/day-bars.ts';
import {
  decodeGroupDays,
  encodeGroupDays,
  groupBarLevel,
  groupDays,
  groupDayTooltip,
  groupSummary,
  type GroupDay,
} from '../../site/lib/group-days.ts';

const day = (date: string, checks: number, answered: number): BarDay => ({
  date,
  checks,
  uptime: checks === 0 ? null : answered / checks,
});

describe('groupDays', () => {
  test("sums each day's checks over the group's sites and counts the sites with a disruption", () => {
    const sites = [
      { days: [day('2026-11-25', 288, 288), day('2026-11-26', 100, 100)] },
      { days: [day('2026-11-25', 288, 144), day('2026-11-26', 100, 99)] },
      { days: [day('2026-11-25', 0, 0), day('2026-11-26', 100, 100)] },
    ];
    expect(groupDays(sites)).toEqual([
      { date: '2026-11-25', checks: 576, uptime: 432 / 576, disrupted: 1 },
      { date: '2026-11-26', checks: 300, uptime: 299 / 300, disrupted: 1 },
    ]);
    expect(groupDays([])).toEqual([]);
  });
});

describe('groupBarLevel', () => {
  test.each([
    [0, 0, 'none'],
    [1000, 1000, 'ok'],
    [1000, 995, 'ok'], // 99.5 %: one site in 200 down all day
    [1000, 994, 'minor'],
    [1000, 950, 'minor'],
    [1000, 949, 'major'],
  ] as const)('%i checks, %i answered: %s', (checks, answered, level) => {
    expect(groupBarLevel(day('2026-11-26', checks, answered))).toBe(level);
  });

  test('draws with the same geometry as a site strip', () => {
    const days = [day('a', 1000, 1000), day('b', 1000, 990), day('c', 1000, 100)].map((d) => ({ ...d, disrupted: 1 }));
    expect(barPaths(days, groupBarLevel).map((p) => [p.level, p.d])).toEqual([
      ['ok', 'M0 10h1'],
      ['minor', 'M1 13h1'],
      ['major', 'M2 15.5h1'],
    ]);
  });
});

describe('encodeGroupDays / decodeGroupDays / tooltips', () => {
  const days: GroupDay[] = [
    { date: '2026-11-24', checks: 2880, uptime: 1, disrupted: 0 },
    { date: '2026-11-25', checks: 0, uptime: null, disrupted: 0 },
    { date: '2026-11-26', checks: 2880, uptime: 2870 / 2880, disrupted: 3 },
  ];

  test('a day with every check answered is one number, others answered/checks/disrupted', () => {
    expect(encodeGroupDays(days)).toBe('2880 0 2870/2880/3');
    expect(decodeGroupDays(encodeGroupDays(days), '2026-11-26')).toEqual(days);
    expect(decodeGroupDays('', '2026-11-26')).toEqual([]);
  });

  test('tooltips and the sentence under the strip, in both languages', () => {
    expect(groupDayTooltip(days[2]!, 'vi')).toBe('26/11/2026: 99,65 % lần kiểm tra được phản hồi; 3 cổng có gián đoạn');
    expect(groupDayTooltip(days[2]!, 'en')).toBe('26/11/2026: 99.65% of checks answered; 3 portals disrupted');
    expect(groupDayTooltip(days[0]!, 'en')).toBe('24/11/2026: 100.00% of checks answered; no portal disrupted');
    expect(groupDayTooltip(days[1]!, 'vi')).toBe('25/11/2026: chưa có số liệu');
    expect(groupSummary(days, 'vi')).toBe('3 ngày: 99,82 % lần kiểm tra được phản hồi; không ngày nào dưới 99,50 %');
    expect(groupSummary([{ ...days[2]!, uptime: 0.9 }], 'en')).toBe(
      '1 day: 90.00% of checks answered; 1 day below 99.50%',
    );
  });
});
