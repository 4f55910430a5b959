/**
 * The visible text of one kind of element (headings, links), each element's text one entry, the
 * entries joined by " | ". Where a phrase stands tells a claim from a mention: "hacked by" in an
 * <h1> is a defacer's claim, in the text of a link in a news list a headline about an attack.
 * Collection stops at `maxChars` (a hostile page's millions of links add nothing after the first
 * thousands).
 */
export class ZoneText {
  // Appended to one string: V8 keeps appends as a rope, flattened once when the text is read.
  #text = '';
  #open = false;
  readonly #maxChars: number;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** Text inside the zone, visible and not blank-only (the caller has checked); words across text nodes are kept apart by a space. */
  add(data: string): void {
    const room = this.#maxChars - this.#text.length;
    if (room <= 0) return;
    const part = data.length > room ? data.slice(0, room) : data;
    if (this.#open) this.#text += ` ${part}`;
    else {
      this.#text += this.#text === '' ? part : `${ENTRY_SEPARATOR}${part}`;
      this.#open = true;
    }
  }

  /** The zone's element closed: the next text starts a new entry. */
  end(): void {
    this.#open = false;
  }

  /** Raw, to be normalised. */
  joined(): string {
    return this.#text;
  }
}

const ENTRY_SEPARATOR = ' | ';

/** Headings and banners: where a page says what it is (and a defacer what he did). */
export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'marquee']);

/** Headings' text kept: a portal's are a few hundred characters; a news list's headings can be more. */
export const MAX_HEADING_TEXT = 8 * 1024;
/** Link texts kept: a portal home page's links are 2,000–15,000 characters of text. */
export const MAX_LINK_TEXT = 64 * 1024;
