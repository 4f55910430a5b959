import { afterEach, describe, expect, it } from 'vitest';
import { createModelWorkers, type ModelExtractor } from '../../checks/defacement/model-extractor.ts';
import { ModelWorkerError } from '../../checks/defacement/model-worker-error.ts';

/**
 * 12 MB on one line: its model needs far more than a 16 MB heap (the page's text three times over,
 * at least). A 4 MB page sat at the edge: its strings fit in 16 MB on some runs, and the worker then
 * died on the page after it (CI, 12-07).
 */
const LONG_LINE = Buffer.from(`<html><body><p>${'Lorem ipsum dolor sit amet '.repeat(450_000)}</p></body></html>`);
const SMALL = Buffer.from(
  '<html><head><title>Sở Tư pháp</title></head><body><p>Xin chào</p><a href="/tin-tuc">Tin tức</a><a href="https://other.test/">x</a></body></html>',
);

describe('createModelWorkers with a heap limit', () => {
  let workers: ModelExtractor | undefined;
  afterEach(async () => {
    await workers?.close();
  });

  it('fails the page that ran its worker out of heap with a typed error, and models the pages queued behind it on a new worker', async () => {
    workers = createModelWorkers(1, { maxHeapMb: 16 });
    const hostile = workers.extract(LONG_LINE, 'utf-8', 'http://hostile.test/', [], false);
    const queued = workers.extract(SMALL, 'utf-8', 'http://healthy.test/', [], false);
    const error = await hostile.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelWorkerError);
    expect((error as ModelWorkerError).code).toBe('MODEL_WORKER_OUT_OF_MEMORY');
    expect((error as ModelWorkerError).message).toBe(
      "modelling http://hostile.test/ took more than the model worker's 16 MB heap; the worker was restarted",
    );
    expect((await queued).model.title).toBe('sở tư pháp');
    // And the replacement keeps working for later pages.
    // It sends back the page's same-site links, not the page's text.
    expect(await workers.extract(SMALL, 'utf-8', 'http://healthy.test/b', [], true)).toMatchObject({
      links: ['http://healthy.test/tin-tuc'],
      model: { title: 'sở tư pháp' },
    });
  });
});

describe('createModelWorkers memory', () => {
  it("reports each running worker's heap and external memory, none before the first page", async () => {
    const workers = createModelWorkers(2);
    try {
      expect(await workers.memory()).toEqual([]);
      await workers.extract(SMALL, 'utf-8', 'http://healthy.test/', [], false);
      const each = await workers.memory();
      expect(each).toHaveLength(1); // one page: one worker started
      expect(each[0]!.heap).toBeGreaterThan(1024 * 1024);
      expect(each[0]!.external).toBeGreaterThanOrEqual(0);
    } finally {
      await workers.close();
    }
  });
});
