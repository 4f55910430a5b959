import type { PublicIncident } from '../../checks/schemas/incident.ts';
import { dataAge } from '../lib/data-age.ts';
import { encodeDays } from '../lib/day-bars.ts';
import { encodeGroupDays, type GroupDay } from '../lib/group-days.ts';
import { groupPages, pageParam } from '../lib/group-pages.ts';
import { pageKey } from '../lib/page-key.ts';
import type { InternalSiteView } from '../lib/internal-site-view.ts';
import { sitePageData, type SitePageData } from '../lib/site-page-data.ts';
import type { SiteRow, SiteState } from '../lib/status-model.ts';
import { internalSiteViews } from './internal-site-views.ts';
import { IS_INTERNAL, buildNow, loadConfig, loadModel } from './load-model.ts';

/**
 * The `getStaticPaths()` of the per-item routes, each path with the props its page renders from and a
 * `cacheKey` (Astro's incremental build, astro.config.mjs) digested from those same props plus what
 * the layout shows (the organisation's name and report contacts from config.yml). Computed once per
 * build and shared by the Vietnamese and English routes: pages never search the model themselves
 * (a `find` over 10,000 sites on each of 40,000 pages was a fifth of the build).
 */

/** What Base.astro shows from config.yml: every keyed page carries it. */
async function layoutKeyInputs() {
  const config = await loadConfig();
  return { organisation: config.organisation, report: config.report };
}

export interface SitePath {
  readonly params: { readonly id: string };
  /** `internal`: the responders' section, in the internal build only. */
  readonly props: { readonly data: SitePageData; readonly internal: InternalSiteView | null };
  readonly cacheKey: string;
}

let sitePaths: Promise<SitePath[]> | null = null;
/**
 * `/site/<id>/`. In the internal build the page also shows the responders' section, from a view
 * that leaves out what every run changes (lib/internal-site-view.ts: the page shows that from the
 * copied status file), and the key covers that view too: an internal site page is rendered again
 * only when the site's state, incidents, certificate, verdict or day change, as a public one.
 */
export async function sitePagePaths(): Promise<SitePath[]> {
  sitePaths ??= (async () => {
    const [model, layout] = await Promise.all([loadModel(), layoutKeyInputs()]);
    const now = buildNow();
    const groups = new Map(model.groups.map((g) => [g.key, { key: g.key, name: g.name, nameEn: g.nameEn }]));
    const views = IS_INTERNAL ? await internalSiteViews(model.sites.map((row) => row.id)) : null;
    return model.sites.map((row) => {
      const data = sitePageData(row, groups.get(row.group) ?? null, now, model.timeZone);
      const internal = views?.get(row.id) ?? null;
      return { params: { id: row.id }, props: { data, internal }, cacheKey: pageKey(data, internal, layout) };
    });
  })();
  return [...(await sitePaths)];
}

/** What an incident page shows: the incident, its site's names, the time zone. */
export interface IncidentPageData {
  readonly incident: PublicIncident;
  readonly site: { readonly id: string; readonly name: string; readonly nameEn: string } | null;
  readonly timeZone: string;
}

export interface IncidentPath {
  readonly params: { readonly id: string };
  readonly props: { readonly data: IncidentPageData };
  readonly cacheKey: string;
}

let incidentPaths: Promise<IncidentPath[]> | null = null;
/** `/su-co/<id>/`: only incidents with a public kind (the model leaves the others out). */
export async function incidentPagePaths(): Promise<IncidentPath[]> {
  incidentPaths ??= (async () => {
    const [model, layout] = await Promise.all([loadModel(), layoutKeyInputs()]);
    const sites = new Map(model.sites.map((r) => [r.id, r]));
    return model.incidents.map((incident) => {
      const row = sites.get(incident.siteId);
      const data: IncidentPageData = {
        incident,
        site: row ? { id: row.id, name: row.name, nameEn: row.nameEn } : null,
        timeZone: model.timeZone,
      };
      return { params: { id: incident.id }, props: { data }, cacheKey: pageKey(data, layout) };
    });
  })();
  return [...(await incidentPaths)];
}

/** One page of a group: its sites with their 90 days ending today, and the group's figures. */
export interface GroupPageData {
  readonly key: string;
  readonly name: string;
  readonly nameEn: string;
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly counts: Readonly<Record<SiteState, number>>;
  readonly days: readonly GroupDay[];
  readonly sites: readonly SiteRow[];
  /** The freshness line: the newest run and whether it is stale at build time. */
  readonly lastRunAt: string | null;
  readonly stale: boolean;
  readonly timeZone: string;
}

export interface GroupPath {
  readonly params: { readonly key: string; readonly page: string | undefined };
  readonly props: { readonly data: GroupPageData };
  readonly cacheKey: string;
}

let groupPaths: Promise<GroupPath[]> | null = null;
/**
 * `/nhom/<key>/` and its further pages. They show today's bars and the last run's time, so they
 * change with every run; keyed all the same (a rebuild without a new run skips them).
 */
export async function groupPagePaths(): Promise<GroupPath[]> {
  groupPaths ??= (async () => {
    const [model, layout] = await Promise.all([loadModel(), layoutKeyInputs()]);
    const stale = dataAge(model.lastRunAt, buildNow(), 'vi')?.stale ?? false;
    return model.groups.flatMap((group) =>
      groupPages(group).map(({ page, pages, sites }) => {
        const data: GroupPageData = {
          key: group.key,
          name: group.name,
          nameEn: group.nameEn,
          page,
          pages,
          total: group.sites.length,
          counts: group.counts,
          days: group.days,
          sites,
          lastRunAt: model.lastRunAt,
          stale,
          timeZone: model.timeZone,
        };
        // The rows as the page draws them (name, agency, state, the bars' counts), not every field of a row.
        const rows = sites.map((r) => [r.id, r.name, r.nameEn, r.agency, r.state, encodeDays(r.days), r.uptime90]);
        const { sites: _rows, days, ...rest } = data;
        const cacheKey = pageKey(rest, encodeGroupDays(days), days.at(-1)?.date, rows, layout);
        return { params: { key: group.key, page: pageParam(page) }, props: { data }, cacheKey };
      }),
    );
  })();
  return [...(await groupPaths)];
}

export interface BadgePath {
  readonly params: { readonly id: string };
  readonly props: { readonly row: Pick<SiteRow, 'state' | 'closedUptime'> };
  readonly cacheKey: string;
}

/**
 * `/badge/<id>.json` (`kind` state) and `/badge/<id>/uptime.json`: keyed by the one figure each shows.
 * Public build only: badges are for agencies to embed from the public site, and at 10,000 sites
 * they were 20,000 of the internal build's 62,000 pages, each paid for on every tick.
 */
export async function badgePaths(kind: 'state' | 'uptime'): Promise<BadgePath[]> {
  if (IS_INTERNAL) return [];
  const model = await loadModel();
  return model.sites.map((row) => ({
    params: { id: row.id },
    props: { row },
    cacheKey: kind === 'state' ? row.state : String(row.closedUptime.d90),
  }));
}
