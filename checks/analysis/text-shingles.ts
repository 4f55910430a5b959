import { mixHash } from './hash.ts';
import { HashBag } from './sketch.ts';
import { WORD_UNITS } from './word-units.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Hashes of word 3-shingles of normalised text: the unit of text similarity. One pass over code
 * units (no regex, no substrings): text similarity runs on every page of every site.
 */
export function textShingles(text: string): HashBag {
  const out = new HashBag();
  // Two empty words precede the text, so short texts still yield shingles and the loop has no
  // rarely-taken branch (one that tiny pages would hit and de-optimise for everyone else).
  let a = 0;
  let b = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 0x20;
    if (WORD_UNITS[c] === 1) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      const w = h >>> 0;
      out.add(mixHash(mixHash(a, b), w));
      a = b;
      b = w;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  return out;
}

/**
 * Word 3-shingles from the word hashes of a word index (folded words): the same sketch input as
 * `textShingles` without a second pass over the characters.
 */
export function shinglesOfWords(hashes: readonly number[]): HashBag {
  const out = new HashBag();
  let a = 0;
  let b = 0;
  for (let i = 0; i < hashes.length; i++) {
    const w = hashes[i]!;
    out.add(mixHash(mixHash(a, b), w));
    a = b;
    b = w;
  }
  return out;
}
