import type { HiddenLink, OffsiteLink } from '../page-model.ts';
import { truncateEvidence } from '../text-fold.ts';

const MAX_OFFSITE_LINKS = 300;
const MAX_HIDDEN_LINKS = 50;
const MAX_LINK_TEXT = 200;

interface Anchor {
  readonly href: string;
  readonly domain: string;
  readonly hidden: string | null;
  text: string;
}

/**
 * Links to other registrable domains with their text (spam anchor text), and those of them that
 * are hidden. Their text is collected while they are open: every text node and img alt inside.
 */
export class OffsiteLinks {
  readonly #open: Anchor[] = [];
  readonly #closed: Anchor[] = [];

  /** Starts a link; returns the index its descendants carry (`OpenElement.anchor`) to add their text. */
  open(href: string, domain: string, hidden: string | null): number {
    this.#open.push({ href, domain, hidden, text: '' });
    return this.#open.length - 1;
  }

  addText(index: number, chunk: string): void {
    const anchor = this.#open[index]!;
    if (anchor.text.length < MAX_LINK_TEXT) anchor.text += chunk;
  }

  close(index: number): void {
    if (this.#closed.length < MAX_OFFSITE_LINKS) this.#closed.push(this.#open[index]!);
  }

  /** The closed links in document order (streamTags closes every element), text normalised. */
  finish(): { readonly offsiteLinks: OffsiteLink[]; readonly hiddenLinks: HiddenLink[] } {
    const offsiteLinks: OffsiteLink[] = [];
    const hiddenLinks: HiddenLink[] = [];
    // One normalisation call for all texts (one string, split again): 300 small calls cost more.
    const texts = normaliseLines(this.#closed.map((a) => a.text.replace(/[\n\r]/g, ' ')));
    this.#closed.forEach((a, i) => {
      const text = texts[i]!.slice(0, MAX_LINK_TEXT);
      offsiteLinks.push({ domain: a.domain, text, hidden: a.hidden !== null });
      if (a.hidden !== null && hiddenLinks.length < MAX_HIDDEN_LINKS) {
        hiddenLinks.push({
          href: truncateEvidence(a.href),
          domain: a.domain,
          text: truncateEvidence(text),
          reason: a.hidden,
        });
      }
    });
    return { offsiteLinks, hiddenLinks };
  }
}

/** normaliseText over many short strings at once (none may contain a line break). */
export function normaliseLines(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return lines
    .join('\n')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\S\n]+|[\u00a0\u200b-\u200d\u2060\ufeff]+/g, ' ')
    .split('\n')
    .map((l) => l.trim());
}
