import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { pruneOutput } from '../../site/prune-output.mjs';
import { listFiles } from '../support/scan-output.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('removes files this build neither produced nor wrote, and the folders they leave empty', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-prune-'));
  const since = Date.now();
  const old = new Date(since - 60_000);
  const files = {
    'site/kept/index.html': old, // produced again (kept by the incremental build): listed
    'site/gone/index.html': old, // a site that left the registry
    'badge/gone.json': old,
    '_astro/status.OLD.css': old, // an earlier build's asset
    '_astro/status.NEW.css': new Date(since + 1_000), // written by this build
  };
  for (const [file, at] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), file);
    await utimes(path.join(dir, file), at, at);
  }
  const removed = await pruneOutput(dir, new Set([path.join(dir, 'site/kept/index.html')]), since);
  expect(removed).toEqual(['_astro/status.OLD.css', 'badge/gone.json', 'site/gone/index.html']);
  expect(await listFiles(dir)).toEqual(['_astro/status.NEW.css', 'site/kept/index.html']);
  expect((await readdir(path.join(dir, 'site'))).sort()).toEqual(['kept']);
  expect(await readdir(dir)).not.toContain('badge');
});

test('a missing output dir is nothing to prune', async () => {
  expect(await pruneOutput(path.join(os.tmpdir(), 'canhgac-prune-none', 'x'), new Set(), Date.now())).toEqual([]);
});
