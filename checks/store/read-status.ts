import { readFileSync } from 'node:fs';
import { StatusFileSchema, type StatusFile } from '../schemas/status.ts';
import { dataPaths } from './data-paths.ts';

/**
 * The status the last run wrote for a site, or null when there is none. A file that does not parse
 * is treated as absent: every run rewrites it whole, so nothing is lost by starting from nothing.
 * Read synchronously, like baselines (defacement/baseline-store.ts): a few KB, once per site and run.
 */
export async function readLastStatus(dataDir: string, id: string): Promise<StatusFile | null> {
  let text: string;
  try {
    text = readFileSync(dataPaths(dataDir).status(id), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = StatusFileSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}
