import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.ts';

/**
 * "Take the next observation as the new baseline": a marker file `DIR/baselines/<id>.accept`, written
 * by `npm run baseline -- accept <id>` (and by responders' labels in issue #4), consumed by the next
 * run that observes the site. A file, not a flag in the baseline, so requesting never rewrites a baseline.
 */
export function acceptMarkerPath(dataDir: string, id: string): string {
  return path.join(dataDir, 'baselines', `${id}.accept`);
}

export async function requestBaselineAccept(dataDir: string, id: string, requestedAt: Date, by: string): Promise<string> {
  const file = acceptMarkerPath(dataDir, id);
  await writeFileAtomic(file, `${JSON.stringify({ requestedAt: requestedAt.toISOString(), by })}\n`);
  return file;
}

export async function hasAcceptRequest(dataDir: string, id: string): Promise<boolean> {
  try {
    await access(acceptMarkerPath(dataDir, id));
    return true;
  } catch {
    return false;
  }
}

export async function clearAcceptRequest(dataDir: string, id: string): Promise<void> {
  await rm(acceptMarkerPath(dataDir, id), { force: true });
}
