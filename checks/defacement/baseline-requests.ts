import { readdir, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { pathExists } from '../store/path-exists.ts';
import { dataPaths } from '../store/data-paths.ts';

const ACCEPT_SUFFIX = '.accept';

/**
 * "Take the next observation as the new baseline": a marker file `DIR/baselines/<id>.accept`, written
 * by `npm run baseline -- accept <id>` (and by responders' labels in issue #4), consumed by the next
 * run that observes the site. A file, not a flag in the baseline, so requesting never rewrites a baseline.
 */
export async function requestBaselineAccept(
  dataDir: string,
  id: string,
  requestedAt: Date,
  by: string,
): Promise<string> {
  const file = dataPaths(dataDir).acceptRequest(id);
  await writeFileAtomic(file, `${JSON.stringify({ requestedAt: requestedAt.toISOString(), by })}\n`);
  return file;
}

export async function hasAcceptRequest(dataDir: string, id: string): Promise<boolean> {
  // Only a missing marker means no request; one that cannot be looked at is an error, not a "no".
  return pathExists(dataPaths(dataDir).acceptRequest(id));
}

/**
 * Ids of every site with an accept request pending, from one listing of `DIR/baselines`: a run asks
 * once rather than probing for a marker per site (the probe nearly always failed). A request made
 * while a run is under way is taken by the next run.
 */
export async function listAcceptRequests(dataDir: string): Promise<Set<string>> {
  let names: string[];
  try {
    names = await readdir(dataPaths(dataDir).baselines);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  return new Set(
    names.filter((name) => name.endsWith(ACCEPT_SUFFIX)).map((name) => name.slice(0, -ACCEPT_SUFFIX.length)),
  );
}

export async function clearAcceptRequest(dataDir: string, id: string): Promise<void> {
  await rm(dataPaths(dataDir).acceptRequest(id), { force: true });
}
