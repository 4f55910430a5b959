import type { Signal } from '../../schemas/defacement.ts';
import { findSignatures, type SignatureMatch, type SignatureTier } from '../defacer-terms.ts';
import { pageTerms } from '../page-terms.ts';
import { makeSignal } from '../signal.ts';
import { excerptAround } from '../text-fold.ts';
import type { SignalInput } from './signal-input.ts';

const TIER_WEIGHT: Record<SignatureTier, number> = { strong: 40, medium: 15, leet: 15, weak: 3 };
/** A page with less visible text than this is "small": defacement pages are (median ≈ 500 characters). */
const SMALL_PAGE = 3000;
const MAX_WEIGHT = 75;

/**
 * Defacer wording in the title, visible text, image alt text, or typed out by an inline script. Where it appears decides how much
 * it counts: in the title, or on a small page, a "hacked by" is the page's message; in a large
 * portal page it may be a headline about an attack, unless the baseline never had it. Wording the
 * baseline already had (news about "website bị hack") counts a fifth.
 */
export function defacerSignatureSignals({ model, baseline }: SignalInput): Signal[] {
  const known = new Set(baseline?.signatureTerms ?? []);
  const small = model.textLength < SMALL_PAGE;
  const best = new Map<string, { weight: number; evidence: string }>();
  const zones: ReadonlyArray<readonly [string, string, number, readonly SignatureMatch[] | undefined]> = [
    ['title', model.title, 1.3, undefined],
    ['text', model.text, 1, pageTerms(model).signatures],
    ['alt', model.altText, 0.8, undefined],
    ['script', model.scriptSignatures.join(' | '), 0.8, undefined],
  ];
  for (const [zone, text, zoneFactor, found] of zones) {
    if (text === '') continue;
    for (const m of found ?? findSignatures(text)) {
      let weight = TIER_WEIGHT[m.tier] * zoneFactor;
      const isNew = baseline !== null && !known.has(m.term);
      if (zone !== 'title' && !small && !(isNew && m.tier === 'strong')) weight *= 0.5;
      if (known.has(m.term)) weight *= 0.2;
      const prev = best.get(m.term);
      if (prev === undefined || prev.weight < weight) {
        best.set(m.term, { weight, evidence: `${zone}: ${excerptAround(text, m.index, m.end)}` });
      }
    }
  }
  if (best.size === 0) return [];
  const ranked = [...best.entries()].sort((a, b) => b[1].weight - a[1].weight);
  const total = Math.min(
    MAX_WEIGHT,
    ranked.reduce((sum, [, v]) => sum + v.weight, 0),
  );
  if (total < 1) return [];
  const terms = ranked
    .map(([t]) => `"${t}"`)
    .slice(0, 6)
    .join(', ');
  return [
    makeSignal(
      'defacer-signature',
      total,
      `Defacer wording on the page: ${terms}.`,
      ranked.map(([, v]) => v.evidence),
    ),
  ];
}
