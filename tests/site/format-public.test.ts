import { expect, test } from 'vitest';
import { compareVietnamese, foldForSearch, formatDateTime, formatPercent } from '../../site/lib/format.ts';

test.each([
  [0.57, 'vi', '57,00 %'], // 0.57 × 10 000 is 5 699.999… in binary
  [0.9995, 'en', '99.95%'],
  [287 / 288, 'vi', '99,65 %'],
  [0.99999, 'en', '99.99%'], // floored: never shown as 100 unless it is
  [1, 'vi', '100,00 %'],
  [0, 'en', '0.00%'],
  [null, 'vi', 'chưa có số liệu'],
] as const)('formatPercent(%s, %s)', (share, lang, text) => expect(formatPercent(share, lang)).toBe(text));

test('dates are dd/mm/yyyy HH:mm in the deployment time zone', () => {
  expect(formatDateTime('2025-02-05T17:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('06/02/2025 00:30');
});

test('search folding: diacritics and đ', () => {
  expect(['Đà Nẵng', 'Thừa Thiên  Huế', 'ĐỒNG THÁP'].map(foldForSearch)).toEqual([
    'da nang',
    'thua thien hue',
    'dong thap',
  ]);
  expect(foldForSearch('Sở Y tế Đà Nẵng').includes(foldForSearch('da nang'))).toBe(true);
});

test('Vietnamese collation puts Đ after D', () => {
  expect(['Đà Nẵng', 'Dương', 'An Giang', 'Bắc Ninh'].sort(compareVietnamese)).toEqual([
    'An Giang',
    'Bắc Ninh',
    'Dương',
    'Đà Nẵng',
  ]);
});
