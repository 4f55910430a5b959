import { createHash } from 'node:crypto';

/**
 * A page's `cacheKey` for Astro's incremental build (astro.config.mjs `experimental.incrementalBuild`):
 * a digest of exactly the data the page renders, passed in the order the page reads it. Astro skips
 * a page whose key and code are unchanged and keeps its previous output, so a key that leaves out
 * something the page shows serves stale pages: build the key from the page's own props. Pure.
 */
export function pageKey(...parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}
