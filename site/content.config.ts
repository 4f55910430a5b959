import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCollection } from 'astro:content';
import { z } from 'zod';
import { loadRegistry } from '../checks/registry/load-registry.ts';
import { mapPool } from '../checks/run/pool.ts';
import { resolveDataLocation } from '../checks/store/data-location.ts';
import { ConfigSchema } from '../checks/schemas/config.ts';
import { HistoryFileSchema } from '../checks/schemas/history.ts';
import { InternalIncidentSchema, PublicIncidentSchema } from '../checks/schemas/incident.ts';
import { MonitorIncidentFileSchema } from '../checks/schemas/monitor-incident.ts';
import { PublicStatusSchema, publicStatus } from '../checks/schemas/public-status.ts';
import { RunFileSchema } from '../checks/schemas/run.ts';
import { SiteFileSchema } from '../checks/schemas/site.ts';
import { StatusFileSchema } from '../checks/schemas/status.ts';
import { TicksFileSchema } from '../checks/schemas/ticks.ts';
import { SiteHistorySchema, siteHistory } from './lib/history-days.ts';
import { DAYS } from './lib/status-model.ts';

/**
 * The data dir as content collections, validated with the zod schemas checks/ writes with. The
 * public build gets public projections only: no contacts, responders, errors, TLS/DNS details,
 * signals, baselines or internal incident records ever enter its content store.
 */
const LOCATION = resolveDataLocation({ env: process.env });
/** Results: the results branch's worktree (`data/results`), or the flat dir named by CANHGAC_DATA. */
const DATA = LOCATION.resultsDir;
const REGISTRY = LOCATION.registryDir;
const INTERNAL = process.env.CANHGAC_VARIANT === 'internal';

/**
 * Files read at once per folder. Several collections load at the same time, so this bounds the open
 * files to a few times it at any registry size (reading all of them at once failed with EMFILE at 7,000 sites).
 */
const READ_CONCURRENCY = 32;

/** Every `*.json` in a data subfolder, parsed with the writer's schema; a bad file stops the build naming it. */
async function readJsonDir<S extends z.ZodType>(
  folder: string,
  schema: S,
): Promise<{ file: string; data: z.output<S> }[]> {
  const dir = path.join(DATA, folder);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return mapPool(names, READ_CONCURRENCY, async (name) => {
    const file = path.join(dir, name);
    const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    return { file, data: parsed.data };
  });
}

/** One JSON file of the data dir, parsed with the writer's schema; none when absent. */
async function readJsonFile<S extends z.ZodType>(relative: string, schema: S): Promise<z.output<S> | null> {
  const file = path.join(DATA, relative);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * The registry, shared by the collections that ask while it is being read (three do, at the same
 * sync); a later sync (the dev server's) reads it again. loadRegistry reads at most 32 files at once.
 */
let registryRead: ReturnType<typeof loadRegistry> | undefined;
const registry = () => {
  if (!registryRead) {
    const reading = loadRegistry(REGISTRY, { allowPrivate: true });
    registryRead = reading;
    const forget = () => {
      if (registryRead === reading) registryRead = undefined;
    };
    reading.then(forget, forget);
  }
  return registryRead;
};

const PublicSiteSchema = SiteFileSchema.omit({ contacts: true, responders: true }).extend({ id: z.string() });
const sites = defineCollection({
  loader: async () =>
    (await registry()).sites.map(({ file: _file, contacts, responders, ...site }) =>
      INTERNAL ? { ...site, contacts, responders } : site,
    ),
  schema: INTERNAL ? SiteFileSchema.extend({ id: z.string() }) : PublicSiteSchema,
});

/** The organisation, report contacts, groups and time zone; the rest of config.yml only internally. */
const config = defineCollection({
  loader: async () => {
    const c = (await registry()).config;
    return [
      INTERNAL
        ? { id: 'config', ...c }
        : {
            id: 'config',
            organisation: c.organisation,
            time_zone: c.time_zone,
            public_url: c.public_url,
            report: c.report,
            groups: c.groups,
          },
    ];
  },
  schema: INTERNAL
    ? ConfigSchema.extend({ id: z.string() })
    : ConfigSchema.pick({ organisation: true, time_zone: true, public_url: true, report: true, groups: true }).extend({
        id: z.string(),
      }),
});

const status = defineCollection({
  loader: async () =>
    (await readJsonDir('status', StatusFileSchema)).map(({ data }) => (INTERNAL ? data : publicStatus(data))),
  schema: INTERNAL ? StatusFileSchema : PublicStatusSchema,
});

/**
 * Histories as the pages read them (site/lib/history-days.ts): the last DAYS + 1 days (the site
 * page's closed days and today's window) as one string per site, when the site was first seen and
 * when its state began. A history file keeps up to 400 days and 1,000 changes; at 10,000 sites the
 * files as they are were most of the store.
 */
const history = defineCollection({
  loader: async () => (await readJsonDir('history', HistoryFileSchema)).map(({ data }) => siteHistory(data, DAYS + 1)),
  schema: SiteHistorySchema,
});

const incidents = defineCollection({
  loader: async () =>
    (await readJsonDir(path.join('incidents', 'public'), PublicIncidentSchema)).map(({ data }) => data),
  schema: PublicIncidentSchema,
});

const internalIncidents = defineCollection({
  loader: async () =>
    INTERNAL
      ? (await readJsonDir(path.join('incidents', 'internal'), InternalIncidentSchema)).map(({ data }) => data)
      : [],
  schema: InternalIncidentSchema,
});

const runs = defineCollection({
  loader: async () =>
    (await readJsonDir('runs', RunFileSchema)).map(({ file, data }) => ({ id: path.basename(file, '.json'), ...data })),
  schema: RunFileSchema.extend({ id: z.string() }),
});

/** The ticks of the last 48 h (monitor/ticks.json): the real cadence, internal only. */
const monitorTicks = defineCollection({
  loader: async () => {
    const ticks = INTERNAL ? await readJsonFile(path.join('monitor', 'ticks.json'), TicksFileSchema) : null;
    return ticks ? [{ id: 'ticks', ...ticks }] : [];
  },
  schema: TicksFileSchema.extend({ id: z.string() }),
});

/** The monitor's own incident (monitor/incident.json), internal only. */
const monitorIncident = defineCollection({
  loader: async () => {
    const state = INTERNAL
      ? await readJsonFile(path.join('monitor', 'incident.json'), MonitorIncidentFileSchema)
      : null;
    return state ? [{ id: 'incident', ...state }] : [];
  },
  schema: MonitorIncidentFileSchema.extend({ id: z.string() }),
});

/** Registry problems (sites failing validation): internal only. */
const problems = defineCollection({
  loader: async () =>
    INTERNAL
      ? (await registry()).problems.map((p, i) => ({
          id: String(i),
          file: p.file,
          severity: p.severity,
          message: `${p.field ? `${p.field}: ` : ''}${p.message}`,
        }))
      : [],
  schema: z.object({ id: z.string(), file: z.string(), severity: z.string(), message: z.string() }),
});

export const collections = {
  sites,
  config,
  status,
  history,
  incidents,
  internalIncidents,
  runs,
  problems,
  monitorTicks,
  monitorIncident,
};
