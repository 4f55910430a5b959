import { lstat } from 'node:fs/promises';

/**
 * Whether something is at `file` (a link counts, even a dangling one). Only ENOENT means absence:
 * a path that cannot be looked at (EACCES, EIO, …) throws, so that it is never taken for a deletion
 * or a free name.
 */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
