import { describe, expect, test } from 'vitest';
import {
  barLevel,
  barPaths,
  dayTooltip,
  decodeDays,
  encodeDays,
  shiftDate,
  type BarDay,
} from '../../site/lib/day-bars.ts';

const day = (date: string, checks: number, answered: number): BarDay => ({
  date,
  checks,
  uptime: checks === 0 ? null : answered / checks,
});

describe('barLevel', () => {
  test.each([
    [0, 0, 'none'],
    [288, 288, 'ok'],
    [288, 287, 'minor'],
    [288, 260, 'minor'], // 90.28 %
    [10, 9, 'minor'], // exactly 90 %
    [288, 259, 'major'], // 89.93 %
    [288, 0, 'major'],
  ] as const)('%i checks, %i answered: %s', (checks, answered, level) => {
    expect(barLevel(day('2026-11-26', checks, answered))).toBe(level);
  });
});

describe('barPaths', () => {
  const d = (checks: number, answered: number) => day('2026-11-26', checks, answered);

  test('adjacent days of a level merge into one run; each level is one path, taller for better days', () => {
    const days = [d(288, 288), d(288, 288), d(288, 287), d(0, 0), d(288, 288), d(288, 100), d(288, 100), d(288, 288)];
    expect(barPaths(days)).toEqual([
      { level: 'ok', width: 20, d: 'M0 10h2M4 10h1M7 10h1' },
      { level: 'minor', width: 14, d: 'M2 13h1' },
      { level: 'major', width: 9, d: 'M5 15.5h2' },
      { level: 'none', width: 3, d: 'M3 18.5h1' },
    ]);
  });

  test('90 good days are a single line; no days, no paths', () => {
    expect(barPaths(Array.from({ length: 90 }, () => d(288, 288)))).toEqual([
      { level: 'ok', width: 20, d: 'M0 10h90' },
    ]);
    expect(barPaths([])).toEqual([]);
  });
});

describe('encodeDays / decodeDays', () => {
  const days = [day('2026-11-24', 288, 288), day('2026-11-25', 0, 0), day('2026-11-26', 288, 286)];

  test('all-answered days are one number, partial days answered/checks, empty days 0', () => {
    expect(encodeDays(days)).toBe('288 0 286/288');
  });

  test('decoding dates the last token with the end date and counts back', () => {
    expect(decodeDays('288 0 286/288', '2026-11-26')).toEqual(days);
  });

  test('round trip over a month boundary and a leap day', () => {
    const leap = [day('2028-02-28', 12, 12), day('2028-02-29', 12, 11), day('2028-03-01', 1, 0)];
    expect(decodeDays(encodeDays(leap), '2028-03-01')).toEqual(leap);
  });

  test('an empty string is no days; extra spaces are ignored', () => {
    expect(decodeDays('', '2026-11-26')).toEqual([]);
    expect(decodeDays('  5   4/5 ', '2026-01-01')).toEqual([day('2025-12-31', 5, 5), day('2026-01-01', 5, 4)]);
  });

  test('uptime recovered from a rounded share gives the same answered count', () => {
    expect(encodeDays([{ checks: 288, uptime: 287 / 288 + 1e-12 }])).toBe('287/288');
  });
});

test('shiftDate is calendar arithmetic', () => {
  expect([
    shiftDate('2026-03-01', -1),
    shiftDate('2026-12-31', 1),
    shiftDate('2024-02-28', 1),
    shiftDate('2026-11-26', -89),
  ]).toEqual(['2026-02-28', '2027-01-01', '2024-02-29', '2026-08-29']);
});

test('shiftDate answers the same when asked again, and past the most dates it remembers', () => {
  const direct = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  // 2,500 distinct dates (more than the memo keeps), each shifted back and forth, twice.
  for (let round = 0; round < 2; round++)
    for (let i = 0; i < 2_500; i++) {
      const date = direct('2020-01-01', i);
      for (const days of [-90, -1, 0, 1, 31]) expect(shiftDate(date, days)).toBe(direct(date, days));
    }
});

describe('dayTooltip', () => {
  test.each([
    [day('2025-02-05', 288, 287), 'vi', '05/02/2025: hoạt động 99,65 % (287/288 lần kiểm tra)'],
    [day('2025-02-05', 288, 287), 'en', '05/02/2025: up 99.65% (287/288 checks)'],
    [day('2025-02-05', 288, 288), 'vi', '05/02/2025: hoạt động 100,00 % (288/288 lần kiểm tra)'],
    [day('2025-02-05', 100, 57), 'en', '05/02/2025: up 57.00% (57/100 checks)'],
    [day('2025-02-05', 0, 0), 'vi', '05/02/2025: chưa có số liệu'],
    [day('2025-02-05', 0, 0), 'en', '05/02/2025: no data'],
  ] as const)('%j %s', (d, lang, text) => expect(dayTooltip(d, lang)).toBe(text));
});
