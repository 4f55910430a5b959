import { getDomain } from 'tldts';

/**
 * Registrable domains ("hanoi.gov.vn", "abc.github.io"): the unit a defacer cannot share with the
 * site. Private suffixes count (github.io, blogspot.com), so two GitHub Pages sites are different
 * domains. IP addresses and single-label hosts are their own domain.
 */

const HOST_OF_URL = /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:\\]+)/i;

/** The lowercase host of an absolute or protocol-relative URL, or null for relative references. */
export function hostOf(url: string): string | null {
  // Relative references (most links of a page) have no "//": ruled out without trim and regex.
  if (!url.includes('//')) return null;
  const m = HOST_OF_URL.exec(url.trim());
  if (!m) return null;
  const lower = m[1]!.toLowerCase();
  const host = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  return host === '' ? null : host;
}

/** The registrable domain of a host name (or the host itself when it has none, e.g. an IP). */
export function domainOfHost(host: string, cache?: Map<string, string>): string {
  const hit = cache?.get(host);
  if (hit !== undefined) return hit;
  const domain = getDomain(host, { allowPrivateDomains: true, extractHostname: false }) ?? host;
  cache?.set(host, domain);
  return domain;
}

/** The registrable domain of an absolute URL, or null for relative references and non-network schemes. */
export function domainOfUrl(url: string, cache?: Map<string, string>): string | null {
  const host = hostOf(url);
  return host === null ? null : domainOfHost(host, cache);
}
