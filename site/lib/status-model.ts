import type { PublicIncident } from '../../checks/schemas/incident.ts';
import type { RunFile } from '../../checks/schemas/run.ts';
import type { DaySummary } from '../../checks/store/summarise-history.ts';
import { localDate } from '../../checks/time/local-time.ts';
import { shiftDate, type BarDay } from './day-bars.ts';
import { compareVietnamese, type Lang } from './format.ts';
import { groupDays, type GroupDay } from './group-days.ts';

/** What the status pages show, computed from the data dir at build time. Pure: data and a clock in. */

export type SiteState = 'operational' | 'degraded' | 'down' | 'maintenance' | 'unknown';
export type Overall = 'operational' | 'partial' | 'major' | 'maintenance';

export interface SiteInput {
  readonly id: string;
  readonly name: string;
  readonly name_en?: string | undefined;
  readonly agency: string;
  readonly group: string;
  readonly url: string;
  readonly maintenance: readonly { readonly start: string; readonly end: string; readonly note?: string | undefined }[];
}

export interface ModelInput {
  readonly sites: readonly SiteInput[];
  /** Latest state per site id (public projection or full status: only these fields are read). */
  readonly statuses: ReadonlyMap<
    string,
    { readonly checkedAt: string; readonly state: 'up' | 'degraded' | 'down'; readonly responseMs?: number | null }
  >;
  /** Per site id, its days (checks/store/summarise-history.ts `dailySummaries`), oldest first. */
  readonly histories: ReadonlyMap<string, readonly DaySummary[]>;
  readonly incidents: readonly PublicIncident[];
  readonly runs: readonly RunFile[];
  readonly groups: Readonly<Record<string, { readonly name: string; readonly name_en?: string | undefined }>>;
  readonly timeZone: string;
}

/** A day bar with the day's response times, for the site page's chart. */
export interface DayBar extends BarDay {
  readonly p50: number | null;
  readonly p95: number | null;
}

export interface SiteRow {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly agency: string;
  readonly group: string;
  readonly url: string;
  readonly state: SiteState;
  readonly checkedAt: string | null;
  readonly responseMs: number | null;
  /** Exactly `DAYS` bars ending today (its checks so far), oldest first; days without checks have `checks: 0`. */
  readonly days: readonly DayBar[];
  /** Share answered over `days`: what the group pages show, and they change every tick anyway. */
  readonly uptime90: number | null;
  /**
   * Exactly `DAYS` bars ending yesterday: the site page and badges show closed days only, so a site
   * whose state did not change gets the same page from tick to tick (today's counts grow every run).
   */
  readonly closedDays: readonly DayBar[];
  readonly closedUptime: {
    readonly d7: number | null;
    readonly d30: number | null;
    readonly d90: number | null;
  };
  readonly incidents: readonly PublicIncident[];
  /** Maintenance windows of the site file that are under way or still to come. */
  readonly maintenance: readonly { readonly start: string; readonly end: string; readonly note?: string | undefined }[];
}

export interface GroupView {
  readonly key: string;
  readonly name: string;
  readonly nameEn: string;
  /** In Vietnamese order with numbers by value (compareVietnamese). */
  readonly sites: readonly SiteRow[];
  readonly counts: Readonly<Record<SiteState, number>>;
  /** The group's `DAYS` days ending today, summed over its sites. */
  readonly days: readonly GroupDay[];
}

export interface StatusModel {
  readonly generatedAt: string;
  /** When the newest run finished; null before the first run. */
  readonly lastRunAt: string | null;
  readonly overall: Overall;
  readonly counts: Readonly<Record<SiteState, number>>;
  readonly groups: readonly GroupView[];
  readonly sites: readonly SiteRow[];
  /** Public incidents (with a public kind), newest first. */
  readonly incidents: readonly PublicIncident[];
  readonly timeZone: string;
}

export const DAYS = 90;

