/** One open element: what its descendants inherit. Mutable: reused for every element opened at its depth. */
export interface OpenElement {
  tag: string;
  /** Hash of the layout path down to this element (see structure-shingles.ts). */
  pathHash: number;
  /** Hiding reason inherited from this element or an ancestor; null when visible. */
  hidden: string | null;
  /** Inside a subtree the site's ignore selectors leave out. */
  ignored: boolean;
  /** Inside an element whose text is never visible text (script, head, svg …). */
  noText: boolean;
  inSvg: boolean;
  /** Index of the off-site link this element is (inside), whose text is being collected; -1 when none. */
  anchor: number;
  /** Inside a heading or banner (h1–h6, marquee). */
  inHeading: boolean;
  /** Inside a link (<a href>), own or off-site. */
  inLink: boolean;
}

const ROOT_PATH_HASH = 0x2545f491;

function documentElement(): OpenElement {
  return {
    tag: '#root',
    pathHash: ROOT_PATH_HASH,
    hidden: null,
    ignored: false,
    noText: false,
    inSvg: false,
    anchor: -1,
    inHeading: false,
    inLink: false,
  };
}

/**
 * The stack of open elements; the bottom one stands for the document. One object per depth,
 * overwritten by each element opened there: an object per element (3,300 per 200 KB) was the
 * hottest line of the extraction profile (−1 % of the analysis, measured).
 */
export class OpenElements {
  readonly #stack: OpenElement[] = [documentElement()];
  #depth = 0;

  /** The innermost open element (the document before the first one opens). */
  get current(): OpenElement {
    return this.#stack[this.#depth]!;
  }

  /** Makes the next depth current and returns its object, which still holds an earlier element: set every field. */
  enter(): OpenElement {
    this.#depth++;
    if (this.#depth === this.#stack.length) this.#stack.push(documentElement());
    return this.#stack[this.#depth]!;
  }

  /** Closes the innermost element and returns it, readable until the next `enter`. */
  leave(): OpenElement {
    const closed = this.#stack[this.#depth]!;
    this.#depth--;
    return closed;
  }
}
