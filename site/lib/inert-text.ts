import { defang } from '../../checks/incidents/neutralise.ts';

/**
 * Text that came from a monitored page (signal details and evidence, error messages, redirect URLs,
 * page excerpts) made inert for the internal site. Astro escapes it as HTML text, so no markup can
 * get through; this also removes what escaping does not: characters that change how text looks
 * without being seen (bidi overrides and isolates, zero-width characters, controls), and clickable
 * or copy-paste-ready URLs and domains (`hxxps://nhacai88[.]bet`, with the incidents' `defang`).
 * Pure.
 */

/** Default-ignorable code points except U+FE00–FE0F and a zero-width joiner between pictographs (as in incidents/neutralise.ts). */
const INVISIBLE = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?![\u200D\uFE00-\uFE0F])\p{Default_Ignorable_Code_Point}/gu;
/** C0 and C1 controls and DEL, tab and line feed included: one line of text has neither. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
const ELLIPSIS = '…';

/**
 * One line of hostile text: NFC, invisibles removed, whitespace (line breaks included) collapsed to
 * single spaces, URLs and domains defanged, at most `maxLength` code points with `…` (cut between
 * grapheme clusters). Empty text stays empty.
 */
export function inertText(text: string, maxLength = 500): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  const cleaned = text.toWellFormed().normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').replace(CONTROLS, '').trim();
  return truncate(defang(cleaned), maxLength);
}

function truncate(text: string, maxLength: number): string {
  let total = 0;
  for (const _ of text) if (++total > maxLength) break;
  if (total <= maxLength) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(text)) {
    const size = [...segment].length;
    if (used + size > maxLength - 1) break;
    out += segment;
    used += size;
  }
  return out.trimEnd() + ELLIPSIS;
}
