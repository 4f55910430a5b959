import { isScenario, type Scenario } from './scenarios.ts';

/** Another registrable domain, for redirects that leave the agency's site. */
export const OTHER_ZONE = 'other-zone.test';
export const FOREIGN_HOST = `foreign.${OTHER_ZONE}`;

/** Host labels that exercise the DNS server rather than a portal. */
export const DNS_CASES = ['cname', 'nxdomain', 'servfail', 'dns-timeout'] as const;
export type DnsCase = (typeof DNS_CASES)[number];

/** What an HTTP request's Host means. */
export type HostRoute =
  | { readonly kind: 'scenario'; readonly scenario: Scenario; readonly portal: string | undefined }
  | { readonly kind: 'bench'; readonly index: number }
  | { readonly kind: 'foreign' }
  | { readonly kind: 'unknown' };

/** What the DNS server does with a name. */
export type NameVerdict =
  | { readonly kind: 'address' }
  | { readonly kind: 'alias'; readonly target: string }
  | { readonly kind: 'nxdomain' }
  | { readonly kind: 'servfail' }
  | { readonly kind: 'no-answer' };

const PORTAL_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Throws unless `portal` can be one DNS label, since it becomes one in `<portal>.<scenario>.<zone>`. */
export function assertPortalLabel(portal: string): void {
  if (!PORTAL_LABEL.test(portal)) {
    throw new Error(
      `simulator: portal "${portal}" must be a lowercase DNS label (a-z, 0-9, "-", at most 63 characters)`,
    );
  }
}

/** `a.b.zone` -> `['a', 'b']`; `undefined` when `name` is not inside `zone` (the apex gives `[]`). */
function labelsUnder(name: string, zone: string): string[] | undefined {
  if (name === zone) return [];
  if (!name.endsWith(`.${zone}`)) return undefined;
  return name.slice(0, -zone.length - 1).split('.');
}

function normalise(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Reads `<portal>.<scenario>.<zone>`, `<scenario>.<zone>`, `p<i>.bench.<zone>` and the foreign host.
 * `cname.<zone>` is served as `healthy`: a client that followed the CNAME still sends the alias as Host.
 */
export function routeHost(hostname: string, zone: string): HostRoute {
  const name = normalise(hostname);
  if (name === FOREIGN_HOST) return { kind: 'foreign' };
  const labels = labelsUnder(name, zone);
  if (!labels || labels.length === 0 || labels.length > 2) return { kind: 'unknown' };
  const [first = '', second] = labels;
  const label = second ?? first;
  const portal = second === undefined ? undefined : first;
  if (label === 'bench') {
    const match = portal === undefined ? null : /^p(\d{1,9})$/.exec(portal);
    return match ? { kind: 'bench', index: Number(match[1]) } : { kind: 'unknown' };
  }
  if (label === 'cname') return { kind: 'scenario', scenario: 'healthy', portal };
  if (isScenario(label)) return { kind: 'scenario', scenario: label, portal };
  return { kind: 'unknown' };
}

/**
 * The DNS answer policy: every portal name resolves to loopback, `cname.<zone>` is an alias of
 * `healthy.<zone>`, `servfail.<zone>` fails, `dns-timeout.<zone>` is never answered, and any other
 * name is NXDOMAIN.
 */
export function classifyName(queried: string, zone: string): NameVerdict {
  const name = normalise(queried);
  if (name === OTHER_ZONE || name === FOREIGN_HOST || name === zone) return { kind: 'address' };
  const labels = labelsUnder(name, zone);
  if (!labels || labels.length > 2) return { kind: 'nxdomain' };
  const [first = '', second] = labels;
  const label = second ?? first;
  const portalPrefix = second === undefined ? '' : `${first}.`;
  if (label === 'cname') return { kind: 'alias', target: `${portalPrefix}healthy.${zone}` };
  if (label === 'servfail') return { kind: 'servfail' };
  if (label === 'dns-timeout') return { kind: 'no-answer' };
  return routeHost(name, zone).kind === 'unknown' ? { kind: 'nxdomain' } : { kind: 'address' };
}

/** The zone whose SOA goes in the authority section of a negative answer, if the name is ours. */
export function zoneOf(queried: string, zone: string): string | undefined {
  const name = normalise(queried);
  if (name === zone || name.endsWith(`.${zone}`)) return zone;
  if (name === OTHER_ZONE || name.endsWith(`.${OTHER_ZONE}`)) return OTHER_ZONE;
  return undefined;
}
