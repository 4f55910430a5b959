import { hashString } from '../hash.ts';
import { HEADING_TAGS } from './zone-text.ts';

/** Text inside these is never visible text. */
const NO_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'head',
  'svg',
  'math',
  'object',
  'iframe',
]);
/**
 * Phrasing tags left out of the structure: they follow the wording of articles, which rotate; the
 * layout (div, ul, li, a, table, img …) is what a defacement replaces.
 */
const NOT_STRUCTURE = new Set([
  'b',
  'i',
  'u',
  'em',
  'strong',
  'span',
  'font',
  'br',
  'wbr',
  'small',
  'sup',
  'sub',
  'abbr',
  's',
  'strike',
  'mark',
  'code',
  'big',
  'center',
  'option',
  'optgroup',
  'path',
  'g',
  'use',
  'circle',
  'rect',
  'polygon',
  'line',
  'defs',
  'symbol',
  'lineargradient',
  'stop',
  'clippath',
  'source',
  'track',
  'param',
  'nobr',
  'cite',
  'q',
  'time',
]);

/** What the model needs to know of a tag name, whatever its attributes. */
export interface TagKind {
  readonly hash: number;
  /** Layout, counted in the structure (see NOT_STRUCTURE). */
  readonly structural: boolean;
  /** Its text is never visible text (see NO_TEXT). */
  readonly noText: boolean;
  /** A heading or banner (see zone-text.ts's HEADING_TAGS). */
  readonly heading: boolean;
}

/**
 * Tag kinds of one page: a hash and three Set lookups once per name. streamTags asks for a name's
 * kind once per page (TagHandler.kindOf), or at every element for the names it does not intern
 * (long, non-ASCII, or past a hostile page's hundredth): this Map answers those. Per page, not per
 * process, so hostile pages with made-up tag names cannot grow it forever.
 */
export class TagKinds {
  readonly #byName = new Map<string, TagKind>();

  of(tag: string): TagKind {
    let kind = this.#byName.get(tag);
    if (kind === undefined) {
      kind = {
        hash: hashString(tag),
        structural: !NOT_STRUCTURE.has(tag),
        noText: NO_TEXT.has(tag),
        heading: HEADING_TAGS.has(tag),
      };
      this.#byName.set(tag, kind);
    }
    return kind;
  }
}
