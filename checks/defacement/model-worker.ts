import { parentPort } from 'node:worker_threads';
import { extractPageModel } from '../analysis/page-model.ts';
import { pageTerms } from '../analysis/page-terms.ts';
import { rememberPageWords } from '../analysis/page-words.ts';
import { decodeWith } from '../probes/decode-body.ts';
import { sameSiteLinks } from './sample-pages.ts';
import type { ExtractRequest, ExtractReply } from './model-extractor.ts';

// Worker thread: decode and model pages off the main thread, which keeps probing. Pure work only.
parentPort!.on('message', (request: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    const html = decodeWith(request.bytes, request.charset);
    const model = extractPageModel(html, request.url, { ignoreSelectors: request.ignoreSelectors }, rememberPageWords);
    // The term matches go back with the model: finding them is the signals' main cost, and this thread has the CPU to spare.
    const links = request.wantLinks ? sameSiteLinks(html, request.url) : null;
    reply = { id: request.id, model, terms: pageTerms(model), links };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort!.postMessage(reply);
});
