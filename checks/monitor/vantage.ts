import type { Vantage } from '../schemas/config.ts';
import type { Site } from '../schemas/site.ts';
import type { Reason, StatusFile } from '../schemas/status.ts';

/**
 * Reasons that say the packets did not get through, whoever is to blame: the runner's resolver or
 * network as much as the site. TLS, HTTP status, redirects, size and bad responses need a working
 * network to happen, so they always count for the site; `internal` is our bug, not our network.
 * `timeout` is here because a cut or saturated link from the runner shows as responses that never arrive.
 */
export const NETWORK_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  'dns',
  'dns-timeout',
  'connect-refused',
  'connect-timeout',
  'connect-reset',
  'connect-unreachable',
  'timeout',
]);

/** What this tick's failures say about the place the checks ran from. */
export interface VantageJudgement {
  /** True: the vantage point (the runner) likely failed, not the sites. */
  readonly failed: boolean;
  /** Statuses of registered sites this tick. */
  readonly checked: number;
  /** Of those, down with a network-level reason. */
  readonly networkFailures: number;
  /** networkFailures / checked; 0 when nothing was checked. */
  readonly share: number;
  /** Distinct groups and agencies among the network failures. */
  readonly groupsAffected: number;
  readonly agenciesAffected: number;
  /** Network failures by reason, most frequent first (ties by name). */
  readonly reasons: readonly { readonly reason: Reason; readonly count: number }[];
  /** Why it failed or not, in one English phrase: the first rule that decided. */
  readonly why: string;
}

/**
 * Whether a large share of the tick's checked sites failed at once at the network level, spread
 * wide enough that the runner is the likelier culprit than a real regional outage. All of:
 * share ≥ `min_share`, failures ≥ `min_sites`, failures in ≥ `min_groups` groups (agencies instead
 * when the checked sites themselves span fewer groups than that, so a one-group registry can still
 * be judged). Statuses of sites not in `sites` are left out. Pure.
 */
export function judgeVantage(
  statuses: readonly StatusFile[],
  sites: ReadonlyMap<string, Site>,
  settings: Vantage,
): VantageJudgement {
  const checked = statuses.flatMap((status) => {
    const site = sites.get(status.id);
    return site ? [{ status, site }] : [];
  });
  const failures = checked.filter(
    ({ status }) => status.state === 'down' && status.reason !== null && NETWORK_REASONS.has(status.reason),
  );
  const counts = new Map<Reason, number>();
  for (const { status } of failures) counts.set(status.reason!, (counts.get(status.reason!) ?? 0) + 1);
  const reasons = [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const groupsAffected = new Set(failures.map((f) => f.site.group)).size;
  const agenciesAffected = new Set(failures.map((f) => f.site.agency)).size;
  const groupsChecked = new Set(checked.map((c) => c.site.group)).size;
  const share = checked.length === 0 ? 0 : failures.length / checked.length;
  const byAgency = groupsChecked < settings.min_groups;
  const spread = byAgency ? agenciesAffected : groupsAffected;
  const noun = byAgency ? (spread === 1 ? 'agency' : 'agencies') : spread === 1 ? 'group' : 'groups';
  const where = `${spread} ${noun}`;
  // The first rule that holds the judgement back says why; none: the vantage point failed.
  const heldBack =
    share < settings.min_share
      ? `share ${percent(share)} below ${percent(settings.min_share)}`
      : failures.length < settings.min_sites
        ? `${failures.length} network failures, fewer than ${settings.min_sites}`
        : spread < settings.min_groups
          ? `failures in ${where}, fewer than ${settings.min_groups}`
          : null;
  return {
    failed: heldBack === null,
    why: heldBack ?? `${percent(share)} of ${checked.length} sites failed at the network level in ${where}`,
    checked: checked.length,
    networkFailures: failures.length,
    share,
    groupsAffected,
    agenciesAffected,
    reasons,
  };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}
