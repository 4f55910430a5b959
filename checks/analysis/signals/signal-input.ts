import type { Baseline } from '../baseline.ts';
import type { PageModel } from '../page-model.ts';
import type { WordIndex } from '../term-matcher.ts';

/** What most signals read: the page now, and what it normally looks like (null before the first clean observation). */
export interface SignalInput {
  readonly model: PageModel;
  readonly baseline: Baseline | null;
  /** The word index of `model.text`, when the caller built one to share between signals. */
  readonly textWords?: WordIndex;
}
