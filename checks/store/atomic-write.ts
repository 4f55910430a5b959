import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers (and a run killed at any instant) see either the old or the new
 * content, never a torn one: write a temp file beside it, then rename over the target.
 * No fsync: the threat is a killed CI job, not a power cut, and 1,000 fsyncs would dominate a run.
 */
let sequence = 0;

export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: { dirExists?: boolean } = {},
): Promise<void> {
  const dir = path.dirname(file);
  if (!options.dirExists) await mkdir(dir, { recursive: true });
  // pid + a counter: unique among concurrent writers in this process and across processes.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${sequence++}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** JSON as the data contract writes it: two-space indent, trailing newline (friendly to git diffs). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
