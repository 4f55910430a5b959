import { Tokenizer } from 'htmlparser2';
import { domainOfHost } from '../analysis/registrable-domain.ts';

const MAX_CANDIDATES = 2_000;

/** A page listed in a sitemap, with its `<lastmod>` when the sitemap gives one. */
export interface SitemapPage {
  readonly url: string;
  readonly lastmod: string | null;
}

/**
 * `<loc>` entries of a sitemap: pages (with `<lastmod>`) from a `<urlset>`, child sitemaps from a
 * `<sitemapindex>`. Tolerant: a broken sitemap yields what could be read.
 *
 * On htmlparser2's Tokenizer, not its Parser: the Parser keeps its element stack with
 * unshift/shift, so a hostile "sitemap" of 100,000 nested elements took 15 s of the run's main
 * thread (quadratic); here the stack is pushed and popped at its end, and a close tag that does
 * not match the innermost element is ignored (XML has no implied ends).
 */
export function parseSitemap(xml: string): { pages: SitemapPage[]; sitemaps: string[] } {
  const pages: SitemapPage[] = [];
  const sitemaps: string[] = [];
  const stack: string[] = [];
  let text = '';
  let loc: string | null = null;
  let lastmod: string | null = null;
  let opening = '';
  const open = () => {
    stack.push(opening);
    text = '';
    if (opening === 'url' || opening === 'sitemap') [loc, lastmod] = [null, null];
  };
  const close = (name: string) => {
    if (stack[stack.length - 1] !== name) return;
    stack.pop();
    if (name === 'loc') loc = text.trim();
    else if (name === 'lastmod') lastmod = text.trim() || null;
    else if (loc && pages.length + sitemaps.length < MAX_CANDIDATES) {
      if (name === 'sitemap') sitemaps.push(loc);
      else if (name === 'url') pages.push({ url: loc, lastmod });
    }
    text = '';
  };
  const callbacks: Callbacks = {
    onopentagname(start, end) {
      opening = localName(xml.slice(start, end));
    },
    onopentagend: open,
    onselfclosingtag() {
      open();
      close(opening);
    },
    onclosetag(start, end) {
      close(localName(xml.slice(start, end)));
    },
    ontext(start, end) {
      text += xml.slice(start, end);
    },
    ontextentity(codepoint) {
      text += String.fromCodePoint(codepoint);
    },
    oncdata(start, end, offset) {
      text += xml.slice(start, end - offset);
    },
    onattribname() {},
    onattribdata() {},
    onattribentity() {},
    onattribend() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    isInForeignContext: () => false,
  };
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, callbacks);
  tokenizer.write(xml);
  tokenizer.end();
  return { pages, sitemaps };
}

type Callbacks = ConstructorParameters<typeof Tokenizer>[1];

/** "image:loc" → "loc", lowercased. */
const localName = (name: string) => name.toLowerCase().replace(/^.*:/, '');

/** Child sitemaps read per sitemap read when `/sitemap.xml` is an index (WordPress, Joomla and most portals' CMSs). */
export const MAX_CHILD_SITEMAPS = 3;

/**
 * The pages a site's sitemap lists. When it is a sitemap index, up to MAX_CHILD_SITEMAPS of its
 * same-site children are read, rotating with `read` (the count of sitemap reads) so successive reads
 * cover them all; indexes nested deeper are not followed. `fetchXml` returns null for a failed fetch.
 */
export async function readSitemap(
  url: string,
  read: number,
  fetchXml: (url: string) => Promise<string | null>,
): Promise<SitemapPage[]> {
  const xml = await fetchXml(url);
  if (xml === null) return [];
  const top = parseSitemap(xml);
  if (top.sitemaps.length === 0) return top.pages;
  const base = new URL(url);
  const site = domainOfHost(base.hostname);
  const children = top.sitemaps.map((loc) => internalUrl(loc, base, site)).filter((u): u is string => u !== null);
  const bodies = await Promise.all(rotatingSample(children, MAX_CHILD_SITEMAPS, read).map(fetchXml));
  const pages = [...top.pages, ...bodies.flatMap((body) => (body === null ? [] : parseSitemap(body).pages))];
  return pages.slice(0, MAX_CANDIDATES);
}

/**
 * The sitemap pages the home page does not link to that this sitemap read fetches: the most recently
 * modified one (an injected doorway is new: it is checked within one read of appearing in the
 * sitemap), plus `count` more in rotation (`read` counts sitemap reads, so successive reads walk the
 * whole list). None when `count` is 0.
 */
export function orphanSample(orphans: readonly SitemapPage[], count: number, read: number): string[] {
  if (count <= 0 || orphans.length === 0) return [];
  let newest: SitemapPage | null = null;
  let newestAt = -Infinity;
  for (const page of orphans) {
    const at = page.lastmod === null ? NaN : Date.parse(page.lastmod);
    if (at > newestAt || (at === newestAt && newest !== null && page.url < newest.url)) [newest, newestAt] = [page, at];
  }
  const rest = orphans.map((page) => page.url).filter((url) => url !== newest?.url);
  return [...(newest ? [newest.url] : []), ...rotatingSample(rest, count, read)];
}

/**
 * Same-site links of a page (same registrable domain, http(s), no fragment), in document order,
 * unique. Candidates for sampling only, so a scan of `<a … href>` attributes is enough: it costs
 * about 0.3 ms on a 160 KB page where a second htmlparser2 pass cost 4.9 ms (the page model has
 * already parsed the page once).
 */
export function sameSiteLinks(html: string, pageUrl: string): string[] {
  const base = new URL(pageUrl);
  const site = domainOfHost(base.hostname);
  const seen = new Set<string>();
  const hrefs = new Set<string>();
  const domains = new Map<string, string>([[base.hostname, site]]);
  for (const match of html.matchAll(ANCHOR_HREF)) {
    if (seen.size >= MAX_CANDIDATES) break;
    const href = decodeBasicEntities(match[1] ?? match[2] ?? match[3] ?? '');
    if (hrefs.has(href)) continue; // menus repeat the same links
    hrefs.add(href);
    const url = internalUrl(href, base, site, domains);
    if (url) seen.add(url);
  }
  return [...seen];
}

const ANCHOR_HREF = /<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

function decodeBasicEntities(value: string): string {
  return value.includes('&')
    ? value
        .replace(/&amp;/g, '&')
        .replace(/&#38;/g, '&')
        .replace(/&quot;/g, '"')
    : value;
}

/** Keeps only http(s) URLs on the site's registrable domain, without fragment. */
export function internalUrl(href: string, base: URL, site: string, domains?: Map<string, string>): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null; // A link that is not a URL (broken or hostile markup) is simply not a page to sample.
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (domainOfHost(url.hostname, domains) !== site) return null;
  url.hash = '';
  return url.href;
}

/**
 * This run's share of the candidates: `count` consecutive ones starting where the rotation puts
 * them, so successive runs walk the whole list (a site of 500 pages sampled 2 per 5-minute run is
 * covered in about 21 hours). Pure: the rotation is the run's slot number.
 */
export function rotatingSample(candidates: readonly string[], count: number, rotation: number): string[] {
  if (candidates.length === 0 || count <= 0) return [];
  const sorted = [...new Set(candidates)].sort();
  if (sorted.length <= count) return sorted;
  const start = (rotation * count) % sorted.length;
  return Array.from({ length: count }, (_, i) => sorted[(start + i) % sorted.length]!);
}
