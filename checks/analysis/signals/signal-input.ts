import type { Baseline } from '../baseline.ts';
import type { PageModel } from '../page-model.ts';

/** What most signals read: the page now, and what it normally looks like (null before the first clean observation). */
export interface SignalInput {
  readonly model: PageModel;
  readonly baseline: Baseline | null;
}
