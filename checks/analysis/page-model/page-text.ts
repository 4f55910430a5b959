const NOT_BLANK = /[^\s\u200b-\u200d\u2060\ufeff]/;

/**
 * The text a visitor sees, the text hidden elements hold, and img alt texts, as raw parts joined
 * once at the end. Element boundaries separate words (`<td>a</td><td>b</td>` is "a b"), but a
 * space is written only before the next text, so none pile up between tags.
 */
export class PageText {
  readonly #visible: string[] = [];
  readonly #hidden: string[] = [];
  readonly #alt: string[] = [];
  #spaceBeforeVisible = false;
  #spaceBeforeHidden = false;

  /** An element opened or closed, in visible text (`hidden` null) or in hidden text. */
  boundary(hidden: string | null): void {
    if (hidden === null) this.#spaceBeforeVisible = true;
    else this.#spaceBeforeHidden = true;
  }

  /** Adds a text node; false when it is blank (then it only separates words, like a boundary). */
  add(data: string, hidden: string | null): boolean {
    // Indentation between tags is most text nodes.
    if (isBlank(data)) {
      this.boundary(hidden);
      return false;
    }
    if (hidden === null) {
      if (this.#spaceBeforeVisible) this.#visible.push(' ');
      this.#visible.push(data);
      this.#spaceBeforeVisible = false;
    } else {
      if (this.#spaceBeforeHidden) this.#hidden.push(' ');
      this.#hidden.push(data);
      this.#spaceBeforeHidden = false;
    }
    return true;
  }

  addAlt(alt: string): void {
    this.#alt.push(alt);
  }

  /** Raw, to be normalised: visible text, hidden text, alt texts joined by " | ". */
  joined(): { readonly visible: string; readonly hidden: string; readonly alt: string } {
    return { visible: this.#visible.join(''), hidden: this.#hidden.join(''), alt: this.#alt.join(' | ') };
  }
}

/**
 * `!NOT_BLANK.test(data)` without a regex run for the usual cases: indentation between tags is
 * ASCII whitespace, and most text starts with a printable ASCII character.
 */
export function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80) return false;
    return !NOT_BLANK.test(data);
  }
  return true;
}
