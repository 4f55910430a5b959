import { findSignatures, type SignatureMatch } from './defacer-terms.ts';
import type { PageModel } from './page-model.ts';
import { pageWords } from './page-words.ts';
import { findCallsToActionAt, findLawContext, findSpamTerms, findSportsContext, type SpamMatch } from './spam-terms.ts';
import type { TermMatch } from './term-matcher.ts';

/**
 * Every term list matched against a model's visible text, with its word count: what the spam and
 * defacer-wording signals and the baseline read from the text. Plain data, so the worker thread
 * that modelled a page finds them and sends them back with the model: five passes over some 15,000
 * words of a portal page cost about 1.5 ms on the main thread, the one that also probes every site.
 */
export interface PageTerms {
  readonly wordCount: number;
  readonly spam: readonly SpamMatch[];
  readonly callsToAction: readonly TermMatch[];
  readonly law: readonly TermMatch[];
  readonly sports: readonly TermMatch[];
  readonly signatures: readonly SignatureMatch[];
}

/** Memo keyed by the model object (weak), like `pageWords`; a model cloned from another thread gets it with `restorePageTerms`. */
const memo = new WeakMap<PageModel, PageTerms>();

export function pageTerms(model: PageModel): PageTerms {
  let terms = memo.get(model);
  if (terms === undefined) {
    const words = pageWords(model);
    terms = {
      wordCount: words.count,
      spam: findSpamTerms(words),
      callsToAction: findCallsToActionAt(words),
      law: findLawContext(words),
      sports: findSportsContext(words),
      signatures: findSignatures(words),
    };
    memo.set(model, terms);
  }
  return terms;
}

/** Registers the terms found for `model` in the worker thread that built it (the model arrived as a clone). */
export function restorePageTerms(model: PageModel, terms: PageTerms): void {
  memo.set(model, terms);
}
