/**
 * Encodes Vietnamese text in windows-1258, the way old Vietnamese sites still serve it: letters the
 * code page has precomposed (â, ă, ê, ô, ơ, ư, đ, á, à, ...) as one byte, tone marks it lacks as a
 * following combining-mark byte (ộ = ô + U+0323, ý = y + U+0301). The table is read from the
 * platform's own decoder, so encoding and `TextDecoder('windows-1258')` agree by construction.
 */

/** The five Vietnamese tone marks that windows-1258 has as combining bytes. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

let table: Map<string, number> | undefined;

function byteTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('windows-1258');
  const map = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (char !== '\uFFFD' && !map.has(char)) map.set(char, byte);
  }
  table = map;
  return map;
}

/** Throws for a character windows-1258 cannot represent, naming it, rather than writing "?". */
export function encodeWindows1258(text: string): Buffer {
  const map = byteTable();
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const direct = map.get(char);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    const decomposed = [...char.normalize('NFD')];
    const tones = decomposed.filter((mark) => TONE_MARKS.has(mark));
    const base = decomposed
      .filter((mark) => !TONE_MARKS.has(mark))
      .join('')
      .normalize('NFC');
    const baseByte = map.get(base);
    const toneBytes = tones.map((mark) => map.get(mark));
    if (baseByte === undefined || toneBytes.some((byte) => byte === undefined)) {
      const codePoint = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      throw new Error(`windows-1258 cannot encode "${char}" (U+${codePoint})`);
    }
    bytes.push(baseByte, ...(toneBytes as number[]));
  }
  return Buffer.from(bytes);
}
