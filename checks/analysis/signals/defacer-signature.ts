import type { Signal } from '../../schemas/defacement.ts';
import { findSignatures, type SignatureMatch, type SignatureTier } from '../defacer-terms.ts';
import { pageTerms } from '../page-terms.ts';
import { makeSignal } from '../signal.ts';
import { signatureContext, titleContext } from '../signature-context.ts';
import { INTACT_LAYOUT, layoutContainment } from './structure-collapse.ts';
import { excerptAround } from '../text-fold.ts';
import type { SignalInput } from './signal-input.ts';

const TIER_WEIGHT: Record<SignatureTier, number> = { strong: 40, medium: 15, leet: 15, weak: 3 };
/** A page with less visible text than this is "small": defacement pages are (median ≈ 500 characters). */
const SMALL_PAGE = 3000;
const MAX_WEIGHT = 75;
/**
 * A new strong phrase standing as a claim (a heading, a banner, the title, a handle after "hacked
 * by") on a large page: `defaced` on its own, injected into an intact page or not.
 */
const CLAIM_WEIGHT = 65;
/** A mention (news about an attack) on a page whose layout is intact counts this share. */
const MENTION_ON_INTACT = 0.1;

/**
 * Defacer wording in the title, visible text, image alt text, or typed out by an inline script. Where
 * and how it stands decides how much it counts (signature-context.ts):
 *
 * - a new strong phrase standing as a claim (in the title, a heading or banner, a handle after it)
 *   is `defaced` on its own, on a replaced page or injected into an intact one, while a mention (a
 *   headline in a news list, "bị hack bởi nhóm tin tặc…") counts a tenth on an intact page and half
 *   on one whose layout changed;
 * - on a small page other wording is the page's message too (defacement pages are small);
 * - other wording on a large page counts half, unless it is a strong phrase the baseline never had
 *   on a page whose layout changed;
 * - wording the baseline already had counts a fifth of that.
 */
export function defacerSignatureSignals({ model, baseline }: SignalInput): Signal[] {
  const known = new Set(baseline?.signatureTerms ?? []);
  const small = model.textLength < SMALL_PAGE;
  // Only mentions ask; most pages have none, and the layout comparison is not free.
  let intactMemo: boolean | undefined;
  const intact = () => (intactMemo ??= isIntact(model, baseline));
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
      const isNew = baseline === null || !known.has(m.term);
      const context = zone === 'title' ? titleContext(text, m) : zone === 'text' ? signatureContext(model, m) : 'plain';
      let weight = TIER_WEIGHT[m.tier] * zoneFactor;
      if (context === 'mention') weight *= intact() ? MENTION_ON_INTACT : 0.5;
      else if (context === 'claim' && m.tier === 'strong' && isNew) weight = Math.max(weight, CLAIM_WEIGHT);
      // Wording in running text of a large page: half, unless it is a new strong phrase on a page
      // whose layout changed too (a replaced page); on an intact page it is an article's words.
      else if (zone !== 'title' && !small && !(baseline !== null && isNew && m.tier === 'strong' && !intact()))
        weight *= 0.5;
      if (known.has(m.term)) weight *= 0.2;
      const prev = best.get(m.term);
      if (prev === undefined || prev.weight < weight) {
        const where = context === 'plain' ? zone : `${zone}, ${context}`;
        best.set(m.term, { weight, evidence: `${where}: ${excerptAround(text, m.index, m.end)}` });
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

/** Most of the baseline's stable layout is still there (true without a baseline: nothing says it changed). */
function isIntact(model: SignalInput['model'], baseline: SignalInput['baseline']): boolean {
  if (baseline === null) return true;
  const layout = layoutContainment(model, baseline);
  return layout === null || layout.share >= INTACT_LAYOUT;
}
