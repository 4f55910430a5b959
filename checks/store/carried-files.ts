import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WriteNotice } from './write-results.ts';

/**
 * A file a tick puts into the results besides statuses and histories (baselines, screenshots,
 * evidence): its bytes, a copy on disk to take them from, or null to delete it (a consumed accept
 * request). Kept apart from the results so that a retried push applies them again on the newer head.
 */
export type CarriedContent = Buffer | { readonly copyOf: string } | null;

/** Carried files by absolute path under the results dir. */
export type CarriedFiles = ReadonlyMap<string, CarriedContent>;

export async function writeCarried(files: CarriedFiles): Promise<void> {
  for (const [file, content] of files) {
    if (content === null) {
      await rm(file, { force: true });
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    if (Buffer.isBuffer(content)) await writeFile(file, content);
    else await copyFile(content.copyOf, file);
  }
}

export interface StagedFiles {
  readonly carried: Map<string, CarriedContent>;
  /** Files there but unreadable (wrong owner, a directory in their place): named, not published. */
  readonly unreadable: WriteNotice[];
  /** Removes the staged copies; call it once the results are committed and pushed. */
  dispose(): Promise<void>;
}

/**
 * Stages what the checks wrote into the results dir: each file that is there is copied into a
 * temporary directory (a retried push resets the results dir, and the copies put them back), and
 * each that is not becomes a deletion when `deleted(file)` says its absence is one. On disk, not in
 * memory: 10,000 sites' baselines and screenshots are 100 MB and more, which a run that read them
 * back held as buffers at its end, its peak (bench:check).
 */
export async function stageCarried(files: readonly string[], deleted: (file: string) => boolean): Promise<StagedFiles> {
  const carried = new Map<string, CarriedContent>();
  const unreadable: WriteNotice[] = [];
  let stage: string | null = null;
  for (const [index, file] of files.entries()) {
    stage ??= await mkdtemp(path.join(tmpdir(), 'canhgac-carried-'));
    const copy = path.join(stage, String(index));
    try {
      await copyFile(file, copy);
      carried.set(file, { copyOf: copy });
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      // Absence is the one failure that means "not there"; any other is named, never taken for a deletion.
      if (code === 'ENOENT') {
        if (deleted(file)) carried.set(file, null);
      } else unreadable.push({ file, message: `could not be read (${code ?? message}); not published with this run` });
    }
  }
  const dir = stage;
  return { carried, unreadable, dispose: async () => (dir ? rm(dir, { recursive: true, force: true }) : undefined) };
}
