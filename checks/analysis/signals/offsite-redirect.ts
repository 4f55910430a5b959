import type { Signal } from '../../schemas/defacement.ts';
import type { Baseline } from '../baseline.ts';
import type { PageModel } from '../page-model.ts';
import { domainOfUrl } from '../registrable-domain.ts';
import { makeSignal } from '../signal.ts';
import { findSpamTerms } from '../spam-terms.ts';

export interface RedirectInput {
  readonly model: PageModel;
  readonly baseline: Baseline | null;
  /** The URL the site is registered with. */
  readonly siteUrl: string;
  /** Where the redirect chain ended (the URL the HTML came from). */
  readonly finalUrl: string;
}

const SPAMMY_TARGET_BONUS = 20;
const MAX_WEIGHT = 70;

/**
 * Visitors sent to another registrable domain: by the redirect chain itself, by a meta refresh, or
 * by a literal `location` assignment in an inline script. Targets the baseline already used (a site
 * that moved, a portal that forwards to its new province) do not count. Without a baseline they stay
 * below "suspected" unless the target looks like spam: a first look cannot tell a moved page from a
 * hijack, and a first observation that is not clean never becomes the baseline.
 */
export function offsiteRedirectSignals({ model, baseline, siteUrl, finalUrl }: RedirectInput): Signal[] {
  const siteDomain = domainOfUrl(siteUrl) ?? '';
  const known = new Set([siteDomain, model.domain, ...(baseline?.redirectDomains ?? [])]);
  const out: Signal[] = [];

  const finalDomain = domainOfUrl(finalUrl);
  if (finalDomain !== null && finalDomain !== siteDomain && finalDomain !== baseline?.domain) {
    const w = (baseline === null ? 25 : 40) + spamBonus(finalDomain);
    out.push(
      makeSignal(
        'offsite-redirect',
        w,
        `The redirect chain from ${siteDomain} ends on another domain, ${finalDomain}.`,
        [finalUrl],
      ),
    );
  }

  const refresh = model.metaRefresh?.url ?? null;
  const refreshDomain = refresh === null ? null : domainOfUrl(refresh);
  if (refresh !== null && refreshDomain !== null && !known.has(refreshDomain)) {
    const delay = model.metaRefresh!.delay;
    const w = (baseline === null ? 20 : delay <= 5 ? 45 : 30) + spamBonus(refreshDomain);
    out.push(
      makeSignal('offsite-redirect', w, `A meta refresh sends visitors to ${refreshDomain} after ${delay} s.`, [
        refresh,
      ]),
    );
  }

  const scripted = model.scriptRedirects.filter((u) => {
    const d = domainOfUrl(u);
    return d !== null && !known.has(d);
  });
  if (scripted.length > 0) {
    const domains = [...new Set(scripted.map((u) => domainOfUrl(u)!))];
    const w = (baseline === null ? 15 : 35) + Math.max(...domains.map(spamBonus));
    out.push(
      makeSignal(
        'offsite-redirect',
        w,
        `An inline script sends visitors to ${domains.slice(0, 3).join(', ')}.`,
        scripted,
      ),
    );
  }
  if (out.length <= 1) return out;
  // One kind, one signal: the strongest carries the weight, the others add a little.
  const sorted = out.sort((a, b) => b.weight - a.weight);
  const total = sorted[0]!.weight + sorted.slice(1).reduce((s, x) => s + x.weight / 3, 0);
  return [
    makeSignal(
      'offsite-redirect',
      Math.min(MAX_WEIGHT, total),
      sorted.map((s) => s.detail).join(' '),
      sorted.flatMap((s) => s.evidence),
    ),
  ];
}

function spamBonus(domain: string): number {
  return findSpamTerms(domain.replace(/\.[^.]+$/, '').replace(/[.-]/g, ' ')).length > 0 ? SPAMMY_TARGET_BONUS : 0;
}
