import type { Signal, Verdict } from '../schemas/defacement.ts';

/**
 * Verdict thresholds on the score (the sum of signal weights, capped at 100):
 *
 * - `defaced` at 60 or more: one decisive signal (spam served only to Googlebot, a replaced page
 *   with defacer wording) or several strong ones together;
 * - `suspected` at 30 or more: one strong signal (an unknown new script or iframe, a redirect off
 *   the site, hidden links, a collapsed layout) — worth a human look, never an alarm on its own;
 * - `clean` below. `unknown` is only for when there is no page to look at.
 */
export const DEFACED_AT = 60;
export const SUSPECTED_AT = 30;

export function scoreOf(signals: readonly Signal[]): number {
  return Math.min(100, Math.round(signals.reduce((sum, s) => sum + s.weight, 0)));
}

export function verdictOf(score: number): Exclude<Verdict, 'unknown'> {
  return score >= DEFACED_AT ? 'defaced' : score >= SUSPECTED_AT ? 'suspected' : 'clean';
}
