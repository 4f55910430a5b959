import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { type Callbacks, isBlankUnit, tokenize } from './html-tokenizer.ts';

/**
 * A lean element-event layer over htmlparser2's tokenizer events (made by ./html-tokenizer.ts, a
 * faster copy of htmlparser2's Tokenizer that makes exactly the same calls): open/close/text events
 * with the HTML implied-end-tag rules (a <li> closes the open <li>, a <div> closes an open <p>, void
 * elements close at once), lowercase names, and only the attributes the caller asks for.
 *
 * Why not htmlparser2's Parser: on a 200 KB portal page it costs about 2.5 ms of CPU on top of the
 * tokenizer (it builds every attribute of every element and keeps its stack with unshift/shift);
 * the defacement analysis has a budget of 5 ms per 200 KB page in total. The rules below are the
 * Parser's own (openImpliesClose, void elements), minus the second-<form> quirk.
 */

/**
 * Attribute values of one element, by position in the wanted-names list (undefined when absent).
 * One array, reused for every element: read it inside `open`, never keep it.
 */
export type Attributes = readonly (string | undefined)[];

export interface TagHandler<Kind> {
  /**
   * What the handler needs to know of a tag name (lowercase), handed back to `open` with every
   * element of that name. Asked once per name and page for the names streamTags interns (see
   * `createTags`), so that the handler needs no lookup of its own per element (−1 %, measured).
   */
  kindOf(name: string): Kind;
  /**
   * Every element, including implied ones, with its name's kind; attributes limited to the wanted
   * names. First value wins.
   */
  open(name: string, kind: Kind, attrs: Attributes): void;
  /** Every element closed: explicitly, implied by another tag, void, or at the end of the document. */
  close(name: string): void;
  /**
   * Text, entities decoded (not inside script/style). Whitespace-only text in any element but
   * script and style arrives as a single space: it only separates words, and it is three text
   * nodes in four.
   */
  text(data: string): void;
}

const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ['h1', HEADINGS],
  ['h2', HEADINGS],
  ['h3', HEADINGS],
  ['h4', HEADINGS],
  ['h5', HEADINGS],
  ['h6', HEADINGS],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((tag): [string, ReadonlySet<string>] => [tag, P]),
]);

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Nesting deeper than this is hostile (or broken); deeper elements are flattened into their parent. */
const MAX_DEPTH = 512;

/** Distinct tag names interned per document (a power of two; the table is used up to half). */
const NAME_SLOTS = 256;
const MAX_INTERNED_LENGTH = 24;

/**
 * Tag names most pages use, written here as literals (V8 internalises those at compile time), so
 * that `internalise` finds them with a Map lookup instead of building an object per name and page
 * (−1 % of the analysis).
 */
const COMMON_NAMES: ReadonlyMap<string, string> = new Map(
  [
    ...OPEN_IMPLIES_CLOSE.keys(),
    ...VOID,
    'html',
    'head',
    'title',
    'script',
    'style',
    'noscript',
    'template',
    'span',
    'a',
    'b',
    'i',
    'u',
    'em',
    'strong',
    'small',
    'sup',
    'sub',
    'label',
    'iframe',
    'object',
    'svg',
    'path',
    'g',
    'use',
    'symbol',
    'defs',
    'circle',
    'rect',
    'polygon',
    'picture',
    'video',
    'audio',
    'canvas',
    'font',
    'center',
    'abbr',
    'cite',
    'code',
    'time',
    'mark',
    'caption',
  ].map((name): [string, string] => [name, name]),
);

/**
 * `name` as V8's internalised string, the same object as the literals in the sets above and in
 * callers' switches: lookups and comparisons become pointer checks.
 */
function internalise(name: string): string {
  return COMMON_NAMES.get(name) ?? Object.keys({ [name]: 0 })[0]!;
}

/**
 * The elements some start tag implicitly closes (the members of OPEN_IMPLIES_CLOSE's sets), one bit
 * each, so that "does this tag close the open element?" is a bit test, not a Set lookup per element.
 * With TagRules (whether a name is void, foreign or raw text, and what it closes, found once per
 * name and page instead of Map and Set lookups per element): −3.5 % for the page model, measured.
 */
