// @ts-check
import { defineConfig } from 'astro/config';
import { canhGacVariant } from './site/integration.mjs';

/**
 * Two static sites from one source (issue #5): `public` (citizens) and `internal` (responders),
 * chosen by CANHGAC_VARIANT. `npm run build` runs both, one after the other: `dist/public/` and
 * `dist/internal/`, each with its own content cache so the public build never sees internal data.
 * The data dir is CANHGAC_DATA (default `data`), read through content collections whose schemas are
 * the zod schemas checks/ writes with (site/content.config.ts).
 */
const variant = process.env.CANHGAC_VARIANT === 'internal' ? 'internal' : 'public';
/** Where both builds go (`<out>/public`, `<out>/internal`); tests and benchmarks build elsewhere. */
const out = process.env.CANHGAC_OUT || './dist';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/static',
  outDir: `${out}/${variant}`,
  // One content cache per output and variant: builds of other data never share a store.
  cacheDir: `./node_modules/.astro/${out.replace(/[^A-Za-z0-9]+/g, '_')}-${variant}`,
  site: process.env.CANHGAC_SITE_URL || 'https://status.example.org',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: { defaultLocale: 'vi', locales: ['vi', 'en'], routing: { prefixDefaultLocale: false } },
  integrations: [canhGacVariant({ variant })],
  devToolbar: { enabled: false },
});
