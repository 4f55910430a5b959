import { BASE_LETTER } from './text-fold.ts';

/**
 * Which UTF-16 code units are part of a word: ASCII letters and digits, and everything from the
 * Latin-1 letters up except general and CJK punctuation (so Vietnamese, Thai, CJK and Arabic words
 * count). A table, not comparisons: the word loops run over every page's text, and comparison
 * chains re-optimised on each page's first non-ASCII character cost more than the HTML parse.
 */
export const WORD_UNITS: Uint8Array = buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    let word: boolean;
    if (c < 0x80) word = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
    else if (c < 0xc0) word = false;
    else if (c === 0xd7 || c === 0xf7) word = false;
    else if (c >= 0x2000 && c <= 0x2bff) word = false;
    else if (c >= 0x3000 && c <= 0x303f) word = false;
    else if (c >= 0xfe30 && c <= 0xfe4f) word = false;
    else if (c >= 0xff00 && c <= 0xff0f) word = false;
    else word = true;
    table[c] = word ? 1 : 0;
  }
  return table;
}

/**
 * Code unit → what it adds to a diacritics-folded word: its base letter for precomposed Latin
 * letters (ạ→a, đ→d), itself for other word units, 0 when it is not part of a word. One table
 * read per character of a page's text instead of two (WORD_UNITS, then BASE_LETTER).
 */
export const FOLDED_WORD_UNITS: Uint16Array = buildFolded();

function buildFolded(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 1; c < 0x10000; c++) {
    if (WORD_UNITS[c] === 1) table[c] = BASE_LETTER[c] === 0 ? c : BASE_LETTER[c]!;
  }
  return table;
}
