import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Baseline } from '../analysis/baseline.ts';
import { BaselineFileSchema } from '../schemas/baseline.ts';
import { toJson, writeFileAtomic } from '../store/atomic-write.ts';
import { dataPaths } from '../store/data-paths.ts';
import { moveAside } from '../store/move-aside.ts';
import { describeIssues } from '../schemas/describe-issues.ts';

export interface StoredBaseline {
  readonly baseline: Baseline | null;
  /** Set when a file was there but did not parse: it was moved aside, and this says where. */
  readonly notice: string | null;
  /** Where the damaged file was moved (absolute path); null when nothing was lost. */
  readonly movedTo: string | null;
}

/**
 * Reads a site's baseline. A file that does not parse is moved aside (never overwritten, never
 * silently trusted) and the site starts over on trust-on-first-use, with a notice.
 *
 * Read synchronously: one call of about 30 µs for 10 KB in the page cache, where `readFile` makes
 * four thread-pool round trips (open, stat, read, close) that queue behind the probes' gunzip work.
 */
export async function readBaseline(dataDir: string, id: string, stamp: string): Promise<StoredBaseline> {
  const file = dataPaths(dataDir).baseline(id);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { baseline: null, notice: null, movedTo: null };
    throw error;
  }
  let problem: string;
  try {
    const parsed = BaselineFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { baseline: parsed.data, notice: null, movedTo: null };
    problem = describeIssues(parsed.error.issues);
  } catch (error) {
    problem = (error as Error).message;
  }
  const aside = await moveAside(file, stamp);
  return {
    baseline: null,
    notice: `${file}: baseline did not parse (${problem}); moved to ${aside}, the next clean observation becomes the baseline`,
    movedTo: aside,
  };
}

export async function writeBaseline(dataDir: string, id: string, baseline: Baseline): Promise<void> {
  await writeFileAtomic(dataPaths(dataDir).baseline(id), toJson(baseline));
}

export interface StoredScreenshot {
  readonly screenshot: Buffer | null;
  /** Set when the file is there but could not be read (EACCES, EISDIR, EIO, …): says which and why. */
  readonly notice: string | null;
}

/**
 * A site's baseline screenshot. None is absence (ENOENT): the capture is a first sight. A file that
 * cannot be read is not absence: the capture goes ahead without a comparison, and the notice says so;
 * the file is left alone (only a new baseline replaces it).
 */
export async function readBaselineScreenshot(dataDir: string, id: string): Promise<StoredScreenshot> {
  const file = dataPaths(dataDir).baselineScreenshot(id);
  try {
    return { screenshot: await readFile(file), notice: null };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return { screenshot: null, notice: null };
    return {
      screenshot: null,
      notice: `${file}: the baseline screenshot could not be read (${code ?? message}); this run's screenshot was not compared with it`,
    };
  }
}

export async function writeBaselineScreenshot(dataDir: string, id: string, webp: Buffer): Promise<void> {
  await writeFileAtomic(dataPaths(dataDir).baselineScreenshot(id), webp);
}
