import type { Verdict } from '../../checks/schemas/defacement.ts';
import type { State } from '../../checks/schemas/status.ts';

/** The dashboard's counts of states and defacement verdicts over the latest status files. Pure. */

export interface VerdictCounts {
  readonly states: Readonly<Record<State, number>>;
  /** `none`: no verdict (the page could not be fetched, or detection is off). */
  readonly verdicts: Readonly<Record<Verdict | 'none', number>>;
  readonly total: number;
}

export function countVerdicts(
  statuses: readonly { readonly state: State; readonly defacement: { readonly verdict: Verdict } | null }[],
): VerdictCounts {
  const states: Record<State, number> = { up: 0, degraded: 0, down: 0 };
  const verdicts: Record<Verdict | 'none', number> = { clean: 0, suspected: 0, defaced: 0, unknown: 0, none: 0 };
  for (const status of statuses) {
    states[status.state]++;
    verdicts[status.defacement?.verdict ?? 'none']++;
  }
  return { states, verdicts, total: statuses.length };
}
