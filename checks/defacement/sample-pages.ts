import { Parser } from 'htmlparser2';
import { domainOfHost } from '../analysis/registrable-domain.ts';

const MAX_CANDIDATES = 2_000;

/**
 * `<loc>` entries of a sitemap: page URLs from a `<urlset>`, child sitemaps from a `<sitemapindex>`.
 * Tolerant: a broken sitemap yields what could be read.
 */
export function parseSitemap(xml: string): { pages: string[]; sitemaps: string[] } {
  const pages: string[] = [];
  const sitemaps: string[] = [];
  const stack: string[] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(name) {
        stack.push(name.toLowerCase().replace(/^.*:/, ''));
        text = '';
      },
      ontext(data) {
        text += data;
      },
      onclosetag() {
        const name = stack.pop();
        if (name === 'loc' && pages.length + sitemaps.length < MAX_CANDIDATES) {
          const loc = text.trim();
          if (stack.at(-1) === 'sitemap') sitemaps.push(loc);
          else if (stack.at(-1) === 'url') pages.push(loc);
        }
        text = '';
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return { pages, sitemaps };
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
  return value.includes('&') ? value.replace(/&amp;/g, '&').replace(/&#38;/g, '&').replace(/&quot;/g, '"') : value;
}

/** Keeps only http(s) URLs on the site's registrable domain, without fragment. */
export function internalUrl(href: string, base: URL, site: string, domains?: Map<string, string>): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
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
