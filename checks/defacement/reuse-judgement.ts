import { createHash } from 'node:crypto';
import type { Baseline } from '../analysis/baseline.ts';
import type { Defacement, JudgementBasis, Signal, SignalKind } from '../schemas/defacement.ts';
import { baselineUpdateDue } from './baseline-schedule.ts';

/**
 * Bump when the home-page signals change meaning (new rules, new weights), so judgements stored by
 * the previous version are not reused. Even without a bump they last at most until the page's next
 * variant run (`variants_every_runs`, 6 by default) or baseline update, which always model the page.
 */
export const JUDGEMENT_VERSION = 2; // 2: the identity signal, signature context (claim or mention), SVG script text

/** Everything besides the page bytes and the baseline that the home page's signals depend on. */
export interface JudgementContext {
  readonly charset: string;
  readonly finalUrl: string;
  readonly siteUrl: string;
  readonly keywords: readonly string[];
  /** The registry's names for the site (the identity signal looks for them). */
  readonly names: readonly string[];
  readonly ignoreSelectors: readonly string[];
}

/**
 * What this run's home-page judgement is computed from. Hashing 165 KB costs about 0.12 ms, against
 * about 3 ms to model the page (bench portal page, this machine).
 */
export function judgementBasis(
  bytes: Uint8Array,
  context: JudgementContext,
  baseline: Baseline | null,
): JudgementBasis {
  const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
  const { charset, finalUrl, siteUrl, keywords, names, ignoreSelectors } = context;
  return {
    pageSha256: sha256(bytes),
    contextSha256: sha256(
      JSON.stringify([JUDGEMENT_VERSION, charset, finalUrl, siteUrl, keywords, names, ignoreSelectors]),
    ),
    baselineUpdatedAt: baseline?.updatedAt ?? null,
  };
}

/** Why the home page must be modelled this run; stable codes, for tests and for anyone debugging a run. */
export const MODEL_REASONS = {
  'accept-requested': 'a responder asked for this observation to become the baseline',
  'no-baseline': 'there is no baseline yet: this observation may become it',
  'variants-run': "this run fetches the cloaking variants, which are compared with the home page's model",
  'no-previous': 'the last status has no judgement of the home page to reuse',
  'page-changed': 'the page bytes differ from the ones last judged',
  'context-changed': 'the charset, final URL, keywords, site names, ignore_selectors or the analysis version changed',
  'baseline-changed': 'the baseline is not the version the page was last judged against',
  'baseline-update-due': 'a clean observation now would be folded into the baseline, which needs the model',
} as const;
export type ModelReason = keyof typeof MODEL_REASONS;

export interface ReuseQuestion {
  /** `defacement` of the site's last status, or null. */
  readonly previous: Defacement | null;
  readonly basis: JudgementBasis;
  /** The baseline this run judges against (null when none, or when an accept request set it aside). */
  readonly baseline: Baseline | null;
  readonly acceptRequested: boolean;
  readonly fetchesVariants: boolean;
  readonly now: Date;
  /** `defacement.baseline_refresh_hours`. */
  readonly refreshHours: number;
}

export type ReuseAnswer =
  | { readonly reuse: true; readonly homeSignals: Signal[] }
  | { readonly reuse: false; readonly reason: ModelReason };

/**
 * Signals that are not about the home page's bytes against the baseline: internal pages (judged
 * afresh every run), cloaking (only from variants, which a reusing run does not fetch) and the
 * screenshot (the visual tier decides on its own every run).
 */
const NOT_FROM_HOME: ReadonlySet<SignalKind> = new Set<SignalKind>(['subpage-spam', 'cloaking', 'visual-change']);

/**
 * Whether the home page's signals of the last run still stand, so this run need not model the page:
 * same bytes, same context, same baseline version, and nothing this run needs the model for (no
 * variants to compare, no accept request, no baseline update due). Pure.
 */
export function reusableJudgement(question: ReuseQuestion): ReuseAnswer {
  const { previous, basis, baseline } = question;
  const refuse = (reason: ModelReason): ReuseAnswer => ({ reuse: false, reason });
  if (question.acceptRequested) return refuse('accept-requested');
  if (baseline === null) return refuse('no-baseline');
  if (question.fetchesVariants) return refuse('variants-run');
  const last = previous?.analysed;
  if (!previous || !last || previous.verdict === 'unknown') return refuse('no-previous');
  if (last.pageSha256 !== basis.pageSha256) return refuse('page-changed');
  if (last.contextSha256 !== basis.contextSha256) return refuse('context-changed');
  if (last.baselineUpdatedAt !== basis.baselineUpdatedAt || basis.baselineUpdatedAt !== baseline.updatedAt)
    return refuse('baseline-changed');
  if (baselineUpdateDue(baseline, question.now, question.refreshHours)) return refuse('baseline-update-due');
  return { reuse: true, homeSignals: previous.signals.filter((s) => !NOT_FROM_HOME.has(s.kind)) };
}
