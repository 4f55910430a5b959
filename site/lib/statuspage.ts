import type { PublicIncident } from '../../checks/schemas/incident.ts';
import { localDate } from '../../checks/time/local-time.ts';
import { formatDateTime } from './format.ts';
import { isoInZone } from './iso-in-zone.ts';
import type { Overall, SiteRow, SiteState, StatusModel } from './status-model.ts';
import { STRINGS } from './strings.ts';

/**
 * The public site's Atlassian Statuspage v2 JSON (`/api/v2/*.json`), so Statuspage clients, bots and
 * Prometheus exporters read Canh Gác unchanged. Pure: the status model and a few extra facts in,
 * plain objects out; the endpoints in site/pages/api/v2/ only serialise them. Texts are Vietnamese,
 * the public site's default language. Only public data goes in (the model is built from public
 * projections), so nothing internal can come out.
 */

export type ComponentStatus =
  | 'operational'
  | 'degraded_performance'
  | 'partial_outage'
  | 'major_outage'
  | 'under_maintenance';
export type Indicator = 'none' | 'minor' | 'major' | 'critical';
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
export type Impact = 'none' | 'minor' | 'major' | 'critical';
export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';

export interface SpPage {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly time_zone: string;
  readonly updated_at: string;
}

export interface SpComponent {
  readonly id: string;
  readonly name: string;
  readonly status: ComponentStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly position: number;
  readonly description: string | null;
  readonly showcase: boolean;
  readonly start_date: string | null;
  readonly group_id: string | null;
  readonly page_id: string;
  readonly group: boolean;
  readonly only_show_if_degraded: boolean;
  /** Group components only: the ids of their members. */
  readonly components?: readonly string[];
}

export interface SpAffectedComponent {
  readonly code: string;
  readonly name: string;
  readonly old_status: ComponentStatus;
  readonly new_status: ComponentStatus;
}

export interface SpIncidentUpdate {
  readonly id: string;
  readonly status: IncidentStatus | MaintenanceStatus;
  readonly body: string;
  readonly incident_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly display_at: string;
  readonly affected_components: readonly SpAffectedComponent[] | null;
  readonly deliver_notifications: boolean;
  readonly custom_tweet: null;
  readonly tweet_id: null;
}

export interface SpIncident {
  readonly id: string;
  readonly name: string;
  readonly status: IncidentStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly monitoring_at: string | null;
  readonly resolved_at: string | null;
  readonly impact: Impact;
  readonly shortlink: string;
  readonly started_at: string;
  readonly page_id: string;
  readonly incident_updates: readonly SpIncidentUpdate[];
  readonly components: readonly SpComponent[];
}

export interface SpMaintenance extends Omit<SpIncident, 'status' | 'impact'> {
  readonly status: MaintenanceStatus;
  readonly impact: 'maintenance';
  readonly scheduled_for: string;
  readonly scheduled_until: string;
}

export interface SpStatus {
  readonly indicator: Indicator;
  readonly description: string;
}

/** The public API's responses, by path under `/api/v2/`. */
export interface StatuspageApi {
  readonly 'summary.json': {
    page: SpPage;
    components: SpComponent[];
    incidents: SpIncident[];
    scheduled_maintenances: SpMaintenance[];
    status: SpStatus;
  };
  readonly 'status.json': { page: SpPage; status: SpStatus };
  readonly 'components.json': { page: SpPage; components: SpComponent[] };
  readonly 'incidents.json': { page: SpPage; incidents: SpIncident[] };
  readonly 'incidents/unresolved.json': { page: SpPage; incidents: SpIncident[] };
  readonly 'scheduled-maintenances.json': { page: SpPage; scheduled_maintenances: SpMaintenance[] };
  readonly 'scheduled-maintenances/upcoming.json': { page: SpPage; scheduled_maintenances: SpMaintenance[] };
  readonly 'scheduled-maintenances/active.json': { page: SpPage; scheduled_maintenances: SpMaintenance[] };
}

export const STATUSPAGE_PATHS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const satisfies readonly (keyof StatuspageApi)[];