const CLOSABLE_BITS: ReadonlyMap<string, number> = new Map(
  [...new Set([...OPEN_IMPLIES_CLOSE.values()].flatMap((closed) => [...closed]))].map((name, k) => {
    if (k > 30) throw new Error('Too many implicitly closed elements for a 31-bit mask');
    return [name, 1 << k];
  }),
);

/** What the stream needs to know of a tag name, found once per name and page, not per element. */
interface TagRules {
  /** Lowercase; internalised (see `internalise`) unless long, non-ASCII or past a page's table. */
  readonly name: string;
  readonly isVoid: boolean;
  /** svg or math: foreign content, where "/>" closes and script/style are not raw text. */
  readonly foreign: boolean;
  /** script or style: raw text unless in foreign content. */
  readonly rawText: boolean;
  /** Its bit in CLOSABLE_BITS: 0 when no start tag implicitly closes it. */
  readonly bit: number;
  /** The bits of the open elements this start tag implicitly closes (OPEN_IMPLIES_CLOSE). */
  readonly closes: number;
}

function tagRules(name: string): TagRules {
  let closes = 0;
  for (const closed of OPEN_IMPLIES_CLOSE.get(name) ?? []) closes |= CLOSABLE_BITS.get(closed)!;
  return {
    name,
    isVoid: VOID.has(name),
    foreign: name === 'svg' || name === 'math',
    rawText: name === 'script' || name === 'style',
    bit: CLOSABLE_BITS.get(name) ?? 0,
    closes,
  };
}

/** The rules of the names in COMMON_NAMES (literals, so internalised), built once per process. */
const COMMON_RULES: ReadonlyMap<string, TagRules> = new Map(
  [...COMMON_NAMES.keys()].map((name) => [name, tagRules(name)]),
);

function rulesOf(lowerName: string): TagRules {
  return COMMON_RULES.get(lowerName) ?? tagRules(lowerName);
}

const IMG_RULES = rulesOf('img');

/** A tag name as one page uses it: the stream's rules and the handler's kind. */
interface Tag<Kind> extends TagRules {
  readonly kind: Kind;
}

/**
 * The tags of one document by name, without a slice per tag: an ASCII name is hashed straight from
 * the page and found in a small open-addressing table of the names already seen (a page uses a
 * few dozen). Names that are long, non-ASCII or past the table's capacity (hostile pages) are
 * sliced, lowercased and looked up by name, and their kind asked for, at every occurrence.
 */
function createTags<Kind>(html: string, handler: TagHandler<Kind>): (start: number, end: number) => Tag<Kind> {
  const withKind = (rules: TagRules): Tag<Kind> => ({ ...rules, kind: handler.kindOf(rules.name) });
  const known: (Tag<Kind> | undefined)[] = new Array<Tag<Kind> | undefined>(NAME_SLOTS).fill(undefined);
  const mask = NAME_SLOTS - 1;
  let used = 0;
  return (start, end) => {
    const length = end - start;
    if (length > MAX_INTERNED_LENGTH) return withKind(rulesOf(html.slice(start, end).toLowerCase()));
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      let c = html.charCodeAt(i);
      if (c >= 0x80) return withKind(rulesOf(html.slice(start, end).toLowerCase()));
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      h = Math.imul(h ^ c, 0x01000193);
    }
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const tag = known[slot];
      if (tag === undefined) break;
      const name = tag.name;
      if (name.length === length) {
        let same = true;
        for (let i = 0; i < length; i++) {
          let c = html.charCodeAt(start + i);
          if (c >= 0x41 && c <= 0x5a) c |= 0x20;
          if (c !== name.charCodeAt(i)) {
            same = false;
            break;
          }
        }
        if (same) return tag;
      }
      slot = (slot + 1) & mask;
    }
    const name = html.slice(start, end).toLowerCase();
    if (used >= NAME_SLOTS / 2) return withKind(rulesOf(name));
    used++;
    const interned = withKind(rulesOf(internalise(name)));
    known[slot] = interned;
    return interned;
  };
}

