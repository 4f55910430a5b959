import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { MonitorIncidentFileSchema, type MonitorIncidentFile } from '../schemas/monitor-incident.ts';
import { TicksFileSchema, type TicksFile } from '../schemas/ticks.ts';
import { toJson, writeFileAtomic } from '../store/atomic-write.ts';
import { emptyMonitorState } from './monitor-track.ts';

/** A monitor file's content; `problem` says why a file that exists was not used. */
export interface Read<T> {
  readonly value: T;
  /** The file's text as read (null when absent): written again only when the content changed. */
  readonly text: string | null;
  readonly problem: string | null;
}

/**
 * `monitor/ticks.json`; none when absent. A file that does not parse is reported and replaced: ticks
 * are a record of the cadence, and a lost one costs one tick's judgement, never a crash of the tick.
 */
export function readTicks(file: string): Promise<Read<TicksFile | null>> {
  return readJson(file, TicksFileSchema, null, 'the cadence starts again from this tick');
}

/**
 * `monitor/incident.json`; the empty state when absent. A file that does not parse is reported and
 * started again: an open issue is found again by its marker, so this costs no duplicate.
 */
export function readMonitorState(file: string): Promise<Read<MonitorIncidentFile>> {
  return readJson(
    file,
    MonitorIncidentFileSchema,
    emptyMonitorState(),
    'started again (an open issue is found again by its marker)',
  );
}

/** Writes `value` unless the file already holds it; returns whether it wrote. */
export async function writeIfChanged(file: string, value: unknown, previousText: string | null): Promise<boolean> {
  const text = toJson(value);
  if (text === previousText) return false;
  await writeFileAtomic(file, text);
  return true;
}

async function readJson<S extends z.ZodType, T>(
  file: string,
  schema: S,
  absent: T,
  then: string,
): Promise<Read<z.output<S> | T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: absent, text: null, problem: null };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { value: absent, text, problem: `${file}: not valid JSON (${(error as Error).message}); ${then}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      value: absent,
      text,
      problem: `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}; ${then}`,
    };
  }
  return { value: parsed.data, text, problem: null };
}
