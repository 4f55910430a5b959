import { parse } from 'tldts';
import { CONTROLS_EXCEPT_LINES, defangWith, INVISIBLE, IPV4, truncate } from './defang.ts';

export { INVISIBLE, truncate };

/**
 * Hostile text in issue bodies and comments. Signal details and evidence, error messages and
 * redirect URLs come from monitored pages, which a defacer controls. Quoted into GitHub Markdown as
 * is, such text could mention and notify people (`@user`), cross-reference and notify other
 * repositories (`owner/repo#1`), link or embed (`[x](…)`, `![x](…)`, autolinked `www.` and
 * `https://`), inject HTML, restructure the issue (headings, lists, tables) or forge the hidden
 * `<!-- canhgac:… -->` markers by which we find our own issues and comments again.
 *
 * The approach: every hostile string is quoted as code, a code span inline or a fenced code block,
 * whose delimiter is longer than any backtick run inside, so nothing can close it early. GitHub
 * renders code literally: no HTML, links, images, autolinks, emphasis, entities, and its mention and
 * reference filters skip code, so `@user` and `#1` inside notify no one. Around that:
 * - characters that change how text looks without being seen (controls, bidi overrides and isolates,
 *   zero-width characters) are removed: they act inside code too;
 * - URLs, domains and e-mail addresses are defanged (`hxxps://nhacai88[.]bet`): plain-text e-mail
 *   notifications and copy-paste see the raw text, where the code span does not protect;
 * - `<!--` and `-->` never survive (`<! --`, `-- >`): we match markers on the raw body, where
 *   the code span does not protect either;
 * - inline, `|` becomes `¦`: inside a table a pipe splits the cell before code spans are parsed,
 *   which would end the code span early.
 */

const EMPTY = '*(trống / empty)*';

/** NFC, well-formed (lone surrogates become U+FFFD), invisibles and controls removed, line ends as `\n`. */
function clean(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROLS_EXCEPT_LINES, '');
}

/**
 * `www.` names (GitHub autolinks them whatever follows), IPv4 addresses, and names whose last label
 * is a real top-level domain. The last rule spares `TP.HCM`, `index.html` and `v1.2`, which
 * Vietnamese pages are full of and no client links.
 */
export function isDomainLike(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('www.') || IPV4.test(lower)) return true;
  const info = parse(lower, { extractHostname: false });
  return info.isIcann === true || info.isPrivate === true;
}

/**
 * Makes URLs, domain names and e-mail addresses unclickable and un-autolinkable while staying readable:
 * `https://nhacai88.bet/x` → `hxxps://nhacai88[.]bet/x`, `www.nha-cai.com` → `www[.]nha-cai[.]com`,
 * `a@b.com` → `a[@]b[.]com`. Idempotent: defanged text comes back unchanged. Everything else is kept.
 */
export function defang(text: string): string {
  return defangWith(text, isDomainLike);
}

/** `<! --` and `-- >`: neither sequence can start or end an HTML comment, nor forge one of our markers. */
function breakComments(text: string): string {
  let out = text;
  while (out.includes('<!--') || out.includes('-->')) out = out.replaceAll('<!--', '<! --').replaceAll('-->', '-- >');
  return out;
}

function longestRun(text: string, char: '`'): number {
  let longest = 0;
  for (const run of text.match(new RegExp(`${char}+`, 'g')) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Hostile text as one inline code span, for a line of an issue body or comment (safe inside table
 * cells too). Line breaks and runs of whitespace become one space; `maxLength` counts the code points
 * of the quoted text, the delimiters not included. Empty text renders as `(trống / empty)`.
 */
export function neutraliseInline(text: string, maxLength: number): string {
  const prepared = breakComments(defang(clean(text).replace(/\s+/g, ' ').trim())).replaceAll('|', '¦');
  if (prepared === '') return EMPTY;
  const content = truncate(prepared, maxLength);
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  // CommonMark strips one space from each side when both are there: room for a backtick at either end.
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * Hostile multi-line text as a fenced code block, lines kept (trailing whitespace and blank lines at
 * both ends dropped). The fence is backticks, at least three and one more than the longest backtick
 * run inside: only a backtick line at least that long could close it (tildes never close a backtick
 * fence). Begins and ends with a line break of its own; place it at the top level of the body, not
 * inside a list item.
 */
export function neutraliseBlock(text: string, maxLength: number): string {
  const lines = breakComments(defang(clean(text).replaceAll('\t', '    ')))
    .split('\n')
    .map((line) => line.trimEnd());
  const prepared = lines.join('\n').replace(/^\n+|\n+$/g, '');
  if (prepared === '') return `\n${EMPTY}\n`;
  const content = truncate(prepared, maxLength);
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `\n${fence}\n${content}\n${fence}\n`;
}

/**
 * Our own text (site names and agencies from config, such as `Sở *A* [B]`) as literal Markdown text:
 * every ASCII punctuation character backslash-escaped (GFM allows escaping any of them), line breaks
 * as spaces, invisibles and controls removed. Escapes do not stop GitHub's mentions and issue
 * references, which it finds after rendering: this is for trusted text, never for page content.
 */
export function escapeMarkdownText(text: string): string {
  return clean(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
