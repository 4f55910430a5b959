import type { Defacement, Signal } from '../schemas/defacement.ts';

/**
 * What became of an internal page fetched this run: analysed (its findings are fresh), gone (404 or
 * 410: the agency removed it), or unreachable (timeout, reset, 5xx, …: nothing learned).
 */
export type SubpageOutcome = 'analysed' | 'gone' | 'unreachable';

/** Flagged pages fetched again per run, on top of the rotating sample: bounds the run's cost. */
export const MAX_RECHECKS = 5;

/** Marks a finding that was not confirmed this run; stripped before re-marking so it never stacks. */
const CARRIED_PREFIX = 'Not re-read this run (';

/**
 * Internal pages flagged by the last run, heaviest first, to fetch again whatever the rotation says:
 * without this, spam on a sampled doorway page vanished from the verdict until the rotation came back
 * to it, and the incident flapped.
 */
export function pagesToRecheck(previous: Defacement | null): string[] {
  const flagged = (previous?.signals ?? []).filter((s) => s.kind === 'subpage-spam' && s.url !== undefined);
  return [...new Set(flagged.sort((a, b) => b.weight - a.weight).map((s) => s.url!))].slice(0, MAX_RECHECKS);
}

/**
 * Last run's subpage findings that still stand: a flagged page that could not be read again (or was
 * beyond this run's re-check allowance) keeps its finding, marked as carried. A page read again is
 * judged afresh by the analysis; a page that is gone (404/410) has been cleaned up.
 */
export function carriedFindings(previous: Defacement | null, outcomes: ReadonlyMap<string, SubpageOutcome>): Signal[] {
  const carried: Signal[] = [];
  for (const signal of previous?.signals ?? []) {
    if (signal.kind !== 'subpage-spam' || signal.url === undefined) continue;
    const outcome = outcomes.get(signal.url);
    if (outcome === 'analysed' || outcome === 'gone') continue;
    const why = outcome === 'unreachable' ? 'the page did not answer' : 'more flagged pages than this run re-checks';
    carried.push({ ...signal, detail: `${CARRIED_PREFIX}${why}): ${originalDetail(signal.detail)}` });
  }
  return carried;
}

function originalDetail(detail: string): string {
  if (!detail.startsWith(CARRIED_PREFIX)) return detail;
  const end = detail.indexOf('): ');
  return end === -1 ? detail : detail.slice(end + 3);
}