export interface MaintenanceWindow {
  readonly siteId: string;
  readonly start: string;
  readonly end: string;
  readonly note?: string | undefined;
}

export interface StatuspageInput {
  /** Built from the public collections; its `generatedAt` is the build's clock. */
  readonly model: StatusModel;
  readonly organisation: string;
  /** The public site's absolute address (Astro's `site`), with or without a trailing slash. */
  readonly siteUrl: string;
  /** Per site: its first check (history's first event) and when its current state began. */
  readonly siteTimes: ReadonlyMap<string, { readonly firstSeen: string | null; readonly since: string | null }>;
  /** Every maintenance window of every site file, past ones included. */
  readonly maintenance: readonly MaintenanceWindow[];
}

/** Statuspage returns at most this many incidents and maintenances in its lists. */
export const LIST_LIMIT = 50;

/**
 * Site state → component status. `unknown` (never checked) has no Statuspage equivalent: such a site
 * is left out of the components rather than claimed operational. A site is `down` only when the
 * check found it unreachable, so the whole component is out: `major_outage`. `partial_outage` is
 * left to groups whose members differ.
 */
export const COMPONENT_STATUS = {
  operational: 'operational',
  degraded: 'degraded_performance',
  down: 'major_outage',
  maintenance: 'under_maintenance',
  unknown: null,
} as const satisfies Record<SiteState, ComponentStatus | null>;

/** The model's overall state → indicator; maintenance alone is `none`, as on Statuspage. */
export const OVERALL_INDICATOR = {
  operational: 'none',
  maintenance: 'none',
  partial: 'minor',
  major: 'major',
} as const satisfies Record<Overall, Indicator>;

/** Severity label of an incident → impact; a warning has no impact on citizens. */
export const SEVERITY_IMPACT = {
  critical: 'critical',
  major: 'major',
  minor: 'minor',
  warning: 'none',
} as const satisfies Record<PublicIncident['severity'], Impact>;

/**
 * Incident state → status. Canh Gác knows only whether a problem is open, so every open incident is
 * `investigating` (it never claims a cause was identified); a false alarm is `resolved` (its last
 * update says it was a false alarm) with impact `none`.
 */
export const INCIDENT_STATUS = {
  open: 'investigating',
  resolved: 'resolved',
  'false-positive': 'resolved',
} as const satisfies Record<PublicIncident['state'], IncidentStatus>;

const INDICATOR_TEXT = {
  none: 'Không có sự cố',
  minor: 'Có sự cố nhỏ',
  major: 'Có sự cố lớn',
  critical: 'Có sự cố nghiêm trọng',
} as const satisfies Record<Indicator, string>;
const RANK = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
} as const satisfies Record<ComponentStatus, number>;
const IMPACT_RANK = { none: 0, minor: 1, major: 2, critical: 3 } as const satisfies Record<Impact, number>;

/** Every response of the public Statuspage API. */
export function buildStatuspageApi(input: StatuspageInput): StatuspageApi {
  const { model } = input;
  const tz = model.timeZone;
  const url = input.siteUrl.replace(/\/+$/, '');
  const page: SpPage = {
    id: pageId(url),
    name: input.organisation,
    url,
    time_zone: tz,
    updated_at: isoInZone(model.lastRunAt ?? model.generatedAt, tz),
  };
  const components = buildComponents(input, page.id);
  const bySite = new Map(components.filter((c) => !c.group).map((c) => [c.id, c]));
  const incidents = model.incidents.map((i) => buildIncident(i, page, bySite));
  const unresolved = incidents.filter((i) => i.status !== 'resolved');
  const maintenances = buildMaintenances(input, page, bySite);
  const upcoming = maintenances.filter((m) => m.status === 'scheduled');
  const active = maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying');
  const status = statusOf(model.overall, unresolved);
  return {
    'summary.json': {
      page,
      components,
      incidents: unresolved,
      scheduled_maintenances: [...active, ...upcoming],
      status,
    },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents: incidents.slice(0, LIST_LIMIT) },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenances.slice(0, LIST_LIMIT) },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}

