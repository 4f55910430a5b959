import { mixHash } from './hash.ts';
import { HashBag } from './sketch.ts';

/**
 * Word 3-shingles of a text, from the word hashes of its word index (diacritics-folded words), so
 * the characters are walked once for both the text sketch and term matching. The first two words
 * pair with empty predecessors, so short texts still yield shingles.
 */
export function shinglesOfWords(hashes: Uint32Array, count: number): HashBag {
  const out = new HashBag(count);
  let a = 0;
  let b = 0;
  for (let i = 0; i < count; i++) {
    const w = hashes[i]!;
    out.add(mixHash(mixHash(a, b), w));
    a = b;
    b = w;
  }
  return out;
}
