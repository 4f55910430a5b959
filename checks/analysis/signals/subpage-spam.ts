import type { Signal } from '../../schemas/defacement.ts';
import type { PageModel } from '../page-model.ts';
import { makeSignal } from '../signal.ts';
import { defacerSignatureSignals } from './defacer-signature.ts';
import { gamblingSpamSignals } from './gambling-spam.ts';
import { hiddenLinksSignals } from './hidden-links.ts';

export interface Subpage {
  readonly url: string;
  readonly model: PageModel;
}

/** A subpage needs this much absolute evidence to be reported. */
const REPORT_AT = 25;
const MAX_WEIGHT = 70;

/**
 * Spam and defacement on internal pages (Q&A, forum, uploads), where most gambling content on
 * Vietnamese portals was found. Subpages have no baseline: only the absolute signals run (spam
 * terms, defacer wording, hidden links), and each reported page is its own signal with its URL.
 */
export function subpageSpamSignals(subpages: readonly Subpage[]): Signal[] {
  const out: Signal[] = [];
  for (const { url, model } of subpages) {
    const found = [
      ...gamblingSpamSignals({ model, baseline: null }),
      ...defacerSignatureSignals({ model, baseline: null }),
      ...hiddenLinksSignals({ model, baseline: null }),
    ];
    const weight = found.reduce((s, x) => s + x.weight, 0);
    if (weight < REPORT_AT) continue;
    out.push(
      makeSignal(
        'subpage-spam',
        Math.min(MAX_WEIGHT, weight),
        `Internal page ${url}: ${found.map((s) => s.detail).join(' ')}`,
        found.flatMap((s) => s.evidence),
        url,
      ),
    );
  }
  return out;
}
