import { extractPageModel } from '../analysis/page-model.ts';
import { pageTerms } from '../analysis/page-terms.ts';
import { rememberPageWords } from '../analysis/page-words.ts';
import { decodeWith } from '../probes/decode-body.ts';
import type { ExtractReply, ExtractRequest } from './model-extractor.ts';
import { sameSiteLinks } from './sample-pages.ts';

/**
 * What a model worker does with one page: decode it, model it, match its terms, and (for a home
 * page) list its same-site links. Pure work; an error becomes the reply, never a dead worker.
 */
export function modelPage(request: ExtractRequest): ExtractReply {
  try {
    const html = decodeWith(request.bytes, request.charset);
    const model = extractPageModel(html, request.url, { ignoreSelectors: request.ignoreSelectors }, rememberPageWords);
    // The term matches go back with the model: finding them is the signals' main cost, and this thread has the CPU to spare.
    const links = request.wantLinks ? sameSiteLinks(html, request.url) : null;
    return { id: request.id, model, terms: pageTerms(model), links };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
