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
  const flagged = flaggedSubpages(previous).sort((a, b) => b.weight - a.weight);
  return [...new Set(flagged.map((s) => s.url))].slice(0, MAX_RECHECKS);
}

/**
 * Last run's subpage findings that still stand: a flagged page that could not be read again (or was
 * beyond this run's re-check allowance) keeps its finding, marked as carried. A page read again is
 * judged afresh by the analysis; a page that is gone (404/410) has been cleaned up.
 */
export function carriedFindings(previous: Defacement | null, outcomes: ReadonlyMap<string, SubpageOutcome>): Signal[] {
  const carried: Signal[] = [];
  for (const signal of flaggedSubpages(previous)) {
    const outcome = outcomes.get(signal.url);
    if (outcome === 'analysed' || outcome === 'gone') continue;
    carried.push(
      carry(
        signal,
        outcome === 'unreachable' ? 'the page did not answer' : 'more flagged pages than this run re-checks',
      ),
    );
  }
  return carried;
}

/**
 * The defacement part of the status when the home page could not be read (the site is down): no
 * verdict, since nothing was judged, but last run's internal-page findings, carried and marked, so
 * that the next run fetches those pages again. Without them a single outage made the run forget a
 * doorway page: the incident resolved on the next clean home page and reopened when the rotation
 * found the page again. A lost baseline is carried too: an outage does not make it reviewed. Null when
 * there is nothing to carry (the usual down site).
 */
export function unreadSite(previous: Defacement | null): Defacement | null {
  const carried = flaggedSubpages(previous).map((signal) => carry(signal, 'the site did not answer'));
  const lost = previous?.baselineLost;
  if (carried.length === 0 && !lost) return null;
  return {
    verdict: 'unknown',
    score: 0,
    signals: carried,
    baseline: previous!.baseline,
    ...(lost ? { baselineLost: lost } : {}),
  };
}

/** Last run's findings on internal pages (each names its page). */
function flaggedSubpages(previous: Defacement | null): (Signal & { url: string })[] {
  return (previous?.signals ?? []).filter(
    (s): s is Signal & { url: string } => s.kind === 'subpage-spam' && s.url !== undefined,
  );
}

/** A finding kept without being confirmed this run, marked with why. */
function carry(signal: Signal, why: string): Signal {
  return { ...signal, detail: `${CARRIED_PREFIX}${why}): ${originalDetail(signal.detail)}` };
}

function originalDetail(detail: string): string {
  if (!detail.startsWith(CARRIED_PREFIX)) return detail;
  const end = detail.indexOf('): ');
  return end === -1 ? detail : detail.slice(end + 3);
}
