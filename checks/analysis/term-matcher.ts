import { Buffer } from 'node:buffer';
import { BASE_LETTER, foldDiacritics } from './text-fold.ts';
import { FOLDED_WORD_UNITS } from './word-units.ts';

/** One occurrence of a listed term: the canonical term, and where it is in the text. */
export interface TermMatch {
  readonly term: string;
  readonly index: number;
  readonly end: number;
}

/**
 * Scripts without spaces between words (and Arabic/Cyrillic, matched the same way for simplicity):
 * Cyrillic, Arabic, Thai, kana, CJK ideographs, Hangul. Every one of these code units is a word
 * unit, so the word loop notes them as it passes instead of a second scan of the text.
 */
const UNSPACED_UNITS: Uint8Array = buildUnspaced([
  [0x0400, 0x04ff],
  [0x0600, 0x06ff],
  [0x0e00, 0x0e7f],
  [0x3040, 0x30ff],
  [0x3400, 0x9fff],
  [0xac00, 0xd7af],
]);

function buildUnspaced(ranges: readonly (readonly [number, number])[]): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const [from, to] of ranges) table.fill(1, from, to + 1);
  return table;
}

function hasUnspaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (UNSPACED_UNITS[text.charCodeAt(i)] === 1) return true;
  return false;
}

const FIRST_BUCKETS = 1 << 16;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The words of a text, found once and shared by every matcher that reads the same text: word
 * boundaries in the diacritics-folded text (same indices as the original) and a hash per folded
 * word, so a lookup costs no substring unless a listed term may start there.
 */
export class WordIndex {
  readonly text: string;
  /** Number of words; the typed arrays below are longer (sized for the worst case). */
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** FNV-1a of each word, diacritics folded ("cược" hashes as "cuoc"). */
  readonly hashes: Uint32Array;
  /** Words containing an ASCII digit (brand shapes, leet). */
  readonly digitWords: number[];
  /** The text has a character of a script without spaces (UNSPACED_UNITS): its terms match as substrings. */
  readonly unspaced: boolean;
  #folded: string | undefined;

  constructor(text: string) {
    this.text = text;
    // Locals, not fields, in the loop: it runs over every character of every page. Letters are
    // folded through the table as they are hashed; the folded string is only built on demand.
    // Typed arrays sized for the most words the text can hold: no growth, no boxed numbers.
    const most = (text.length >> 1) + 1;
    const starts = new Int32Array(most);
    const ends = new Int32Array(most);
    const hashes = new Uint32Array(most);
    let count = 0;
    const digitWords: number[] = [];
    const folded = FOLDED_WORD_UNITS;
    const unspacedUnits = UNSPACED_UNITS;
    const n = text.length;
    const codes = utf16Units(text);
    let unspaced = 0;
    let i = 0;
    while (i < n) {
      let f = folded[codes[i]!]!;
      if (f === 0) {
        i++;
        continue;
      }
      // A word, read to its end in a loop of its own: one hard-to-predict branch per word boundary
      // instead of a word/not-word state test per unit (−10 % for this constructor, measured).
      // The unspaced table is read for every unit (0 below U+0400), not behind a test that
      // Vietnamese text, mixing ASCII and accented letters, mispredicts.
      const start = i;
      let h = FNV_OFFSET;
      let digits = false;
      do {
        const c = codes[i]!;
        h = Math.imul(h ^ f, FNV_PRIME);
        if (c <= 0x39 && c >= 0x30) digits = true;
        unspaced |= unspacedUnits[c]!;
        if (++i === n) break;
        f = folded[codes[i]!]!;
      } while (f !== 0);
      if (digits) digitWords.push(count);
      starts[count] = start;
      ends[count] = i;
      hashes[count] = h;
      count++;
    }
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
    this.digitWords = digitWords;
    this.unspaced = unspaced === 1;
  }

  /** The diacritics-folded text (same indices as `text`). */
  get folded(): string {
    this.#folded ??= foldDiacritics(this.text);
    return this.#folded;
  }

  /** The folded word at position k. */
  word(k: number): string {
    return this.folded.slice(this.starts[k], this.ends[k]);
  }