/** The page's id: its host name, stable as long as the site stays where it is. */
export function pageId(siteUrl: string): string {
  return new URL(siteUrl).host;
}

/**
 * Indicator and description: the worse of the overall state and the impact of unresolved incidents,
 * as Statuspage computes it (a defaced site is still "up", but its critical incident is not).
 */
export function statusOf(overall: Overall, unresolved: readonly Pick<SpIncident, 'impact'>[]): SpStatus {
  const fromOverall = OVERALL_INDICATOR[overall];
  let indicator: Indicator = fromOverall;
  for (const i of unresolved) if (IMPACT_RANK[i.impact] > IMPACT_RANK[indicator]) indicator = i.impact;
  return {
    indicator,
    description: indicator === fromOverall ? STRINGS.vi.overall[overall] : INDICATOR_TEXT[indicator],
  };
}

/** Group components in config order, each followed by its members (Vietnamese order, as the home page). */
function buildComponents(input: StatuspageInput, pageId: string): SpComponent[] {
  const { model } = input;
  const tz = model.timeZone;
  const out: SpComponent[] = [];
  const member = (row: SiteRow, position: number, groupId: string | null): SpComponent | null => {
    const status = COMPONENT_STATUS[row.state];
    if (status === null) return null;
    const times = input.siteTimes.get(row.id);
    const created = times?.firstSeen ?? row.checkedAt ?? model.generatedAt;
    const windowStart =
      row.state === 'maintenance'
        ? row.maintenance.find((w) => Date.parse(w.start) <= Date.parse(model.generatedAt))?.start
        : undefined;
    const updated = windowStart ?? times?.since ?? row.checkedAt ?? model.generatedAt;
    return {
      id: row.id,
      name: row.name,
      status,
      created_at: isoInZone(created, tz),
      updated_at: isoInZone(updated, tz),
      position,
      description: row.agency,
      showcase: true,
      start_date: times?.firstSeen ? localDate(new Date(times.firstSeen), tz) : null,
      group_id: groupId,
      page_id: pageId,
      group: false,
      only_show_if_degraded: false,
    };
  };
  let position = 0;
  for (const group of model.groups) {
    const id = groupComponentId(group.key);
    const members = group.sites.map((row, i) => member(row, i + 1, id)).filter((c) => c !== null);
    if (members.length === 0) continue;
    const worst = members.reduce((a, c) => (RANK[c.status] > RANK[a] ? c.status : a), 'operational' as ComponentStatus);
    out.push({
      id,
      name: group.name,
      status: worst,
      created_at: members.map((c) => c.created_at).reduce(earliest),
      updated_at: members.map((c) => c.updated_at).reduce(latest),
      position: ++position,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: members.map((c) => c.id),
    });
    out.push(...members);
  }
  // Sites of a group config.yml no longer names stand alone at the end.
  const grouped = new Set(model.groups.flatMap((g) => g.sites.map((s) => s.id)));
  for (const row of model.sites) {
    if (grouped.has(row.id)) continue;
    const c = member(row, position + 1, null);
    if (c) {
      position += 1;
      out.push(c);
    }
  }
  return out;
}

/** `group.<key>`: a dot cannot occur in a site id, so a group never takes a site's id. */
export function groupComponentId(key: string): string {
  return `group.${key}`;
}

