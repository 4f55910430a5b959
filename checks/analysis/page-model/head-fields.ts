import type { MetaRefresh } from '../page-model.ts';
import { resolveReference } from './resolve-reference.ts';

/**
 * What the page says about itself: title, language, favicon, canonical URL, meta refresh. The first
 * of each wins (a defacer's second <title> or <link rel=icon> appended later does not hide the first).
 */
export class HeadFields {
  readonly #pageUrl: string;
  #title = '';
  // The first <title> with text; a later one adds nothing (an <svg> <title> never counts).
  #titleDone = false;
  #lang = '';
  #favicon: string | null = null;
  #canonical: string | null = null;
  #metaRefresh: MetaRefresh | null = null;

  constructor(pageUrl: string) {
    this.#pageUrl = pageUrl;
  }

  html(lang: string | undefined): void {
    if (this.#lang === '' && lang !== undefined) this.#lang = lang.trim().toLowerCase();
  }

  openTitle(): void {
    this.#titleDone = this.#titleDone || this.#title !== '';
  }

  titleText(data: string): void {
    if (!this.#titleDone) this.#title += data;
  }

  /** A <link>, its `rel` already lowercased. */
  link(rel: string, href: string | undefined): void {
    if (href === undefined) return;
    if (this.#favicon === null && /\bicon\b/.test(rel) && href.trim() !== '')
      this.#favicon = resolveReference(href, this.#pageUrl);
    if (this.#canonical === null && rel.split(/\s+/).includes('canonical'))
      this.#canonical = resolveReference(href, this.#pageUrl);
  }

  meta(httpEquiv: string | undefined, content: string | undefined): void {
    if (this.#metaRefresh === null && content !== undefined && (httpEquiv ?? '').toLowerCase() === 'refresh')
      this.#metaRefresh = parseRefresh(content, this.#pageUrl);
  }

  /** Title raw (to be normalised), the rest final. */
  fields(): {
    readonly title: string;
    readonly lang: string;
    readonly favicon: string | null;
    readonly canonical: string | null;
    readonly metaRefresh: MetaRefresh | null;
  } {
    return {
      title: this.#title,
      lang: this.#lang,
      favicon: this.#favicon,
      canonical: this.#canonical,
      metaRefresh: this.#metaRefresh,
    };
  }
}

/**
 * `content="5; url=https://…"` → delay and absolute target (null: the page reloads itself). A line
 * break inside the target matches too (`s`): the URL parser drops it, as browsers do, and without
 * the flag the expression failed on it and threw.
 */
export function parseRefresh(content: string, pageUrl: string): MetaRefresh {
  const m = /^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content)!;
  const delay = m[1] === undefined ? 0 : Math.floor(Number(m[1]));
  const target = (m[2] ?? '')
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .trim();
  return { delay, url: target === '' ? null : resolveReference(target, pageUrl) };
}
