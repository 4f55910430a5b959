// @ts-check
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pruneOutput } from './prune-output.mjs';

/**
 * Tells pages which site they build (`import.meta.env.CANHGAC_VARIANT`), adds the responders' pages
 * to the internal build only (they live in site/internal/, outside site/pages/, so the public build
 * cannot route them), removes what earlier builds left in the kept output dir and this one did not
 * produce (site/prune-output.mjs), and copies screenshots (baselines, evidence) into the internal
 * output only.
 * @param {{ variant: 'public' | 'internal' }} options
 * @returns {import('astro').AstroIntegration}
 */
export function canhGacVariant({ variant }) {
  /** When this build started writing; files older than that and not produced by it are stale. */
  let started = 0;
  return {
    name: 'canhgac-variant',
    hooks: {
      'astro:build:start': () => {
        // Two seconds of slack for file systems with coarse timestamps; the previous build ended well before.
        started = Date.now() - 2_000;
      },
      'astro:config:setup': ({ injectRoute, updateConfig }) => {
        process.env.CANHGAC_VARIANT = variant;
        updateConfig({ vite: { define: { 'import.meta.env.CANHGAC_VARIANT': JSON.stringify(variant) } } });
        if (variant !== 'internal') return;
        for (const [pattern, file] of INTERNAL_ROUTES)
          injectRoute({ pattern, entrypoint: `./site/internal/${file}`, prerender: true });
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        const keep = new Set([...assets.values()].flat().map((url) => fileURLToPath(url)));
        const removed = await pruneOutput(fileURLToPath(dir), keep, started);
        if (removed.length)
          logger.info(
            `removed ${removed.length} file(s) earlier builds left: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', …' : ''}`,
          );
        if (variant !== 'internal') return;
        // The results dir as checks/store/data-location.ts resolves it (this file is plain JS).
        const data = path.resolve(process.env.CANHGAC_RESULTS || process.env.CANHGAC_DATA || 'data/results');
        const out = fileURLToPath(dir);
        for (const folder of ['baselines', 'evidence']) {
          await mkdir(path.join(out, 'anh', folder), { recursive: true });
          await cp(path.join(data, folder), path.join(out, 'anh', folder), {
            recursive: true,
            // Images only: baseline models and accept requests stay in the data dir.
            filter: (source) => !/\.(json|accept)$/.test(source),
          }).catch((error) => {
            if (error.code !== 'ENOENT') throw error;
          });
        }
      },
    },
  };
}

/** Pages only responders see: [route pattern, file in site/internal/]. */
const INTERNAL_ROUTES = [
  ['/noi-bo/', 'index.astro'],
  ['/en/noi-bo/', 'index.astro'],
];
