import { rename } from 'node:fs/promises';
import { pathExists } from './path-exists.ts';

/**
 * Moves a data file that does not parse out of the way, to `<file>.corrupt-<stamp>` beside it, and
 * returns where it went. Never overwrites: when that name is taken (a second damaged copy in the same
 * run, or runs repeated with one `--now`), `-2`, `-3`, … is appended, so no damaged copy is lost.
 * `stamp` is the run's instant (ISO-8601); its colons and dots are dropped to keep the name portable.
 */
export async function moveAside(file: string, stamp: string): Promise<string> {
  const base = `${file}.corrupt-${stamp.replace(/[:.]/g, '')}`;
  for (let n = 1; ; n++) {
    const aside = n === 1 ? base : `${base}-${n}`;
    if (await pathExists(aside)) continue;
    await rename(file, aside);
    return aside;
  }
}
