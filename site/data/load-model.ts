import { getCollection, type CollectionEntry } from 'astro:content';
import { publicStatus } from '../../checks/schemas/public-status.ts';
import { historyDays } from '../lib/history-days.ts';
import { buildStatusModel, type StatusModel } from '../lib/status-model.ts';

/**
 * The status model from the content collections, built once per build (every page asks for it).
 * The build's clock is "now": the pages say when they were generated and when the last run was.
 */
let cached: Promise<StatusModel> | null = null;
export function loadModel(): Promise<StatusModel> {
  cached ??= (async () => {
    const [sites, statuses, histories, incidents, runs, config] = await Promise.all([
      getCollection('sites'),
      getCollection('status'),
      getCollection('history'),
      getCollection('incidents'),
      getCollection('runs'),
      loadConfig(),
    ]);
    return buildStatusModel(
      {
        sites: sites.map((s) => s.data),
        // The internal build's full status files go through the same projection as the public build's.
        statuses: new Map(statuses.map(({ data }) => [data.id, 'responseMs' in data ? data : publicStatus(data)])),
        histories: new Map(histories.map((h) => [h.data.id, historyDays(h.data)])),
        incidents: incidents.map((i) => i.data),
        runs: runs.map((r) => r.data),
        groups: config.groups,
        timeZone: config.time_zone,
      },
      buildNow(),
    );
  })();
  return cached;
}

let now: Date | undefined;
/**
 * The build's clock, read once so every page of a build judges freshness, maintenance and
 * certificates at the same instant: CANHGAC_BUILD_NOW when set (tests, benchmarks), else the moment
 * a page first asks.
 */
export function buildNow(): Date {
  now ??= process.env.CANHGAC_BUILD_NOW ? new Date(process.env.CANHGAC_BUILD_NOW) : new Date();
  return now;
}

let config: Promise<CollectionEntry<'config'>['data']> | null = null;
/** config.yml as this build may see it (the public build gets a projection), read once per build: every page's layout asks. */
export function loadConfig(): Promise<CollectionEntry<'config'>['data']> {
  config ??= (async () => {
    const [entry] = await getCollection('config');
    if (!entry) throw new Error('config collection is empty');
    return entry.data;
  })();
  return config;
}

export const IS_INTERNAL = import.meta.env.CANHGAC_VARIANT === 'internal';
