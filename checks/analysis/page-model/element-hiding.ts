import {
  hidingReason,
  matchesSimple,
  matchesSimpleLower,
  type HidingSelector,
  type SimpleSelector,
} from '../css-hiding.ts';

/**
 * The text of every lowercase inline <style> block: a pre-pass (indexOf scans), so class/id hiding
 * rules are known before the elements they hide. <STYLE> spelled otherwise is still read by the
 * parse for the page hints; only its hiding rules are missed (injected spam blocks are lowercase).
 */
export function collectInlineStyles(html: string): string {
  const parts: string[] = [];
  for (let at = nextStyleTag(html, 0); at >= 0; at = nextStyleTag(html, at + 6)) {
    const next = html.charCodeAt(at + 6);
    if (next !== 0x3e && next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d && next !== 0x2f) continue;
    const open = html.indexOf('>', at);
    if (open < 0) break;
    const close = html.indexOf('</style', open);
    parts.push(html.slice(open + 1, close < 0 ? html.length : close));
    if (close < 0) break;
    at = close;
  }
  return parts.join('\n');
}

/**
 * Where the next "<style" is, at or after `from` (-1 if nowhere). Found by its "yle": "y" is rare
 * in pages, where "<" starts every tag (4× faster than searching for "<style", which scanned
 * every page for 2 % of the page model's time; measured).
 */
function nextStyleTag(html: string, from: number): number {
  for (let at = html.indexOf('yle', from + 3); at >= 0; at = html.indexOf('yle', at + 3)) {
    if (html.startsWith('<st', at - 3)) return at - 3;
  }
  return -1;
}

/**
 * Why an element hides itself, or null: its inline style, its `hidden` attribute (not on <input>,
 * where it is how forms carry values), or an inline stylesheet rule for its class or id. Only asked
 * while its parent is visible: hiding is inherited, the outermost reason wins.
 */
export function ownHidingReason(
  tag: string,
  style: string | undefined,
  hiddenAttr: string | undefined,
  cls: string | undefined,
  id: string | undefined,
  rules: readonly HidingSelector[],
): string | null {
  let hidden: string | null = null;
  if (style !== undefined) hidden = hidingReason(style);
  if (hidden === null && hiddenAttr !== undefined && tag !== 'input') hidden = 'hidden attribute';
  if (hidden === null && rules.length > 0 && (cls !== undefined || id !== undefined))
    hidden = matchHiding(rules, tag, cls, id);
  return hidden;
}

function matchHiding(
  rules: readonly HidingSelector[],
  tag: string,
  cls: string | undefined,
  id: string | undefined,
): string | null {
  // Lowercased once per element, not once per rule (matchesSimple lowercases its inputs).
  const lowerClass = cls?.toLowerCase();
  const lowerId = id?.toLowerCase();
  for (const rule of rules) {
    if (matchesSimpleLower(rule, tag, lowerClass, lowerId)) {
      const name = rule.id !== null ? `#${rule.id}` : `.${rule.className ?? ''}`;
      return `${name}: ${rule.reason}`;
    }
  }
  return null;
}

/** Does one of the site's ignore selectors match the element (its subtree is then left out of text and structure)? */
export function isIgnored(
  selectors: readonly SimpleSelector[],
  tag: string,
  cls: string | undefined,
  id: string | undefined,
): boolean {
  for (const s of selectors) if (matchesSimple(s, tag, cls, id)) return true;
  return false;
}
