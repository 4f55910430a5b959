// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';
import { canhGacVariant } from './site/integration.mjs';

/**
 * Two static sites from one source (issue #5): `public` (citizens) and `internal` (responders),
 * chosen by CANHGAC_VARIANT. `npm run build` runs both, one after the other: `dist/public/` and
 * `dist/internal/`, each with its own content cache so the public build never sees internal data.
 * The registry is CANHGAC_DATA (default `data`) and the results the results branch's worktree
 * (`data/results`, or CANHGAC_DATA itself in the flat layout: checks/store/data-location.ts), read through content collections whose schemas are
 * the zod schemas checks/ writes with (site/content.config.ts).
 */
const variant = process.env.CANHGAC_VARIANT === 'internal' ? 'internal' : 'public';
/** Where both builds go (`<out>/public`, `<out>/internal`); tests and benchmarks build elsewhere. */
const out = process.env.CANHGAC_OUT || './dist';

/** The public address: CANHGAC_SITE_URL, else `public_url` in config.yml (feeds, badges and Open Graph need absolute links). */
function siteUrl() {
  if (process.env.CANHGAC_SITE_URL) return process.env.CANHGAC_SITE_URL;
  try {
    const config = parse(readFileSync(path.join(process.env.CANHGAC_DATA || 'data', 'config.yml'), 'utf8'));
    if (typeof config?.public_url === 'string') return config.public_url;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  return 'https://status.example.org';
}

export default defineConfig({
  srcDir: './site',
  publicDir: './site/static',
  outDir: `${out}/${variant}`,
  // One content cache per output and variant: builds of other data never share a store.
  cacheDir: `./node_modules/.astro/${out.replace(/[^A-Za-z0-9]+/g, '_')}-${variant}`,
  site: siteUrl(),
  trailingSlash: 'always',
  // The stylesheet and the script (site/components/Enhance.astro) are files every page links, not
  // copies in each page: at 10,000 sites there are over 40,000 pages, and 11 KB inline in each was
  // half a gigabyte. Their names carry a content hash, so browsers and Pages' CDN keep them.
  // concurrency 1: the incremental build below requires it (it is also Astro's default).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 1 },
  i18n: { defaultLocale: 'vi', locales: ['vi', 'en'], routing: { prefixDefaultLocale: false } },
  integrations: [canhGacVariant({ variant })],
  devToolbar: { enabled: false },
  // The output dir is kept between builds (site/integration.mjs removes what a build did not produce):
  // an unchanged page is then already in place, not copied back from the incremental cache.
  // Scripts are always files of their own, never inlined (Vite inlines chunks under 4 KB): the
  // internal site pages' per-run script (components/internal/InternalSiteDetails.astro) would
  // otherwise be a copy in each of 20,000 pages.
  vite: { build: { emptyOutDir: false, assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) } },
  experimental: {
    // Pages whose getStaticPaths() entry carries a cacheKey (site/data/page-paths.ts: site, group and
    // incident pages, badges) are not rendered again when the key and their code are unchanged: the
    // previous output is kept. The manifest and the copies live in cacheDir (incremental-build.json,
    // dist/), which the tick workflow keeps between runs; `astro build --force` ignores them.
    incrementalBuild: true,
  },
});
