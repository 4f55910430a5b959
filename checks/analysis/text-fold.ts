/**
 * Text normalisation shared by the page model and the term matchers.
 *
 * `normaliseText` is what the page model stores (NFC, lowercase, single spaces). `foldDiacritics`
 * is for matching: spam is written with and without Vietnamese tone marks ("nhà cái", "nha cai"),
 * so every term list is matched against folded text, where "đ" becomes "d" too (NFD does not
 * decompose "đ"; the look-alike "Ð" U+00D0 is folded as well).
 */

/**
 * Combining marks: text without them is already composed for our purposes (NFC would only change
 * rare singletons), and skipping ICU's normalize is a measurable share of the per-page budget.
 */
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;
const WHITESPACE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g;
/** Whitespace runs other than a lone plain space (those are already normal; not replacing them is 4× faster). */
const ABNORMAL_WHITESPACE =
  / [\s\u00a0\u200b-\u200d\u2060\ufeff]+|[\t\n\r\f\v\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff][\s\u00a0\u200b-\u200d\u2060\ufeff]*/g;
/** NFC (see COMBINING), lowercase, whitespace (including NBSP and zero-width characters) collapsed to one space, trimmed. */
export function normaliseText(raw: string): string {
  const nfc = COMBINING.test(raw) ? raw.normalize('NFC') : raw;
  return nfc.toLowerCase().replace(ABNORMAL_WHITESPACE, ' ').trim();
}

/** Code unit → its base letter for precomposed Latin letters (ạ→a, ế→e, đ→d, Ð→d …), 0 otherwise; built once from NFD. */
export const BASE_LETTER: Uint16Array = buildBaseLetters();

function buildBaseLetters(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const ranges: ReadonlyArray<readonly [number, number]> = [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const base = String.fromCharCode(c).normalize('NFD').charCodeAt(0);
      if (base < 0x80 && base !== c) table[c] = base;
    }
  }
  for (const d of [0x110, 0x111, 0xd0, 0xf0]) table[d] = 0x64;
  return table;
}

/**
 * Removes diacritics (Vietnamese tone and vowel marks) and folds đ/Đ/Ð to d, one code unit for one
 * code unit, so an index in the folded text is the same index in the input: a folded match can be
 * checked against the original spelling ("ca cuoc" matches "cá cược" and "ca cuoc", not "cả cuộc").
 * Other scripts (Thai, CJK, Arabic) pass through. Input is NFC (and lowercase for matching).
 */
export function foldDiacritics(text: string): string {
  if (!FOLDABLE.test(text)) return text;
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const base = BASE_LETTER[c]!;
    out[i] = base === 0 ? c : base;
  }
  return UTF16.decode(out);
}

/** Letters that fold: Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional (Vietnamese). */
const FOLDABLE = /[\u00c0-\u024f\u1e00-\u1eff]/;
const UTF16 = new TextDecoder('utf-16le');

const EVIDENCE_MAX = 160;

/** Cuts hostile page text to an evidence excerpt of at most ~160 characters, on one line. */
export function truncateEvidence(text: string, max = EVIDENCE_MAX): string {
  const flat = text.replace(WHITESPACE, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** An excerpt of `text` around [start, end), widened to about 160 characters, with ellipses where cut. */
export function excerptAround(text: string, start: number, end: number, max = EVIDENCE_MAX): string {
  const room = Math.max(0, max - (end - start));
  const from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(text.length, end + Math.ceil(room / 2));
  const core = text.slice(from, to).trim();
  return truncateEvidence(`${from > 0 ? '…' : ''}${core}${to < text.length ? '…' : ''}`, max + 2);
}
