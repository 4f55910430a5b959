import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractPageModel, type PageModel } from '../analysis/page-model.ts';
import { restorePageTerms, type PageTerms } from '../analysis/page-terms.ts';
import { rememberPageWords } from '../analysis/page-words.ts';
import { decodeWith } from '../probes/decode-body.ts';

export interface ExtractRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly charset: string;
  readonly url: string;
  readonly ignoreSelectors: readonly string[];
  /** Also send back the decoded text (the home page's links are read from it). */
  readonly wantHtml: boolean;
}

export type ExtractReply =
  | { readonly id: number; readonly model: PageModel; readonly terms: PageTerms; readonly html: string | null }
  | { readonly id: number; readonly error: string };

export interface Extracted {
  readonly model: PageModel;
  readonly html: string | null;
}

/** Turns fetched bytes into a page model, in worker threads or inline. */
export interface ModelExtractor {
  extract(
    bytes: Uint8Array,
    charset: string,
    url: string,
    ignoreSelectors: readonly string[],
    wantHtml: boolean,
  ): Promise<Extracted>;
  close(): Promise<void>;
}

/** In the calling thread: tests, and machines with one core. */
export function inlineExtractor(): ModelExtractor {
  return {
    async extract(bytes, charset, url, ignoreSelectors, wantHtml) {
      const html = decodeWith(bytes, charset);
      return {
        model: extractPageModel(html, url, { ignoreSelectors }, rememberPageWords),
        html: wantHtml ? html : null,
      };
    },
    async close() {},
  };
}

/**
 * Page modelling (about 5 ms of CPU for 200 KB of HTML) on worker threads, so the main thread keeps
 * probing: with 2,000 pages a run, modelling inline made the run CPU-bound on one core while the
 * other idled. Workers start lazily; `close()` ends them (a run always does).
 */
export function createModelWorkers(count = Math.max(1, availableParallelism())): ModelExtractor {
  const workers: { worker: Worker; pending: number }[] = [];
  const waiting = new Map<
    number,
    { resolve: (value: Extracted) => void; reject: (error: Error) => void; slot: { pending: number } }
  >();
  let nextId = 0;
  const start = () => {
    const worker = new Worker(new URL('./model-worker.ts', import.meta.url));
    const slot = { worker, pending: 0 };
    worker.on('message', (reply: ExtractReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      entry.slot.pending -= 1;
      if ('error' in reply) entry.reject(new Error(`page model worker: ${reply.error}`));
      else {
        restorePageTerms(reply.model, reply.terms);
        entry.resolve({ model: reply.model, html: reply.html });
      }
    });
    worker.on('error', (error) => {
      for (const [id, entry] of waiting)
        if (entry.slot === slot) {
          waiting.delete(id);
          entry.reject(error);
        }
    });
    workers.push(slot);
    return slot;
  };
  return {
    extract(bytes, charset, url, ignoreSelectors, wantHtml) {
      const slot = workers.length < count ? start() : workers.reduce((a, b) => (b.pending < a.pending ? b : a));
      const id = nextId++;
      slot.pending += 1;
      return new Promise<Extracted>((resolve, reject) => {
        waiting.set(id, { resolve, reject, slot });
        slot.worker.postMessage({
          id,
          bytes,
          charset,
          url,
          ignoreSelectors: [...ignoreSelectors],
          wantHtml,
        } satisfies ExtractRequest);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      workers.length = 0;
    },
  };
}
