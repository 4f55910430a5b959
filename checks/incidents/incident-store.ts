import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  InternalIncidentSchema,
  PublicIncidentSchema,
  SiteTracksSchema,
  type InternalIncident,
  type PublicIncident,
  type SiteTracks,
} from '../schemas/incident.ts';
import { toJson, writeFileAtomic } from '../store/atomic-write.ts';
import { dataPaths } from '../store/data-paths.ts';
import { emptyTrack } from './step-track.ts';

export function emptySiteTracks(siteId: string): SiteTracks {
  return { siteId, tracks: { availability: emptyTrack(), defacement: emptyTrack(), tls: emptyTrack() } };
}

/**
 * Reads a JSON record; null when absent. A file that does not parse is an error naming the file:
 * incident memory is what prevents duplicate issues, so it is never silently dropped.
 */
async function readRecord<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file}: not valid JSON (${(error as Error).message}); fix or delete it (the open issue is found again by its marker)`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}; fix or delete it (the open issue is found again by its marker)`,
    );
  }
  return parsed.data;
}

/** Writes only when the content changed: a healthy site's files must not churn git every run. */
async function writeRecord(file: string, value: unknown, previousText: string | null): Promise<boolean> {
  const text = toJson(value);
  if (text === previousText) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
  return true;
}

export interface IncidentStore {
  readTracks(siteId: string): Promise<SiteTracks>;
  /** Returns the file when it was written. */
  writeTracks(tracks: SiteTracks): Promise<string | null>;
  readPublic(incidentId: string): Promise<PublicIncident | null>;
  writePublic(incident: PublicIncident): Promise<string | null>;
  readInternal(incidentId: string): Promise<InternalIncident | null>;
  writeInternal(incident: InternalIncident): Promise<string | null>;
}

export function createIncidentStore(dataDir: string): IncidentStore {
  const paths = dataPaths(dataDir);
  const texts = new Map<string, string | null>();
  const load = async <S extends z.ZodType>(file: string, schema: S) => {
    const value = await readRecord(file, schema);
    texts.set(file, value === null ? null : toJson(value));
    return value;
  };
  const save = async (file: string, value: unknown) => {
    // The text on disk decides whether writing changes anything; only a missing file is "no text".
    if (!texts.has(file)) {
      texts.set(
        file,
        await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        }),
      );
    }
    const written = await writeRecord(file, value, texts.get(file) ?? null);
    if (written) texts.set(file, toJson(value));
    return written ? file : null;
  };
  return {
    async readTracks(siteId) {
      return (await load(paths.tracks(siteId), SiteTracksSchema)) ?? emptySiteTracks(siteId);
    },
    writeTracks: (tracks) => save(paths.tracks(tracks.siteId), tracks),
    readPublic: (id) => load(paths.publicIncident(id), PublicIncidentSchema),
    writePublic: (incident) => save(paths.publicIncident(incident.id), incident),
    readInternal: (id) => load(paths.internalIncident(id), InternalIncidentSchema),
    writeInternal: (incident) => save(paths.internalIncident(incident.id), incident),
  };
}
