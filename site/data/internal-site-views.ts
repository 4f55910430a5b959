import { getCollection } from 'astro:content';
import type { Config } from '../../checks/schemas/config.ts';
import type { SiteFile } from '../../checks/schemas/site.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { type InternalSiteView, stableStatus } from '../lib/internal-site-view.ts';
import { openIncidents } from '../lib/open-incidents.ts';
import { screenshots } from '../lib/screenshots.ts';
import { tlsCalendar } from '../lib/tls-calendar.ts';
import { loadImages } from './images.ts';
import { incidentsOfSite } from './incidents-by-site.ts';
import { buildNow, loadConfig } from './load-model.ts';

/**
 * The responders' section of every site page (lib/internal-site-view.ts), computed once per internal
 * build from whole collections read once, for data/page-paths.ts to pass as props and digest into
 * the pages' cache keys: the pages look nothing up themselves (a `getEntry` per page for 20,000 pages).
 */
export async function internalSiteViews(ids: readonly string[]): Promise<ReadonlyMap<string, InternalSiteView>> {
  const [config, statusEntries, siteEntries, images] = await Promise.all([
    loadConfig(),
    getCollection('status'),
    getCollection('sites'),
    loadImages(),
  ]);
  const statuses = new Map<string, StatusFile>();
  // The internal build's status collection holds the full files (site/content.config.ts).
  for (const { data } of statusEntries) if ('http' in data) statuses.set(data.id, data as StatusFile);
  // The internal build's sites keep their contacts and responders (site/content.config.ts).
  const sites = new Map(siteEntries.map(({ data }) => [data.id, data as typeof data & Partial<SiteFile>]));
  const now = buildNow();
  const warningDays = (config as Partial<Config>).thresholds?.tls_warning_days ?? 14;
  const views = new Map<string, InternalSiteView>();
  for (const id of ids) {
    const status = statuses.get(id) ?? null;
    const site = sites.get(id);
    const { internal, published } = await incidentsOfSite(id);
    const certificate = status?.tls
      ? (tlsCalendar([{ id, name: id, tls: status.tls }], now, warningDays)[0] ?? null)
      : null;
    views.set(id, {
      timeZone: config.time_zone,
      status: status && stableStatus(status),
      siteUrl: site?.url ?? null,
      contacts: site?.contacts ?? [],
      responders: site?.responders ?? [],
      incidents: openIncidents(internal, published, new Map(site ? [[id, site.name]] : [])),
      shots: screenshots(id, status?.defacement?.signals ?? [], images),
      certificate,
      excerpt: status?.defacement?.excerpt ?? null,
    });
  }
  return views;
}
