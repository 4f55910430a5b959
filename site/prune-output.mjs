// @ts-check
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes what an earlier build left in the output dir and this one did not produce. The builds keep
 * their output dir (astro.config.mjs `vite.build.emptyOutDir: false`) so that Astro's incremental
 * build finds an unchanged page already in place instead of copying 60,000 files from its cache on
 * every tick; a site taken out of the registry must still lose its pages.
 *
 * A file stays when this build produced or kept it (`keep`: every route's output files, as Astro
 * reports them in `astro:build:done`) or when it was written during this build (`since`, ms: the
 * hashed `_astro/` files, the public dir's copies). Empty directories go too.
 * @param {string} dir
 * @param {ReadonlySet<string>} keep absolute paths
 * @param {number} since
 * @returns {Promise<string[]>} the removed files, relative to `dir`
 */
export async function pruneOutput(dir, keep, since) {
  /** @type {string[]} */
  const removed = [];
  /** @param {string} folder @returns {Promise<boolean>} whether the folder is now empty */
  const walk = async (folder) => {
    let left = 0;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (await walk(file)) await rmdir(file);
        else left += 1;
      } else if (keep.has(file) || (await stat(file)).mtimeMs >= since) {
        left += 1;
      } else {
        await rm(file);
        removed.push(path.relative(dir, file));
      }
    }
    return left === 0;
  };
  await walk(dir).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return removed.sort();
}
