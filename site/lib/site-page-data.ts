import type { PublicIncident } from '../../checks/schemas/incident.ts';
import { maintenanceNotices, type MaintenanceNotice } from './maintenance-notices.ts';
import type { DayBar, SiteRow, SiteState } from './status-model.ts';

/**
 * Everything a public site page (`/site/<id>/`) shows, and nothing that changes from run to run:
 * day-level figures (the 90 closed days and their uptime), the state, incidents and maintenance. The
 * last check's time and response time are on the home and group pages, which change every run
 * anyway; here they would make 20,000 pages differ every five minutes. The page renders only this
 * (its layout adds the organisation's name and contacts), so it is also the page's incremental-build key. Pure.
 */
export interface SitePageData {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly agency: string;
  /** Its group, for the breadcrumb (the group's first page: which page holds a site moves as sites come and go). */
  readonly group: { readonly key: string; readonly name: string; readonly nameEn: string } | null;
  readonly url: string;
  readonly state: SiteState;
  /** The `DAYS` closed days ending yesterday, oldest first. */
  readonly days: readonly DayBar[];
  readonly uptime: SiteRow['closedUptime'];
  /** Public incidents, newest first. */
  readonly incidents: readonly Pick<
    PublicIncident,
    'id' | 'titleVi' | 'titleEn' | 'state' | 'startedAt' | 'resolvedAt'
  >[];
  /** Maintenance under way or coming (changes when a window starts or ends, as the state does). */
  readonly maintenance: readonly MaintenanceNotice[];
  readonly timeZone: string;
}

export function sitePageData(row: SiteRow, group: SitePageData['group'], now: Date, timeZone: string): SitePageData {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    agency: row.agency,
    group,
    url: row.url,
    state: row.state,
    days: row.closedDays,
    uptime: row.closedUptime,
    incidents: row.incidents.map((i) => ({
      id: i.id,
      titleVi: i.titleVi,
      titleEn: i.titleEn,
      state: i.state,
      startedAt: i.startedAt,
      resolvedAt: i.resolvedAt,
    })),
    maintenance: maintenanceNotices([row], now),
    timeZone,
  };
}
