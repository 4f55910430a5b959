import { formatPercent } from './format.ts';
import type { SiteRow, SiteState } from './status-model.ts';
import { STRINGS } from './strings.ts';

/**
 * shields.io endpoint badges (https://shields.io/badges/endpoint-badge): a static JSON file per site
 * that `https://img.shields.io/endpoint?url=…` turns into a badge. Shields rejects unknown keys and
 * an empty message, and caches for at least 300 s whatever is asked. Pure.
 */
export interface ShieldsEndpoint {
  readonly schemaVersion: 1;
  readonly label: string;
  readonly message: string;
  readonly color: string;
  readonly cacheSeconds: number;
}

/** Checks run every five minutes: a badge older than that says nothing newer. */
export const BADGE_CACHE_SECONDS = 300;

const STATE_COLOR = {
  operational: 'brightgreen',
  degraded: 'yellow',
  down: 'red',
  maintenance: 'blue',
  unknown: 'lightgrey',
} as const satisfies Record<SiteState, string>;

/** `/badge/<id>.json`: the site's state now, in Vietnamese. */
export function stateBadge(row: Pick<SiteRow, 'state'>): ShieldsEndpoint {
  return {
    schemaVersion: 1,
    label: 'trạng thái',
    message: STRINGS.vi.state[row.state],
    color: STATE_COLOR[row.state],
    cacheSeconds: BADGE_CACHE_SECONDS,
  };
}

/**
 * `/badge/<id>/uptime.json`: the share of checks answered over the 90 closed days (to yesterday),
 * floored like the site page shows it: the badge changes once a day, not with every run's counts.
 */
export function uptimeBadge(row: Pick<SiteRow, 'closedUptime'>): ShieldsEndpoint {
  const share = row.closedUptime.d90;
  return {
    schemaVersion: 1,
    label: 'hoạt động 90 ngày',
    message: formatPercent(share, 'vi'),
    color: uptimeColor(share),
    cacheSeconds: BADGE_CACHE_SECONDS,
  };
}

/** Colour steps as uptime badges commonly use them; grey when there is no data yet. */
export function uptimeColor(share: number | null): string {
  if (share === null) return 'lightgrey';
  if (share >= 0.999) return 'brightgreen';
  if (share >= 0.99) return 'green';
  if (share >= 0.97) return 'yellowgreen';
  if (share >= 0.95) return 'yellow';
  if (share >= 0.9) return 'orange';
  return 'red';
}
