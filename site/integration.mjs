// @ts-check
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapPool } from '../checks/run/pool.ts';
import { pruneOutput } from './prune-output.mjs';

/**
 * Tells pages which site they build (`import.meta.env.CANHGAC_VARIANT`), adds the responders' pages
 * to the internal build only (they live in site/internal/, outside site/pages/, so the public build
 * cannot route them), removes what earlier builds left in the kept output dir and this one did not
 * produce (site/prune-output.mjs), and copies into the internal output only each site's status
 * file (`/status/<id>.json`, which the site page's per-run section reads in the browser:
 * components/internal/InternalSiteDetails.astro) and the screenshots (baselines, evidence).
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
        const out = fileURLToPath(dir);
        const keep = new Set([...assets.values()].flat().map((url) => fileURLToPath(url)));
        // The results dir as checks/store/data-location.ts resolves it (this file is plain JS).
        const data = path.resolve(process.env.CANHGAC_RESULTS || process.env.CANHGAC_DATA || 'data/results');
        if (variant === 'internal') {
          for (const file of await copyStatusFiles(data, out, keep)) keep.add(file);
          for (const folder of ['baselines', 'evidence'])
            for (const file of await copyImages(path.join(data, folder), path.join(out, 'anh', folder))) keep.add(file);
        }
        const removed = await pruneOutput(out, keep, started);
        if (removed.length)
          logger.info(
            `removed ${removed.length} file(s) earlier builds left: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', …' : ''}`,
          );
      },
    },
  };
}

/**
 * Copies `<data>/status/<id>.json` to `<out>/status/<id>.json` for every site this build has a page
 * for (`/site/<id>/index.html` among `pages`, kept pages included), as the checks wrote it: a file
 * copy per site instead of a rendered page, and the page stays the same from run to run. Internal
 * output only: the raw file holds what the public build leaves out (errors, headers, evidence).
 * @param {string} data the results dir
 * @param {string} out the output dir
 * @param {ReadonlySet<string>} pages the build's output files, absolute
 * @returns {Promise<string[]>} the copies, absolute
 */
async function copyStatusFiles(data, out, pages) {
  const ids = [];
  for (const file of pages) {
    const match = /^site[/\\]([^/\\]+)[/\\]index\.html$/.exec(path.relative(out, file));
    if (match?.[1]) ids.push(match[1]);
  }
  await mkdir(path.join(out, 'status'), { recursive: true });
  // A few copies at a time: 10,000 sites, each a small file.
  const copies = await mapPool(ids, COPIES_IN_FLIGHT, async (id) => {
    const target = path.join(out, 'status', `${id}.json`);
    try {
      await copyFile(path.join(data, 'status', `${id}.json`), target);
      return [target];
    } catch (error) {
      // A site not checked yet has no status file; its page says so.
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
      return [];
    }
  });
  return copies.flat();
}

/**
 * Copies the WebP images under `from` (baseline screenshots, evidence) to the same paths under `to`,
 * only those missing there or newer than the copy: baseline models (`.json`) and accept requests stay
 * in the data dir, and an image kept from the last build is not copied again (at 10,000 sites the
 * baselines folder holds 10,000 models beside a few images, and `fs.cp` with a filter took seconds).
 * @param {string} from
 * @param {string} to
 * @returns {Promise<string[]>} every image's path under `to`, copied now or kept, absolute
 */
async function copyImages(from, to) {
  let entries;
  try {
    entries = await readdir(from, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return [];
    throw error;
  }
  const targets = entries
    .filter((e) => e.isFile() && e.name.endsWith('.webp'))
    .map((e) => path.join(e.parentPath, e.name))
    .map((source) => ({ source, target: path.join(to, path.relative(from, source)) }));
  await mapPool(targets, COPIES_IN_FLIGHT, async ({ source, target }) => {
    const [was, is] = await Promise.all([stat(target).catch(() => null), stat(source)]);
    if (was && was.size === is.size && was.mtimeMs >= is.mtimeMs) return;
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(source, target);
  });
  return targets.map(({ target }) => target);
}

/** Files copied at once into the output. */
const COPIES_IN_FLIGHT = 16;

/** Pages only responders see: [route pattern, file in site/internal/]. */
const INTERNAL_ROUTES = [
  ['/noi-bo/', 'index.astro'],
  ['/en/noi-bo/', 'index.astro'],
];
