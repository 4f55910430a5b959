import type { PageModel } from './page-model.ts';
import { WordIndex } from './term-matcher.ts';

/**
 * The word index of a model's visible text, built once per model: extraction derives the text
 * sketch from it and every term-matching signal reads it. A memo keyed by the model object (weak,
 * so it lives exactly as long as the model); a model parsed back from JSON simply builds it again.
 */
const memo = new WeakMap<PageModel, WordIndex>();

export function pageWords(model: PageModel): WordIndex {
  let words = memo.get(model);
  if (words === undefined) {
    words = new WordIndex(model.text);
    memo.set(model, words);
  }
  return words;
}

/** Registers the index extraction already built for a model. */
export function rememberPageWords(model: PageModel, words: WordIndex): void {
  memo.set(model, words);
}
