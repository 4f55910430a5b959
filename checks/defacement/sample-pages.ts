import { Parser } from 'htmlparser2';
import { registrableDomain } from '../run/judge-attempt.ts';

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

/** Same-site links of a page (same registrable domain, http(s), no fragment), in document order, unique. */
export function sameSiteLinks(html: string, pageUrl: string): string[] {
  const base = new URL(pageUrl);
  const site = registrableDomain(base.hostname);
  const seen = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'a' || attributes.href === undefined || seen.size >= MAX_CANDIDATES) return;
        const url = internalUrl(attributes.href, base, site);
        if (url) seen.add(url);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return [...seen];
}

/** Keeps only http(s) URLs on the site's registrable domain, without fragment. */
export function internalUrl(href: string, base: URL, site: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (registrableDomain(url.hostname) !== site) return null;
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
