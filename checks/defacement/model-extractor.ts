import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractPageModel, type PageModel } from '../analysis/page-model.ts';
import { restorePageTerms, type PageTerms } from '../analysis/page-terms.ts';
import { rememberPageWords } from '../analysis/page-words.ts';
import { decodeWith } from '../probes/decode-body.ts';
import { ModelWorkerError } from './model-worker-error.ts';

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

/** Heap a model worker may use; a page whose model needs more kills the worker, not the run. */
export const MODEL_WORKER_HEAP_MB = 64;

/**
 * Page modelling (about 5 ms of CPU for 200 KB of HTML) on worker threads, so the main thread keeps
 * probing: with 2,000 pages a run, modelling inline made the run CPU-bound on one core while the
 * other idled. Workers start lazily; `close()` ends them (a run always does).
 *
 * Each worker's heap is capped (`maxHeapMb`): a hostile page (4 MB on one line, 100,000 nested
 * elements) must cost that page its model, not the process its memory. A worker that dies fails the
 * page it was modelling with a `ModelWorkerError` and is replaced; the pages queued behind it are
 * sent to the replacement.
 */
export function createModelWorkers(
  count = Math.max(1, availableParallelism()),
  { maxHeapMb = MODEL_WORKER_HEAP_MB }: { maxHeapMb?: number } = {},
): ModelExtractor {
  interface Job {
    readonly request: ExtractRequest;
    readonly resolve: (value: Extracted) => void;
    readonly reject: (error: Error) => void;
  }
  interface Slot {
    readonly worker: Worker;
    /** Sent and not answered, in sending order: a worker answers in order, so the first is the one it is on. */
    readonly jobs: Map<number, Job>;
  }
  const slots: Slot[] = [];
  let nextId = 0;
  let closing = false;

  const start = (): Slot => {
    const worker = new Worker(new URL('./model-worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(32, maxHeapMb / 4) },
    });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (reply: ExtractReply) => {
      const job = slot.jobs.get(reply.id);
      if (!job) return;
      slot.jobs.delete(reply.id);
      if ('error' in reply) job.reject(new Error(`page model worker: ${reply.error}`));
      else {
        restorePageTerms(reply.model, reply.terms);
        job.resolve({ model: reply.model, html: reply.html });
      }
    });
    let failure: Error | null = null;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', () => {
      const index = slots.indexOf(slot);
      if (index !== -1) slots.splice(index, 1);
      const [first, ...rest] = slot.jobs.values();
      slot.jobs.clear();
      if (!first) return;
      const outOfMemory = (failure as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      first.reject(
        new ModelWorkerError(
          outOfMemory ? 'MODEL_WORKER_OUT_OF_MEMORY' : 'MODEL_WORKER_EXITED',
          first.request.url,
          outOfMemory
            ? `modelling ${first.request.url} took more than the model worker's ${maxHeapMb} MB heap; the worker was restarted`
            : `the model worker exited while modelling ${first.request.url}${failure ? ` (${(failure as Error).message})` : ''}`,
          { cause: failure },
        ),
      );
      // The pages queued behind the one that killed it did nothing wrong: a new worker takes them.
      for (const job of rest) {
        if (closing) job.reject(new Error('page model workers were closed'));
        else send(job);
      }
    });
    slots.push(slot);
    return slot;
  };
  const send = (job: Job) => {
    const slot = slots.length < count ? start() : slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    slot.jobs.set(job.request.id, job);
    slot.worker.postMessage(job.request);
  };
  return {
    extract(bytes, charset, url, ignoreSelectors, wantHtml) {
      const request: ExtractRequest = {
        id: nextId++,
        bytes,
        charset,
        url,
        ignoreSelectors: [...ignoreSelectors],
        wantHtml,
      };
      return new Promise<Extracted>((resolve, reject) => send({ request, resolve, reject }));
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      slots.length = 0;
    },
  };
}
