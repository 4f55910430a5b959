/**
 * Hostile text made inert, without the public suffix list: the part of neutralise.ts (issues) and
 * site/lib/inert-text.ts (the internal site's pages) that the internal site's browser script shares
 * with them. Which dotted names count as domains is the caller's `isDomainLike`: the server asks the
 * public suffix list (tldts, 130 KB), the script a cheaper rule that defangs more, never less. Pure.
 */

/**
 * Default-ignorable code points: bidi marks, overrides and isolates (U+061C, U+200E–F, U+202A–E,
 * U+2066–9), zero-width space and joiners, word joiner, BOM, soft hyphen, invisible operators,
 * Hangul fillers, tag characters, variation selectors. Kept: U+FE00–FE0F (emoji presentation).
 * A zero-width joiner survives only between two pictographs (👨‍👩‍👧), where it is part of an emoji.
 */
export const INVISIBLE =
  /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?![\u200D\uFE00-\uFE0F])\p{Default_Ignorable_Code_Point}/gu;
/** C0 and C1 controls and DEL, except tab and line feed (whitespace, handled by the caller). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are stripped from page text.
export const CONTROLS_EXCEPT_LINES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** C0 and C1 controls and DEL, tab and line feed included: one line of text has neither. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are stripped from page text.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

const SCHEME = /\b(https?|ftp)(?=:\/\/)/gi;
/** `scheme://` and the authority after it (userinfo, host, port). */
const AUTHORITY = /(:\/\/)([^\s/?#\\]+)/g;
/** A dot not already defanged. */
const BARE_DOT = /(?<!\[)\.(?!\])/g;
/** A GFM e-mail autolink: local part, `@`, a domain with at least one dot. */
const EMAIL = /([\p{L}\p{N}._+-])@(?=[\p{L}\p{N}_-]+\.[\p{L}\p{N}_-])/gu;
/** Dotted names: `www.x.vn`, `nhacai88.bet`, `cổng.vn`, `1.2.3.4`; judged by `isDomainLike`. */
const DOTTED = /(?<![\p{L}\p{N}_-])[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+/gu;
export const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Makes URLs, domain names and e-mail addresses unclickable and un-autolinkable while staying readable:
 * `https://nhacai88.bet/x` → `hxxps://nhacai88[.]bet/x`, `www.nha-cai.com` → `www[.]nha-cai[.]com`,
 * `a@b.com` → `a[@]b[.]com`. Idempotent: defanged text comes back unchanged. Everything else is kept.
 */
export function defangWith(text: string, isDomainLike: (name: string) => boolean): string {
  return text
    .replace(
      SCHEME,
      (scheme) => ({ http: 'hxxp', https: 'hxxps', ftp: 'fxp' })[scheme.toLowerCase() as 'http' | 'https' | 'ftp'],
    )
    .replace(
      AUTHORITY,
      (_, sep: string, authority: string) => sep + authority.replace(BARE_DOT, '[.]').replace(/(?<!\[)@(?!\])/g, '[@]'),
    )
    .replace(EMAIL, '$1[@]')
    .replace(/(?<=\[@\])[\p{L}\p{N}._-]+/gu, (domain) => domain.replace(BARE_DOT, '[.]'))
    .replace(DOTTED, (name) => (isDomainLike(name) ? name.replace(/\./g, '[.]') : name));
}

/**
 * One line of hostile text: NFC, invisibles removed, whitespace (line breaks included) collapsed to
 * single spaces, controls removed, URLs and domains defanged, at most `maxLength` code points with
 * `…` (cut between grapheme clusters). Empty text stays empty.
 */
export function inertLine(text: string, maxLength: number, isDomainLike: (name: string) => boolean): string {
  const cleaned = text
    .toWellFormed()
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .replace(CONTROLS, '')
    .trim();
  return truncate(defangWith(cleaned, isDomainLike), maxLength);
}

const ELLIPSIS = '…';

/**
 * At most `maxLength` code points, ellipsis included; cut between grapheme clusters, so neither a
 * surrogate pair nor a letter with its combining mark nor an emoji sequence is split.
 */
export function truncate(text: string, maxLength: number): string {
  if (!Number.isInteger(maxLength) || maxLength < 1)
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
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
