import { describe, expect, test } from 'vitest';
import { inertText } from '../../site/lib/inert-text.ts';

describe('inertText', () => {
  test.each([
    ['plain Vietnamese stays', 'Ủy ban nhân dân tỉnh Mẫu', 'Ủy ban nhân dân tỉnh Mẫu'],
    [
      'URLs and domains are defanged',
      'go to https://nhacai88.bet/x or www.nha-cai.com',
      'go to hxxps://nhacai88[.]bet/x or www[.]nha-cai[.]com',
    ],
    ['bidi overrides and zero-width characters go', 'abc\u202Eevil\u200Bx\u2066y', 'abcevilxy'],
    ['line breaks, tabs and controls collapse', ' a\r\n\tb\u0007c  ', 'a bc'],
    ['markup stays text (Astro escapes it)', '<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['decomposed letters become NFC', 'Hoa\u0300', 'Hoà'],
    ['empty stays empty', '   ', ''],
  ])('%s', (_name, input, expected) => {
    expect(inertText(input)).toBe(expected);
  });

  test('truncates between grapheme clusters, ellipsis included in the length', () => {
    expect(inertText('Hoà bình Hoà bình', 6)).toBe('Hoà b…');
    expect(inertText('Hoa\u0300 bình', 3)).toBe('Ho…');
    expect(inertText('abc', 3)).toBe('abc');
  });

  test('a bad length is a bug', () => {
    expect(() => inertText('x', 0)).toThrow('maxLength must be a positive integer, got 0');
  });
});