  /**
   * Whether the folded word at position k is `folded`, compared in place: folding the whole text
   * to compare the few words whose hash matched a term cost more than the term lookups.
   */
  wordIs(k: number, folded: string): boolean {
    const start = this.starts[k]!;
    if (this.ends[k]! - start !== folded.length) return false;
    const text = this.text;
    for (let i = 0; i < folded.length; i++) {
      const c = text.charCodeAt(start + i);
      const b = BASE_LETTER[c]!;
      if ((b === 0 ? c : b) !== folded.charCodeAt(i)) return false;
    }
    return true;
  }
}

/**
 * The UTF-16 code units of `text` in a typed array: one copy, read faster than `charCodeAt` on the
 * page text (a sliced string after trimming, which each `charCodeAt` unwraps).
 */
function utf16Units(text: string): Uint16Array {
  const bytes = Buffer.from(text, 'utf16le');
  // Node's buffer pool hands out 8-byte-aligned slices; copy in the unexpected odd case rather than throw.
  return bytes.byteOffset % 2 === 0
    ? new Uint16Array(bytes.buffer, bytes.byteOffset, text.length)
    : new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

interface Entry {
  readonly term: string;
  /** Which of the compiled lists the term is from. */
  readonly list: number;
  /** Folded words of the term, and their hashes. */
  readonly words: readonly string[];
  readonly hashes: readonly number[];
  /** Accepted accented spellings, word by word. */
  readonly spellings: readonly (readonly string[])[];
}

/** Finds listed terms in normalised text (NFC, lowercase). Build once per list, at module load. */
export interface TermMatcher {
  find(text: string | WordIndex): TermMatch[];
}

/** Finds the terms of several lists in one pass over the words. Build once, at module load. */
export interface TermListsMatcher {
  /** One array per list, in the order of the lists: what `compileTerms(list).find(index)` finds. */
  findAll(index: WordIndex): TermMatch[][];
}

/**
 * Compiles a term list into a word-sequence lookup keyed by word hash: one pass over the words of
 * the folded text (the giant alternation regexes this replaces cost more than the HTML parse).
 *
 * Latin-script terms match whole words of the diacritics-folded text, and a folded match only
 * counts when each original word is spelled either without diacritics ("nha cai") or exactly as
 * listed ("nhà cái"): Vietnamese tones tell words apart, so "cả cuộc đời" (a whole life) must not
 * count as "cá cược" (betting). Punctuation between words is ignored ("zone-h" = "zone h"). Terms
 * in scripts without spaces (Thai, CJK) and in Arabic or Cyrillic match as substrings.
 */
export function compileTerms(terms: readonly string[]): TermMatcher {
  const matcher = compileTermLists([terms]);
  return {
    find(input: string | WordIndex): TermMatch[] {
      if (input === '') return [];
      return matcher.findAll(typeof input === 'string' ? new WordIndex(input) : input)[0]!;
    },
  };
}

/**
 * Compiles several term lists (see `compileTerms`) into one lookup, so text read by several
 * lists is walked once: a page's words (some 15,000) are matched against five lists in one walk
 * instead of five. Each list is matched exactly as on its own: longest term first, and a match
 * skips the words it covers for its own list only (a word inside a spam match may still start a
 * call to action).
 */
export function compileTermLists(lists: readonly (readonly string[])[]): TermListsMatcher {
  // The terms by bucket of their first word's hash: per first word, each list's terms longest
  // first ("nhà cái uy tín" wins over "nhà cái"); the lists do not compete, so their order does not matter.
  const buckets = new Map<number, Entry[]>();
  const unspaced: (readonly string[])[] = [];
  lists.forEach((terms, list) => {
    const own = new Map<number, Entry[]>();
    const byKey = new Map<string, Entry & { spellings: string[][] }>();
    const substrings: string[] = [];
    for (const raw of terms) {
      const term = raw.normalize('NFC').toLowerCase();
      if (hasUnspaced(term)) {
        substrings.push(term);
        continue;
      }
      const words = new WordIndex(term);
      if (words.count === 0) continue;
      const folded = Array.from({ length: words.count }, (_, k) => words.word(k));
      const key = folded.join(' ');
      const entry = byKey.get(key) ?? { term, list, words: folded, hashes: folded.map(hashWord), spellings: [] };
      entry.spellings.push(folded.map((_, k) => term.slice(words.starts[k], words.ends[k])));
      byKey.set(key, entry);
    }
    substrings.sort((a, b) => b.length - a.length);
    unspaced.push(substrings);
    for (const entry of byKey.values()) {
      const group = own.get(entry.hashes[0]!) ?? [];
      group.push(entry);
      own.set(entry.hashes[0]!, group);
    }
    for (const [h, group] of own) {
      group.sort((a, b) => b.words.length - a.words.length);
      const bucket = h & (FIRST_BUCKETS - 1);
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), ...group]);
    }
  });
  // Per bucket, 0 when no term starts with a word there (almost every word of a page is ruled out
  // with one array read) or 1 + its slot in `slotStart`: its terms are a range of `entries`, found
  // without a Map lookup on a (heap-allocated, above 2^30) number.
  if (buckets.size > 0xffff) throw new Error('Too many first words for a term matcher');
  const slotOf = new Uint16Array(FIRST_BUCKETS);
  const slotStart = new Int32Array(buckets.size + 1);
  const entries: Entry[] = [];
  let slot = 0;
  for (const [bucket, group] of buckets) {
    slotOf[bucket] = ++slot;
    entries.push(...group);
    slotStart[slot] = entries.length;
  }
  const listCount = lists.length;
  const anyUnspaced = unspaced.some((terms) => terms.length > 0);

  return {
    findAll(index: WordIndex): TermMatch[][] {
      const out: TermMatch[][] = [];
      for (let l = 0; l < listCount; l++) out.push([]);
      const { text, starts, ends, hashes, count } = index;
      // Per list, the first word that is not inside one of its matches.
      const free = new Int32Array(listCount);
      for (let k = 0; k < count; k++) {
        const h = hashes[k]!;
        const slot = slotOf[h & (FIRST_BUCKETS - 1)]!;
        if (slot === 0) continue;
        for (let e = slotStart[slot - 1]!, stop = slotStart[slot]!; e < stop; e++) {
          const entry = entries[e]!;
          // After a match at k, its list's `free` is past k: the shorter terms of that list are skipped.
          if (entry.hashes[0] !== h || k < free[entry.list]!) continue;
          const n = entry.words.length;
          if (k + n > count) continue;
          let ok = true;
          for (let w = 0; w < n && ok; w++) {
            ok =
              hashes[k + w] === entry.hashes[w] &&
              index.wordIs(k + w, entry.words[w]!) &&
              spelledAsListed(text, starts[k + w]!, ends[k + w]!, entry, w);
          }
          if (!ok) continue;
          out[entry.list]!.push({ term: entry.term, index: starts[k]!, end: ends[k + n - 1]! });
          free[entry.list] = k + n;
        }
      }
      if (anyUnspaced && index.unspaced) {
        for (let l = 0; l < listCount; l++) {
          // Longest first; a shorter term inside a longer match ("اختراق" in "تم اختراق") is not another match.
          const found: TermMatch[] = [];
          for (const term of unspaced[l]!) {
            for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
              const end = at + term.length;
              if (!found.some((f) => at < f.end && end > f.index)) found.push({ term, index: at, end });
            }
          }
          out[l]!.push(...found);
        }
      }
      return out;
    },
  };
}

/**
 * The original word (`text` from `start` to `end`) is plain ASCII (as folded) or one of the
 * listed accented spellings; compared in place, no substring per candidate word.
 */
function spelledAsListed(text: string, start: number, end: number, entry: Entry, w: number): boolean {
  const length = end - start;
  const plain = entry.words[w]!;
  if (plain.length === length && text.startsWith(plain, start)) return true;
  return entry.spellings.some((s) => s[w]!.length === length && text.startsWith(s[w]!, start));
}

/**
 * Whole words that match `pattern` (anchored), among the words containing a digit: brand shapes
 * like "fb88" and leet like "h4ck3d" are always written with digits.
 */
export function findDigitWords(input: string | WordIndex, pattern: RegExp): TermMatch[] {
  const index = typeof input === 'string' ? new WordIndex(input) : input;
  const out: TermMatch[] = [];
  for (const k of index.digitWords) {
    const word = index.text.slice(index.starts[k], index.ends[k]);
    if (pattern.test(word)) out.push({ term: word, index: index.starts[k]!, end: index.ends[k]! });
  }
  return out;
}
