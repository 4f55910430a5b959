import { flushCompileCache } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageModel } from '../analysis/page-model.ts';
import { restorePageTerms, type PageTerms } from '../analysis/page-terms.ts';
import { modelPage } from './model-page.ts';
import { ModelWorkerError } from './model-worker-error.ts';

export interface ExtractRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly charset: string;
  readonly url: string;
  readonly ignoreSelectors: readonly string[];
  /**
   * Also send back the page's same-site links (the home page's sample of internal pages is drawn
   * from them): a few KB, where the decoded text would be the page again in the main thread's heap.
   */
  readonly wantLinks: boolean;
}

export type ExtractReply =
  | {
      readonly id: number;
      readonly model: PageModel;
      readonly terms: PageTerms;
      readonly links: readonly string[] | null;
    }
  | { readonly id: number; readonly error: string };

export interface Extracted {
  readonly model: PageModel;
  /** Same-site links of the page (`sameSiteLinks`), when asked for. */
  readonly links: readonly string[] | null;
}

/** Turns fetched bytes into a page model, in worker threads or inline. */
export interface ModelExtractor {
  extract(
    bytes: Uint8Array,
    charset: string,
    url: string,
    ignoreSelectors: readonly string[],
    wantLinks: boolean,
  ): Promise<Extracted>;
  close(): Promise<void>;
}

/** In the calling thread (tests), doing what a model worker does. */
export function inlineExtractor(): ModelExtractor {
  let nextId = 0;
  return {
    async extract(bytes, charset, url, ignoreSelectors, wantLinks) {
      const reply = modelPage({ id: nextId++, bytes, charset, url, ignoreSelectors, wantLinks });
      if ('error' in reply) throw new Error(`page model: ${reply.error}`);
      return { model: reply.model, links: reply.links };
    },
    async close() {},
  };
}

/**
 * Heap a model worker may use; a page whose model needs more kills the worker, not the run. 32 MB: a real page up to the 5 MiB body cap models in 16 MB (a 155 KB portal page repeated to
 * 1, 2 and 4 MB, measured), while a hostile one (4 MB on one line, 100,000 nested elements) fills
 * whatever it is given, and each worker's full heap is resident memory of the run.
 */
export const MODEL_WORKER_HEAP_MB = 32;

/** The model workers, with what their isolates hold (benchmarks read it: the main thread's `process.memoryUsage()` does not see it). */
export interface ModelWorkers extends ModelExtractor {
  /** Heap committed and external memory (array buffers, external strings) of each running worker, in bytes. */
  memory(): Promise<{ readonly heap: number; readonly external: number }[]>;
}

/** One page being modelled and one ready behind it, so a worker never idles waiting for the main thread. */
const POSTED_PER_WORKER = 2;

/**
 * Workers a run models pages on: one core is left to the main thread, which probes, decompresses and
 * writes. Each worker is an isolate of its own (about 30 MB with its heap), and on a 2-core runner a
 * second one bought no time: pages cost about 4 ms of CPU each, and the run waits on the network.
 */
export function defaultModelWorkerCount(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Page modelling (about 4 ms of CPU for 200 KB of HTML) on worker threads, so the main thread keeps
 * probing: with 2,000 pages a run, modelling inline made the run CPU-bound on one core while the
 * other idled. Workers start lazily; `close()` ends them (a run always does).
 *
 * Each worker's heap is capped (`maxHeapMb`): a hostile page (4 MB on one line, 100,000 nested
 * elements) must cost that page its model, not the process its memory. A worker that dies fails the
 * page it was modelling with a `ModelWorkerError` and is replaced; the pages queued behind it are
 * sent to the replacement.
 *
 * A worker is sent at most `POSTED_PER_WORKER` pages at a time and the rest wait here: a page posted
 * is a copy of its bytes in the worker's queue, and with 256 sites in flight a backlog of copies was
 * the run's page bytes a second time, outside the byte budget.
 */
export function createModelWorkers(
  count = defaultModelWorkerCount(),
  { maxHeapMb = MODEL_WORKER_HEAP_MB }: { maxHeapMb?: number } = {},
): ModelWorkers {
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
  // What the main thread has compiled goes to Node's compile cache now, not at exit: a worker then
  // finds every module it imports there and never loads the TypeScript stripper (model-worker.mjs).
  // Now, before any probe is timed: the flush writes synchronously (hundreds of files on a cold
  // cache), and done when the first page was ready, it held up the probes in flight. A no-op when
  // the cache is off.
  flushCompileCache();
  const slots: Slot[] = [];
  /** Jobs not yet posted to a worker, oldest first. */
  const pending: Job[] = [];
  let nextId = 0;
  let closing = false;

  const start = (): Slot => {
    const worker = new Worker(new URL('./model-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(8, maxHeapMb / 4) },
    });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (reply: ExtractReply) => {
      const job = slot.jobs.get(reply.id);
      if (!job) return;
      slot.jobs.delete(reply.id);
      if ('error' in reply) job.reject(new Error(`page model worker: ${reply.error}`));
      else {
        restorePageTerms(reply.model, reply.terms);
        job.resolve({ model: reply.model, links: reply.links });
      }
      pump();
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
      // The pages queued behind the one that killed it did nothing wrong: a new worker takes them first.
      if (closing) for (const job of rest) job.reject(new Error('page model workers were closed'));
      else {
        pending.unshift(...rest);
        pump();
      }
    });
    slots.push(slot);
    return slot;
  };
  /** Posts waiting jobs while a worker has room (starting workers up to `count`). */
  /** An idle worker, else a new one while there are fewer than `count`, else one with room; null when all are full. */
  const slotWithRoom = (): Slot | null => {
    const idlest = slots.reduce<Slot | undefined>((a, b) => (!a || b.jobs.size < a.jobs.size ? b : a), undefined);
    if (idlest?.jobs.size === 0) return idlest;
    if (slots.length < count) return start();
    return idlest && idlest.jobs.size < POSTED_PER_WORKER ? idlest : null;
  };
  const pump = () => {
    while (pending.length > 0 && !closing) {
      const slot = slotWithRoom();
      if (!slot) return;
      const job = pending.shift()!;
      slot.jobs.set(job.request.id, job);
      slot.worker.postMessage(job.request);
    }
  };
  return {
    extract(bytes, charset, url, ignoreSelectors, wantLinks) {
      const request: ExtractRequest = {
        id: nextId++,
        bytes,
        charset,
        url,
        ignoreSelectors: [...ignoreSelectors],
        wantLinks,
      };
      return new Promise<Extracted>((resolve, reject) => {
        pending.push({ request, resolve, reject });
        pump();
      });
    },
    async memory() {
      const stats = await Promise.all(slots.map((slot) => slot.worker.getHeapStatistics().catch(() => null)));
      return stats.flatMap((h) => (h ? [{ heap: h.total_physical_size, external: h.external_memory }] : []));
    },
    async close() {
      closing = true;
      for (const job of pending.splice(0)) job.reject(new Error('page model workers were closed'));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      slots.length = 0;
    },
  };
}
