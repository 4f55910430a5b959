/**
 * How cloaking spam is seen: as Google's crawler, and as a visitor arriving from a Google search.
 * Real Vietnamese portals have served betting pages only to these (shared/REFERENCE.md).
 */
export const GOOGLEBOT_USER_AGENT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** A browser's user agent for the search-visitor variant: cloaking kits key on the pair. */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export type VariantName = 'googlebot' | 'googleReferer';

/** Request headers for each variant of a site's page. */
export function variantHeaders(siteUrl: string): Record<VariantName, Record<string, string>> {
  const host = new URL(siteUrl).hostname;
  return {
    googlebot: { 'user-agent': GOOGLEBOT_USER_AGENT },
    googleReferer: {
      'user-agent': BROWSER_USER_AGENT,
      referer: `https://www.google.com/search?q=${encodeURIComponent(host)}`,
    },
  };
}

/**
 * Whether this run fetches a site's variants: every `every`-th run, spread over sites by a hash of
 * the id so the extra requests are even across runs; always when there is no baseline yet.
 */
export function isVariantRun(id: string, rotation: number, every: number): boolean {
  if (every <= 1) return true;
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return (rotation + hash) % every === 0;
}