function buildIncident(incident: PublicIncident, page: SpPage, bySite: ReadonlyMap<string, SpComponent>): SpIncident {
  const tz = page.time_zone;
  const chronological = [...incident.updates].sort((a, b) => a.at.localeCompare(b.at));
  const updates: SpIncidentUpdate[] = chronological
    .map((u, i) => {
      const at = isoInZone(u.at, tz);
      return {
        // Updates are only ever appended, so an update's place in time order is a stable id.
        id: `${incident.id}--${i + 1}`,
        status: INCIDENT_STATUS[u.state],
        body: u.vi,
        incident_id: incident.id,
        created_at: at,
        updated_at: at,
        display_at: at,
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      };
    })
    .reverse();
  const component = bySite.get(incident.siteId);
  const status = INCIDENT_STATUS[incident.state];
  return {
    id: incident.id,
    name: incident.titleVi,
    status,
    created_at: isoInZone(incident.startedAt, tz),
    updated_at: isoInZone(chronological.at(-1)?.at ?? incident.resolvedAt ?? incident.startedAt, tz),
    monitoring_at: null,
    resolved_at:
      status === 'resolved'
        ? isoInZone(incident.resolvedAt ?? chronological.at(-1)?.at ?? incident.startedAt, tz)
        : null,
    impact: incident.state === 'false-positive' ? 'none' : SEVERITY_IMPACT[incident.severity],
    shortlink: `${page.url}/su-co/${incident.id}/`,
    started_at: isoInZone(incident.startedAt, tz),
    page_id: page.id,
    incident_updates: updates,
    components: component ? [component] : [],
  };
}

/** Maintenance windows from the site files, newest start first. */
function buildMaintenances(
  input: StatuspageInput,
  page: SpPage,
  bySite: ReadonlyMap<string, SpComponent>,
): SpMaintenance[] {
  const tz = page.time_zone;
  const now = Date.parse(input.model.generatedAt);
  const rows = new Map(input.model.sites.map((r) => [r.id, r]));
  return [...input.maintenance]
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start) || a.siteId.localeCompare(b.siteId))
    .map((w) => {
      const id = maintenanceId(w);
      const start = isoInZone(w.start, tz);
      const end = isoInZone(w.end, tz);
      const status: MaintenanceStatus =
        now < Date.parse(w.start) ? 'scheduled' : now < Date.parse(w.end) ? 'in_progress' : 'completed';
      const component = bySite.get(w.siteId);
      const siteName = rows.get(w.siteId)?.name ?? w.siteId;
      const change = (from: ComponentStatus, to: ComponentStatus) =>
        component ? [{ code: component.id, name: component.name, old_status: from, new_status: to }] : null;
      const update = (
        n: number,
        s: MaintenanceStatus,
        at: string,
        body: string,
        affected: SpAffectedComponent[] | null,
      ): SpIncidentUpdate => ({
        id: `${id}--${n}`,
        status: s,
        body,
        incident_id: id,
        created_at: at,
        updated_at: at,
        display_at: at,
        affected_components: affected,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      });
      const when = `từ ${formatDateTime(w.start, tz)} đến ${formatDateTime(w.end, tz)}`;
      // The site file does not say when a window was announced: its start stands for that.
      const updates = [
        update(1, 'scheduled', start, `Bảo trì theo kế hoạch ${when}${w.note ? `: ${w.note}` : '.'}`, null),
      ];
      if (status !== 'scheduled')
        updates.push(update(2, 'in_progress', start, 'Đang bảo trì.', change('operational', 'under_maintenance')));
      if (status === 'completed')
        updates.push(update(3, 'completed', end, 'Đã hoàn tất bảo trì.', change('under_maintenance', 'operational')));
      const last = updates.at(-1)!;
      return {
        id,
        name: w.note ? `${siteName}: ${w.note}` : `${siteName}: bảo trì theo kế hoạch`,
        status,
        created_at: start,
        updated_at: last.created_at,
        monitoring_at: null,
        resolved_at: status === 'completed' ? end : null,
        impact: 'maintenance',
        shortlink: `${page.url}/site/${w.siteId}/`,
        started_at: start,
        page_id: page.id,
        incident_updates: updates.reverse(),
        components: component ? [component] : [],
        scheduled_for: start,
        scheduled_until: end,
      } satisfies SpMaintenance;
    });
}

/** `<site-id>--maintenance--<start as yyyymmddThhmmss UTC>`, in the style of incident ids. */
export function maintenanceId(w: Pick<MaintenanceWindow, 'siteId' | 'start'>): string {
  const stamp = new Date(w.start).toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `${w.siteId}--maintenance--${stamp}`;
}

const earliest = (a: string, b: string) => (Date.parse(b) < Date.parse(a) ? b : a);
const latest = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);