export function buildStatusModel(input: ModelInput, now: Date): StatusModel {
  const incidentsBySite = new Map<string, PublicIncident[]>();
  const incidents = input.incidents
    .filter((i) => i.publicKind !== null)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  for (const incident of incidents)
    incidentsBySite.set(incident.siteId, [...(incidentsBySite.get(incident.siteId) ?? []), incident]);

  const rows = input.sites.map((site) => siteRow(site, input, incidentsBySite.get(site.id) ?? [], now));
  const sorted = [...rows].sort((a, b) => compareVietnamese(a.name, b.name));
  const byGroup = new Map<string, SiteRow[]>();
  for (const row of sorted) {
    const list = byGroup.get(row.group);
    if (list) list.push(row);
    else byGroup.set(row.group, [row]);
  }
  const groups = Object.entries(input.groups).flatMap(([key, g]) => {
    const sites = byGroup.get(key) ?? [];
    return sites.length === 0
      ? []
      : [{ key, name: g.name, nameEn: g.name_en ?? g.name, sites, counts: countStates(sites), days: groupDays(sites) }];
  });
  const counts = countStates(rows);
  const finished = input.runs.map((r) => r.finishedAt).sort();
  return {
    generatedAt: now.toISOString(),
    lastRunAt: finished.at(-1) ?? null,
    overall: overallOf(counts, rows.length),
    counts,
    groups,
    sites: sorted,
    incidents,
    timeZone: input.timeZone,
  };
}

export function countStates(rows: readonly Pick<SiteRow, 'state'>[]): Record<SiteState, number> {
  const counts: Record<SiteState, number> = { operational: 0, degraded: 0, down: 0, maintenance: 0, unknown: 0 };
  for (const row of rows) counts[row.state] += 1;
  return counts;
}

/** Major when a third or more of the sites are down; partial when any is down or degraded. */
export function overallOf(counts: Readonly<Record<SiteState, number>>, total: number): Overall {
  if (total > 0 && counts.down * 3 >= total) return 'major';
  if (counts.down > 0 || counts.degraded > 0) return 'partial';
  if (counts.maintenance > 0) return 'maintenance';
  return 'operational';
}

function siteRow(site: SiteInput, input: ModelInput, incidents: PublicIncident[], now: Date): SiteRow {
  const status = input.statuses.get(site.id);
  const history = input.histories.get(site.id);
  const t = now.getTime();
  const inWindow = site.maintenance.some((w) => Date.parse(w.start) <= t && t < Date.parse(w.end));
  // A site with an open public security incident (a confirmed defacement) is not "operational" to a
  // citizen, whatever its HTTP status says: it is shown as disrupted until the incident resolves.
  const compromised = incidents.some((i) => i.state === 'open' && i.publicKind === 'security');
  const state: SiteState = inWindow
    ? 'maintenance'
    : !status
      ? 'unknown'
      : compromised
        ? 'down'
        : status.state === 'up'
          ? 'operational'
          : status.state;
  // DAYS + 1 bars, shared by the two windows: today's view and the closed days' view.
  const bars = dayBars(history, input.timeZone, now, DAYS + 1);
  const days = bars.slice(1);
  const closedDays = bars.slice(0, -1);
  return {
    id: site.id,
    name: site.name,
    nameEn: site.name_en ?? site.name,
    agency: site.agency,
    group: site.group,
    url: site.url,
    state,
    checkedAt: status?.checkedAt ?? null,
    responseMs: status?.responseMs ?? null,
    days,
    uptime90: uptimeOverDays(days, DAYS),
    closedDays,
    closedUptime: {
      d7: uptimeOverDays(closedDays, 7),
      d30: uptimeOverDays(closedDays, 30),
      d90: uptimeOverDays(closedDays, 90),
    },
    incidents,
    maintenance: site.maintenance.filter((w) => Date.parse(w.end) > t),
  };
}

/** The last `count` local dates ending today (default `DAYS`), each with that day's summary (or no checks). */
export function dayBars(
  history: readonly DaySummary[] | undefined,
  timeZone: string,
  now: Date,
  count = DAYS,
): DayBar[] {
  const byDate = new Map<string, DaySummary>((history ?? []).map((d) => [d.date, d]));
  const today = localDate(now, timeZone);
  const bars: DayBar[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const date = shiftDate(today, -i);
    const d = byDate.get(date);
    // A summary is a day bar already (same fields): kept, not copied, 900,000 of them at 10,000 sites.
    bars.push(d ?? { date, checks: 0, uptime: null, p50: null, p95: null });
  }
  return bars;
}

/** Share of checks that answered over the last `n` day bars (checks-weighted); null with no checks. */
export function uptimeOverDays(days: readonly DayBar[], n: number): number | null {
  let checks = 0;
  let answered = 0;
  for (const d of days.slice(-n)) {
    if (d.uptime === null) continue;
    checks += d.checks;
    answered += d.uptime * d.checks;
  }
  return checks === 0 ? null : answered / checks;
}

export function siteName(row: SiteRow, lang: Lang): string {
  return lang === 'vi' ? row.name : row.nameEn;
}
