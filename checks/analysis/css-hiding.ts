/**
 * Does a CSS declaration list hide its element from visitors? Spam injectors hide link blocks with
 * inline styles or with a class defined in an inline <style>: display:none, visibility:hidden,
 * off-screen positioning, zero font size, 0–2 px boxes with overflow hidden, opacity 0, text-indent
 * far off-screen. Only what a human visitor would not see counts, not what a script may reveal later.
 */

/** Why a declaration list hides, or null. Input: the raw `style` attribute or rule body. */
const MAYBE_HIDING = /none|hidden|collapse|opacity|font-size|position|indent|clip/i;

export function hidingReason(declarations: string): string | null {
  // Most inline styles (widths, colours, floats) cannot hide anything: one scan rules them out.
  if (!MAYBE_HIDING.test(declarations)) return null;
  const css = declarations.toLowerCase();
  if (/display\s*:\s*none/.test(css)) return 'display:none';
  if (/visibility\s*:\s*(hidden|collapse)/.test(css)) return 'visibility:hidden';
  if (/(?:^|[;\s{])opacity\s*:\s*0*(?:\.0+)?\s*(?:[;!}]|$)/.test(css)) return 'opacity:0';
  if (/font-size\s*:\s*0+(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:[;!}]|$)/.test(css)) return 'font-size:0';
  if (/position\s*:\s*(absolute|fixed)/.test(css) && /(?:^|[;\s{])(left|top|right)\s*:\s*-\s*\d{3,}/.test(css))
    return 'off-screen';
  if (/text-indent\s*:\s*-\s*\d{3,}/.test(css)) return 'off-screen text-indent';
  if (
    /overflow\s*:\s*hidden/.test(css) &&
    /(?:^|[;\s{])(height|width)\s*:\s*[0-2](?:\.\d+)?(?:px)?\s*(?:[;!}]|$)/.test(css)
  ) {
    return 'tiny box';
  }
  if (
    /clip\s*:\s*rect\(\s*0(px)?\s*,?\s*0(px)?\s*,?\s*0(px)?\s*,?\s*0(px)?\s*\)/.test(css) &&
    /position\s*:\s*absolute/.test(css)
  ) {
    return 'clipped';
  }
  return null;
}

/** One simple selector a hiding rule applies to: tag, .class, #id, tag.class, tag#id. */
export interface HidingSelector {
  readonly tag: string | null;
  readonly className: string | null;
  readonly id: string | null;
  readonly reason: string;
}

const SIMPLE_SELECTOR = /^([a-z][a-z0-9-]*)?(?:\.(-?[_a-z][\w-]*)|#(-?[_a-z][\w-]*))?$/i;

/**
 * Hiding rules from an inline stylesheet, reduced to simple selectors. Compound or descendant
 * selectors are skipped except for their simple form ("div.x" yes, ".a .b" no): injected spam
 * blocks use one class or id, and a false "hidden" on legit menus costs more than a miss here.
 */
export function hidingSelectors(css: string): HidingSelector[] {
  const out: HidingSelector[] = [];
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rule = /([^{}]+)\{([^{}]*)\}/g;
  for (let m = rule.exec(withoutComments); m !== null; m = rule.exec(withoutComments)) {
    const reason = hidingReason(m[2]!);
    if (reason === null) continue;
    for (const raw of m[1]!.split(',')) {
      const s = SIMPLE_SELECTOR.exec(raw.trim());
      if (!s || (!s[1] && !s[2] && !s[3])) continue;
      const tag = s[1]?.toLowerCase() ?? null;
      // A hidden bare tag rule (e.g. "template{display:none}") hides nothing that matters here.
      if (tag !== null && !s[2] && !s[3]) continue;
      out.push({ tag, className: s[2]?.toLowerCase() ?? null, id: s[3]?.toLowerCase() ?? null, reason });
    }
  }
  return out;
}

/** Minimal matcher for simple selectors (tag, .class, #id, tag.class, tag#id) against one element. */
export interface SimpleSelector {
  readonly tag: string | null;
  readonly className: string | null;
  readonly id: string | null;
}

/** Parses a per-site ignore selector; null when it is not a simple selector. */
export function parseSimpleSelector(selector: string): SimpleSelector | null {
  const s = SIMPLE_SELECTOR.exec(selector.trim());
  if (!s || (!s[1] && !s[2] && !s[3])) return null;
  return { tag: s[1]?.toLowerCase() ?? null, className: s[2]?.toLowerCase() ?? null, id: s[3]?.toLowerCase() ?? null };
}

/** Does the selector match an element with this tag, class attribute and id? */
export function matchesSimple(
  selector: SimpleSelector,
  tag: string,
  classAttr: string | undefined,
  id: string | undefined,
): boolean {
  return matchesSimpleLower(selector, tag, classAttr?.toLowerCase(), id?.toLowerCase());
}

/**
 * matchesSimple for a class attribute and id already lowercased: when many rules are tried on one
 * element (every element of a page with inline hiding rules), the attribute is lowercased once.
 */
export function matchesSimpleLower(
  selector: SimpleSelector,
  tag: string,
  cls: string | undefined,
  id: string | undefined,
): boolean {
  if (selector.tag !== null && selector.tag !== tag) return false;
  if (selector.id !== null && id !== selector.id) return false;
  if (selector.className !== null) {
    if (cls === undefined) return false;
    const at = cls.indexOf(selector.className);
    if (at < 0) return false;
    // Whole-token match: split only when the name occurs at all (hot path).
    return cls.split(/\s+/).includes(selector.className);
  }
  return true;
}
