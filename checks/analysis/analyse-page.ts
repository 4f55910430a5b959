import type { Defacement, Signal } from '../schemas/defacement.ts';
import type { Baseline } from './baseline.ts';
import type { PageModel } from './page-model.ts';
import { cloakingSignals, type Variants } from './signals/cloaking.ts';
import { defacerSignatureSignals } from './signals/defacer-signature.ts';
import { defacerStructureSignals } from './signals/defacer-structure.ts';
import { faviconChangeSignals } from './signals/favicon-change.ts';
import { gamblingSpamSignals } from './signals/gambling-spam.ts';
import { hiddenLinksSignals } from './signals/hidden-links.ts';
import { identityLostSignals } from './signals/identity-lost.ts';
import { keywordMissingSignals } from './signals/keyword-missing.ts';
import { languageChangeSignals } from './signals/language-change.ts';
import { newExternalDomainSignals } from './signals/new-external-domain.ts';
import { offsiteRedirectSignals } from './signals/offsite-redirect.ts';
import { structureCollapseSignals } from './signals/structure-collapse.ts';
import { subpageSpamSignals, type Subpage } from './signals/subpage-spam.ts';
import { titleChangeSignals } from './signals/title-change.ts';
import { scoreOf, verdictOf } from './verdict.ts';

export interface AnalysisInput {
  /** The home page as fetched; null when there is no page to judge (the fetch failed). */
  readonly model: PageModel | null;
  readonly baseline: Baseline | null;
  readonly variants?: Variants;
  /** `checks.keywords` from the site's config. */
  readonly keywords: readonly string[];
  /** The registry's names for the site (identity.ts `identityNames`): what the identity signal looks for. */
  readonly names?: readonly string[];
  /** The registered URL of the site. */
  readonly siteUrl: string;
  /** Where the redirect chain ended. */
  readonly finalUrl: string;
  readonly subpages?: readonly Subpage[];
  /** Findings of earlier runs that still stand unconfirmed (flagged subpages not read again). */
  readonly carried?: readonly Signal[];
}

/**
 * What to do with the baseline after this observation: `create` (trust on first use: the first
 * clean observation), `update` (a clean observation teaches what changes), `keep` (anything
 * suspicious, or nothing to look at, must never teach the baseline).
 */
export type BaselineAction = 'create' | 'update' | 'keep';

export interface Analysis {
  readonly defacement: Defacement;
  readonly baselineAction: BaselineAction;
}

/**
 * Judges one observation of a site. Pure: the page model(s), the baseline and `now` in, the
 * verdict and the baseline action out; the caller persists the baseline with `createBaseline` or
 * `updateBaseline`. Absolute signals (defacer wording, spam, hidden links, redirects, cloaking)
 * run even without a baseline; the comparative ones (layout, title, favicon, language, new
 * domains) need one. See verdict.ts for the thresholds.
 */
export function analysePage(input: AnalysisInput, now: Date): Analysis {
  void now; // The verdict does not depend on the time; the parameter keeps the analyzer contract (and future staleness rules).
  const { model, baseline } = input;
  const baselineRef = baseline === null ? null : { capturedAt: baseline.capturedAt };
  if (model === null || model.htmlLength === 0) {
    return { defacement: { verdict: 'unknown', score: 0, signals: [], baseline: baselineRef }, baselineAction: 'keep' };
  }
  const page = { model, baseline };
  const signals: Signal[] = [
    ...defacerSignatureSignals(page),
    ...defacerStructureSignals(page),
    ...gamblingSpamSignals(page),
    ...hiddenLinksSignals(page),
    ...newExternalDomainSignals(page),
    ...offsiteRedirectSignals({ ...page, siteUrl: input.siteUrl, finalUrl: input.finalUrl }),
    ...cloakingSignals({ ...page, variants: input.variants, siteUrl: input.siteUrl }),
    ...structureCollapseSignals(page),
    ...titleChangeSignals(page),
    ...faviconChangeSignals(page),
    ...keywordMissingSignals({ model, keywords: input.keywords }),
    ...identityLostSignals({ ...page, names: input.names ?? [] }),
    ...languageChangeSignals(page),
    ...subpageSpamSignals(input.subpages ?? []),
    ...(input.carried ?? []),
  ].sort((a, b) => b.weight - a.weight);
  const score = scoreOf(signals);
  const verdict = verdictOf(score);
  // The baseline models the home page: spam found on an internal page is that page's finding and
  // must not keep a clean home page from being learned (nor from becoming the first baseline).
  const homeVerdict = verdictOf(scoreOf(signals.filter((s) => s.kind !== 'subpage-spam')));
  const baselineAction: BaselineAction = homeVerdict !== 'clean' ? 'keep' : baseline === null ? 'create' : 'update';
  return { defacement: { verdict, score, signals, baseline: baselineRef }, baselineAction };
}

export interface ReusedHomeInput {
  /** The home page's signals from an earlier run that judged the same bytes against the same baseline. */
  readonly homeSignals: readonly Signal[];
  readonly baseline: Baseline;
  readonly subpages?: readonly Subpage[];
  readonly carried?: readonly Signal[];
}

/**
 * `analysePage` for a run that did not model the home page because it had not changed
 * (defacement/reuse-judgement.ts decides when): its signals come from the earlier judgement, the
 * internal pages and carried findings are this run's, and score and verdict are recomputed. Never
 * teaches the baseline: a page is reused only when no baseline update is due. Pure.
 */
export function analyseWithHomeSignals(input: ReusedHomeInput): Analysis {
  // Same order as analysePage: home signals first, then subpages, then carried, stably sorted by weight.
  const signals = [...input.homeSignals, ...subpageSpamSignals(input.subpages ?? []), ...(input.carried ?? [])].sort(
    (a, b) => b.weight - a.weight,
  );
  const score = scoreOf(signals);
  return {
    defacement: { verdict: verdictOf(score), score, signals, baseline: { capturedAt: input.baseline.capturedAt } },
    baselineAction: 'keep',
  };
}
