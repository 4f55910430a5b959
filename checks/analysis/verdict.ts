import type { Signal, SignalKind, Verdict } from '../schemas/defacement.ts';

/**
 * Verdict thresholds on the score:
 *
 * - `defaced` at 60 or more: one decisive signal (spam served only to Googlebot, a replaced page
 *   with defacer wording) or several strong ones together;
 * - `suspected` at 30 or more: one strong signal (an unknown new script or iframe, a redirect off
 *   the site, hidden links, a collapsed layout) — worth a human look, never an alarm on its own;
 * - `clean` below. `unknown` is only for when there is no page to look at.
 *
 * The score is the sum of signal weights, capped at 100, except that signals which only say the
 * page *changed* (layout, title, favicon, language, new third-party domains) count together at
 * most `CHANGE_CAP`: a redesign replaces all of those at once and must stay "suspected"; a
 * defacement is called only with some evidence of an attack on top (defacer wording or page
 * shape, spam, hidden links, redirects, cloaking, the agency's name gone).
 */
export const DEFACED_AT = 60;
export const SUSPECTED_AT = 30;
export const CHANGE_CAP = 50;

/** Signals that a legitimate redesign also produces. */
export const CHANGE_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>([
  'structure-collapse',
  'title-change',
  'favicon-change',
  'language-change',
  'new-external-domain',
  'visual-change',
]);

export function scoreOf(signals: readonly Signal[]): number {
  let change = 0;
  let attack = 0;
  for (const s of signals) {
    if (CHANGE_KINDS.has(s.kind)) change += s.weight;
    else attack += s.weight;
  }
  return Math.min(100, Math.round(attack + Math.min(CHANGE_CAP, change)));
}

export function verdictOf(score: number): Exclude<Verdict, 'unknown'> {
  return score >= DEFACED_AT ? 'defaced' : score >= SUSPECTED_AT ? 'suspected' : 'clean';
}
