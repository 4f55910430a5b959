import { describe, expect, it } from 'vitest';
import { encodeWindows1258 } from '../../checks/simulator/windows-1258.ts';

describe('encodeWindows1258', () => {
  it.each([
    ['ASCII', 'Trang chu 123', [...Buffer.from('Trang chu 123')]],
    ['letters the code page has precomposed', 'ăâêôơưđĐ', [0xe3, 0xe2, 0xea, 0xf4, 0xf5, 0xfd, 0xf0, 0xd0]],
    ['a Latin-1 accented letter kept as one byte', 'á', [0xe1]],
    ['a tone mark the code page lacks, as a combining byte', 'ả', [0x61, 0xd2]],
    ['ý, whose Latin-1 byte windows-1258 gave to ư', 'ý', [0x79, 0xec]],
    ['a letter with a base mark and a tone mark', 'ộ', [0xf4, 0xf2]],
    ['the same letter typed decomposed', 'o\u0323\u0302', [0xf4, 0xf2]],
    ['ữ', 'ữ', [0xfd, 0xde]],
    ['the đồng sign', '₫', [0xfe]],
  ])('encodes %s', (_label, text, bytes) => {
    expect([...encodeWindows1258(text)]).toEqual(bytes);
  });

  it('round-trips Vietnamese text through TextDecoder after NFC', () => {
    const text = 'Ủy ban nhân dân tỉnh Sông Mây — Sở Khoa học và Công nghệ: thủ tục hành chính, kỳ họp, Đắk Lắk, quỹ';
    const decoded = new TextDecoder('windows-1258').decode(encodeWindows1258(text));
    expect(decoded.normalize('NFC')).toBe(text);
  });

  it('refuses characters it cannot represent, naming them', () => {
    expect(() => encodeWindows1258('Hà Nội 中')).toThrow('windows-1258 cannot encode "中" (U+4E2D)');
  });
});
