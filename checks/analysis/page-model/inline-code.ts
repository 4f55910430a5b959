import { hintsFromScripts, hintsFromStyles } from '../page-hints.ts';
import { normaliseText } from '../text-fold.ts';
import type { ElementHints } from './element-hints.ts';
import { resolveReference } from './resolve-reference.ts';

/** Per kind: read enough of a page's own code to find what a defacer adds, but not megabytes of bundled scripts. */
const MAX_CODE_TEXT = 400_000;
const MAX_SCRIPT_REDIRECTS = 20;

/** The text of inline <script> and <style> elements, read (never run) once the parse is over. */
export class InlineCode {
  readonly #scripts: string[] = [];
  #scriptChars = 0;
  readonly #styles: string[] = [];
  #styleChars = 0;

  addScript(data: string): void {
    if (this.#scriptChars < MAX_CODE_TEXT) {
      this.#scripts.push(data);
      this.#scriptChars += data.length;
    }
  }

  addStyle(data: string): void {
    if (this.#styleChars < MAX_CODE_TEXT) {
      this.#styles.push(data);
      this.#styleChars += data.length;
    }
  }

  /**
   * Adds the hints of the styles, then of the scripts, to `hints` (after the elements' own: the
   * first evidence of a kind wins); returns the scripts' literal redirect targets, resolved against
   * the page, and their defacer wording, normalised.
   */
  read(hints: ElementHints, pageUrl: string): { readonly redirects: string[]; readonly signatures: string[] } {
    for (const h of hintsFromStyles(this.#styles.join('\n'))) hints.add(h.kind, h.evidence);
    const found = hintsFromScripts(this.#scripts.join('\n'));
    for (const h of found.hints) hints.add(h.kind, h.evidence);
    const redirects: string[] = [];
    for (const target of found.redirects) {
      const abs = resolveReference(target, pageUrl);
      if (!redirects.includes(abs) && redirects.length < MAX_SCRIPT_REDIRECTS) redirects.push(abs);
    }
    return { redirects, signatures: found.signatures.map((e) => normaliseText(e)) };
  }
}
