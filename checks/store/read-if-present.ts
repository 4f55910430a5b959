import { readFile } from 'node:fs/promises';

/**
 * A file's bytes, or null when there is no such file (ENOENT): the one kind of failure that means
 * absence. Anything else (EACCES, EISDIR, EIO, …) is thrown, so that a file that is there but cannot
 * be read is never taken for a deletion.
 */
export async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
