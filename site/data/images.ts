import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { resolveDataLocation } from '../../checks/store/data-location.ts';

/**
 * The screenshot files the internal build copies (`DIR/baselines/*.webp`, `DIR/evidence/<id>/*.webp`),
 * as paths relative to the data dir with `/` separators, read once per build: pages link only to
 * images that exist. Empty in the public build, which copies none.
 */
let cached: Promise<ReadonlySet<string>> | null = null;
export function loadImages(): Promise<ReadonlySet<string>> {
  cached ??= (async () => {
    if (import.meta.env.CANHGAC_VARIANT !== 'internal') return new Set<string>();
    const data = resolveDataLocation({ env: process.env }).resultsDir;
    const found = new Set<string>();
    for (const name of await list(path.join(data, 'baselines')))
      if (name.endsWith('.webp')) found.add(`baselines/${name}`);
    for (const site of await list(path.join(data, 'evidence'))) {
      for (const name of await list(path.join(data, 'evidence', site)))
        if (name.endsWith('.webp')) found.add(`evidence/${site}/${name}`);
    }
    return found;
  })();
  return cached;
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
