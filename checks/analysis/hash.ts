/**
 * 32-bit FNV-1a hashing for structure and text shingles. Stable across runs and machines, so hashes
 * stored in a committed baseline compare with hashes computed next month.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a string's UTF-16 code units, as an unsigned 32-bit number. */
export function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Combines two 32-bit hashes (order matters), for path hashes and shingles of hash sequences. */
export function mixHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, FNV_PRIME) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
