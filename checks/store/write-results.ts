import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HistoryFileSchema, type HistoryFile } from '../schemas/history.ts';
import type { StatusFile } from '../schemas/status.ts';
import { mapPool } from '../run/pool.ts';
import { toJson, writeFileAtomic } from './atomic-write.ts';
import { dataPaths } from './data-paths.ts';
import { moveAside } from './move-aside.ts';
import { emptyHistory, recordCheck } from './record-history.ts';
import { describeIssues } from '../schemas/describe-issues.ts';

export interface WriteNotice {
  readonly file: string;
  readonly message: string;
}

/**
 * Writes each site's latest status and folds it into its history, every file atomically.
 * A history file that does not parse is moved aside (kept, never overwritten) and restarted, with a
 * notice naming both files.
 */
export async function writeResults(
  dataDir: string,
  statuses: readonly StatusFile[],
  timeZone: string,
  stamp: string,
): Promise<WriteNotice[]> {
  const paths = dataPaths(dataDir);
  const notices: WriteNotice[] = [];
  await mkdir(path.dirname(paths.status('x')), { recursive: true });
  await mkdir(path.dirname(paths.history('x')), { recursive: true });
  await mapPool(statuses, 32, async (status) => {
    const historyFile = paths.history(status.id);
    const previous = await readHistory(historyFile, status.id, stamp, notices);
    const history = recordCheck(previous, status, timeZone);
    await writeFileAtomic(paths.status(status.id), toJson(status), { dirExists: true });
    await writeFileAtomic(historyFile, formatHistory(history), { dirExists: true });
  });
  return notices;
}

async function readHistory(file: string, id: string, stamp: string, notices: WriteNotice[]): Promise<HistoryFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyHistory(id);
    throw error;
  }
  let problem: string;
  try {
    const parsed = HistoryFileSchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.id === id) return parsed.data;
    problem = parsed.success ? `its id is "${parsed.data.id}", not "${id}"` : describeIssues(parsed.error.issues);
  } catch (error) {
    problem = (error as Error).message;
  }
  const aside = await moveAside(file, stamp);
  notices.push({ file, message: `history did not parse (${problem}); moved to ${aside} and started afresh` });
  return emptyHistory(id);
}

/**
 * History JSON with one day or event per line: readable, and git stores a day's change as a small delta.
 */
export function formatHistory(history: HistoryFile): string {
  const lines = (items: readonly unknown[]) =>
    items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "id": ${JSON.stringify(history.id)},`,
    `  "state": ${JSON.stringify(history.state)},`,
    `  "since": ${JSON.stringify(history.since)},`,
    `  "today": ${JSON.stringify(history.today)},`,
    `  "days": ${lines(history.days)},`,
    `  "events": ${lines(history.events)}`,
    '}',
    '',
  ].join('\n');
}
