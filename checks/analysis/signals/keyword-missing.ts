import type { Signal } from '../../schemas/defacement.ts';
import type { PageModel } from '../page-model.ts';
import { makeSignal } from '../signal.ts';
import { foldDiacritics, normaliseText } from '../text-fold.ts';

export interface KeywordInput {
  readonly model: PageModel;
  /** From the site's config (`checks.keywords`), e.g. the agency's name. */
  readonly keywords: readonly string[];
}

/** All keywords missing weighs this much (suspected on its own); a share of them, that share. */
const ALL_MISSING = 30;

/**
 * Required keywords (the agency's name) missing from the title, text, hidden text and alt text.
 * Matching ignores case, diacritics and spacing, so "UBND tỉnh Hòa Bình" matches "ubnd tinh hoa binh".
 */
export function keywordMissingSignals({ model, keywords }: KeywordInput): Signal[] {
  if (keywords.length === 0) return [];
  const haystack = foldDiacritics(`${model.title} ${model.text} ${model.hiddenText} ${model.altText}`);
  const missing = keywords.filter((k) => {
    const needle = foldDiacritics(normaliseText(k));
    return needle !== '' && !haystack.includes(needle);
  });
  if (missing.length === 0) return [];
  const weight = (ALL_MISSING * missing.length) / keywords.length;
  return [
    makeSignal(
      'keyword-missing',
      weight,
      `Required keyword(s) missing: ${missing.map((k) => `"${k}"`).join(', ')}.`,
      missing,
    ),
  ];
}
