import { getCollection } from 'astro:content';
import { buildStatuspageApi, type StatuspageApi } from '../lib/statuspage.ts';
import { incidentFeeds } from '../lib/incident-feed.ts';
import type { OgInput } from '../lib/og-image.ts';
import { loadConfig, loadModel } from './load-model.ts';

/**
 * Inputs of the machine-readable outputs (Statuspage JSON, badges, feeds, Open Graph image), read
 * once per build from the same public collections as the pages. `site` is Astro's `site` (config
 * `public_url`): feeds, shortlinks and the page URL must be absolute.
 */
let api: Promise<StatuspageApi> | null = null;
export function loadStatuspageApi(site: URL | undefined): Promise<StatuspageApi> {
  api ??= (async () => {
    const [model, config, histories, sites] = await Promise.all([
      loadModel(),
      loadConfig(),
      getCollection('history'),
      getCollection('sites'),
    ]);
    return buildStatuspageApi({
      model,
      organisation: config.organisation.name,
      siteUrl: siteUrl(site),
      siteTimes: new Map(histories.map((h) => [h.data.id, { firstSeen: h.data.firstSeen, since: h.data.since }])),
      maintenance: sites.flatMap((s) =>
        s.data.maintenance.map((w) => ({ siteId: s.data.id, start: w.start, end: w.end, note: w.note })),
      ),
    });
  })();
  return api;
}

let feeds: Promise<{ rss: string; atom: string }> | null = null;
export function loadIncidentFeeds(site: URL | undefined): Promise<{ rss: string; atom: string }> {
  feeds ??= (async () => {
    const [model, config] = await Promise.all([loadModel(), loadConfig()]);
    return incidentFeeds({
      organisation: config.organisation.name,
      siteUrl: siteUrl(site),
      timeZone: model.timeZone,
      incidents: model.incidents,
      siteNames: new Map(model.sites.map((s) => [s.id, s.name])),
      updatedAt: model.lastRunAt ?? model.generatedAt,
    });
  })();
  return feeds;
}

export async function loadOgInput(): Promise<OgInput> {
  const [model, config] = await Promise.all([loadModel(), loadConfig()]);
  return {
    organisation: config.organisation.name,
    overall: model.overall,
    counts: model.counts,
    at: model.lastRunAt ?? model.generatedAt,
    timeZone: model.timeZone,
  };
}

function siteUrl(site: URL | undefined): string {
  if (!site)
    throw new Error(
      'astro.config.mjs sets no `site`: feeds and the Statuspage API need the public address (config.yml public_url)',
    );
  return site.href;
}
