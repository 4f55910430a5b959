import { SiteFileSchema, type Site } from '../../checks/schemas/site.ts';
import type { Reason, StatusFile } from '../../checks/schemas/status.ts';

/** A registered site in `group`, of `agency` (one per group unless told). */
export function siteOf(id: string, group: string, agency = `So ${group}`): Site {
  return {
    ...SiteFileSchema.parse({ name: `Cổng ${id}`, agency, group, url: `https://${id}.gov.vn/` }),
    id,
    file: `sites/${id}.yml`,
  };
}

/** A status: up (reason null), or down/degraded with a reason and its raw code. */
export function statusOf(id: string, reason: Reason | null, checkedAt: string): StatusFile {
  const state = reason === null ? 'up' : reason === 'slow' ? 'degraded' : 'down';
  return {
    id,
    checkedAt,
    state,
    reason,
    error: reason === null || reason === 'slow' ? null : { code: CODES[reason] ?? 'X', message: `${reason} (test)` },
    attempts: reason === null ? 1 : 2,
    firstReason: reason,
    url: `https://${id}.gov.vn/`,
    http: null,
    tls: null,
    dns: null,
    defacement: null,
  };
}

const CODES: Partial<Record<Reason, string>> = {
  'dns-timeout': 'ETIMEOUT',
  dns: 'ENOTFOUND',
  'connect-timeout': 'UND_ERR_CONNECT_TIMEOUT',
  'connect-refused': 'ECONNREFUSED',
  'http-status': 'HTTP_503',
};

/** `count` sites `<prefix>-<n>`, spread round-robin over `groups`. */
export function sitesIn(prefix: string, count: number, groups: readonly string[]): Site[] {
  return Array.from({ length: count }, (_, i) => siteOf(`${prefix}-${i + 1}`, groups[i % groups.length]!));
}