/**
 * Streams `html` through `handler`. Never throws on malformed input. Attribute values are looked
 * up by position in `wantedAttributes` (lowercase names): no per-element object, no keyed property
 * reads with names sliced out of the page (those cost more than the tokenizer's own attribute work).
 */
export function streamTags<Kind>(html: string, handler: TagHandler<Kind>, wantedAttributes: readonly string[]): void {
  const stack: Tag<Kind>[] = [];
  let maxWanted = 0;
  for (const name of wantedAttributes) maxWanted = Math.max(maxWanted, name.length);
  // The wanted names by (length, first letter case-folded): most names in a page are ruled out by
  // one read, the rest compared in place, with no slice of the page (−1.5 % of the analysis).
  const wantedByShape: (number[] | undefined)[] = new Array<number[] | undefined>((maxWanted + 1) * 32).fill(undefined);
  wantedAttributes.forEach((name, i) => {
    const shape = name.length * 32 + (name.charCodeAt(0) & 31);
    const same = wantedByShape[shape];
    if (same) same.push(i);
    else wantedByShape[shape] = [i];
  });
  const values: (string | undefined)[] = wantedAttributes.map(() => undefined);
  /** Positions in `values` set for the current element (each at most once: the first value wins). */
  const set = new Int32Array(wantedAttributes.length);
  let setCount = 0;
  const tagAt = createTags(html, handler);
  /** <image> outside SVG, read as <img> (see onopentagname); made at its first use. */
  let image: Tag<Kind> | null = null;
  let foreignDepth = 0;
  /** The start tag being read, from its name to its ">". */
  let pending: Tag<Kind> | null = null;
  let attrIndex = -1;
  let attrValue = '';

  /**
   * Inside an HTML script/style (raw text: "&amp;" there is literally "&amp;"). Not an SVG or MathML
   * one: foreign content is parsed as ordinary markup, so its script may hold elements, entities
   * are decoded, and text after a child element is still the script's.
   */
  let rawText = false;
  const pop = (): void => {
    const tag = stack.pop()!;
    if (tag.foreign) foreignDepth--;
    rawText = false;
    handler.close(tag.name);
  };
  const emitOpen = (): void => {
    const tag = pending;
    if (tag === null) return;
    pending = null;
    handler.open(tag.name, tag.kind, values);
    for (let k = 0; k < setCount; k++) values[set[k]!] = undefined;
    setCount = 0;
    if (tag.isVoid || stack.length >= MAX_DEPTH) handler.close(tag.name);
    else {
      stack.push(tag);
      if (tag.foreign) foreignDepth++;
      rawText = foreignDepth === 0 && tag.rawText;
    }
  };
  /** Is the innermost open element named `name`? */
  const innermostIs = (name: string): boolean => stack.length > 0 && stack[stack.length - 1]!.name === name;

  const cbs: Callbacks = {
    onopentagname(start, end) {
      let tag = tagAt(start, end);
      if (tag.name === 'image' && foreignDepth === 0) {
        image ??= { ...IMG_RULES, kind: handler.kindOf(IMG_RULES.name) };
        tag = image;
      }
      if (tag.closes !== 0) while (stack.length > 0 && (stack[stack.length - 1]!.bit & tag.closes) !== 0) pop();
      pending = tag;
    },
    onattribname(start, end) {
      attrIndex = -1;
      const length = end - start;
      if (length > maxWanted) return;
      const candidates = wantedByShape[length * 32 + (html.charCodeAt(start) & 31)];
      if (candidates === undefined) return;
      for (const i of candidates) {
        if (!equalsAsciiCaseless(html, start, wantedAttributes[i]!)) continue;
        // The first value of a repeated attribute wins, as in browsers.
        if (values[i] === undefined) {
          attrIndex = i;
          attrValue = '';
        }
        return;
      }
    },
    onattribdata(start, end) {
      if (attrIndex >= 0) attrValue += html.slice(start, end);
    },
    onattribentity(codepoint) {
      if (attrIndex >= 0) attrValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (attrIndex >= 0) {
        values[attrIndex] = attrValue.includes('&') ? decodeHTMLAttribute(attrValue) : attrValue;
        set[setCount++] = attrIndex;
      }
      attrIndex = -1;
    },
    onopentagend() {
      emitOpen();
    },
    onselfclosingtag() {
      const tag = pending;
      emitOpen();
      // Only foreign content (SVG, MathML) honours "/>"; in HTML "<div/>" is an open tag.
      if (tag !== null && foreignDepth > 0 && innermostIs(tag.name)) pop();
    },
    onclosetag(start, end) {
      // The usual case, the innermost element closing, is seen by comparing the name in place
      // with the innermost element's, without hashing and looking it up (−2 % for the page
      // model, measured). Void elements are never on the stack.
      if (stack.length > 0 && spellsAscii(html, start, end, stack[stack.length - 1]!.name)) {
        pop();
        return;
      }
      const tag = tagAt(start, end);
      const name = tag.name;
      // A name the comparison above does not fold (not ASCII) may still be the innermost's.
      if (innermostIs(name)) {
        pop();
        return;
      }
      if (tag.isVoid) return;
      let at = stack.length - 1;
      while (at >= 0 && stack[at]!.name !== name) at--;
      if (at >= 0) while (stack.length > at) pop();
    },
    ontext(start, end, blank) {
      // Indentation between tags: no slice of the page for it (5,800 text nodes per 200 KB, 4,300
      // of them blank; −7 % of the whole analysis, measured on the corpus's large pages). The
      // innermost element, not `rawText`: an SVG <script> may hold elements, and text after them.
      // The tokenizer has mostly seen whether the text is blank; where not, it is checked here.
      const inside = stack.length > 0 ? stack[stack.length - 1]! : null;
      if ((inside === null || !inside.rawText) && (blank ?? isAsciiBlank(html, start, end))) {
        handler.text(' ');
        return;
      }
      const data = html.slice(start, end);
      // Entities are decoded here, only in the text that has them (see the tokenizer options below).
      handler.text(data.includes('&') && !rawText ? decodeHTML(data) : data);
    },
    ontextentity(codepoint) {
      handler.text(String.fromCodePoint(codepoint));
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    isInForeignContext() {
      return foreignDepth > 0;
    },
  };

  // The tokenizer does not throw on malformed input (it has no error states, only recoveries).
  // It makes the calls of htmlparser2's `new Tokenizer({ decodeEntities: false }, cbs)` given the
  // whole page in one write, in less than half its time. Without entity decoding: htmlparser2's runs
  // a state machine at every "&" of the page (a quarter of its time); decoding only the text and
  // attribute values that are used costs a fraction of that.
  tokenize(html, cbs);
  while (stack.length > 0) pop();
}

/**
 * Is html[start, end) `lowerName` with ASCII letters in any case, all of it ASCII? (Other names
 * are lowercased by the Unicode rules; they are left to the general path.)
 */
function spellsAscii(html: string, start: number, end: number, lowerName: string): boolean {
  if (end - start !== lowerName.length) return false;
  for (let i = start; i < end; i++) {
    let c = html.charCodeAt(i);
    if (c >= 0x80) return false;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lowerName.charCodeAt(i - start)) return false;
  }
  return true;
}

/** Is html[start, end) only ASCII whitespace (space, tab, line breaks, form feed, vertical tab)? */
export function isAsciiBlank(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlankUnit(html.charCodeAt(i))) return false;
  return true;
}

/**
 * Is html[start, start + lowerName.length) `lowerName` with ASCII letters in any case? HTML folds
 * only ASCII case in tag and attribute names.
 */
export function equalsAsciiCaseless(html: string, start: number, lowerName: string): boolean {
  for (let i = 0; i < lowerName.length; i++) {
    let c = html.charCodeAt(start + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}
