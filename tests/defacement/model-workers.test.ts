import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createModelWorkers,
  defaultModelWorkerCount,
  type ModelExtractor,
} from '../../checks/defacement/model-extractor.ts';
import { ModelWorkerError } from '../../checks/defacement/model-worker-error.ts';

/**
 * 12 MB on one line: its model needs far more than a 16 MB heap (the page's text three times over,
 * at least). A 4 MB page sat at the edge: its strings fit in 16 MB on some runs, and the worker then
 * died on the page after it (CI, 12-07).
 */
const execFileAsync = promisify(execFile);

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

describe('defaultModelWorkerCount', () => {
  it('leaves one core to the main thread, and never has fewer than one worker', () => {
    expect([1, 2, 4, 16].map((cores) => defaultModelWorkerCount(cores))).toEqual([1, 1, 3, 15]);
  });
});

describe('the model worker in a fresh process', () => {
  it('models a page through the plain-JS entry; with the compile cache warm, neither the main thread nor a worker loads the TypeScript stripper', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'compile-cache-'));
    const cache = path.join(dir, 'cache');
    const url = (file: string) => JSON.stringify(new URL(`../../checks/defacement/${file}`, import.meta.url).href);
    // The stripper shows in an isolate's process.moduleLoadList as Node's internal "amaro" module.
    const stripper = "process.moduleLoadList.some((m) => m.includes('amaro'))";
    const script = path.join(dir, 'engine.mjs');
    await writeFile(
      script,
      `import { Worker } from 'node:worker_threads';
      const { createModelWorkers } = await import(${url('model-extractor.ts')});
      const workers = createModelWorkers(1);
      const { model } = await workers.extract(Buffer.from('<title>Sở Tư pháp</title><p>Xin chào</p>'), 'utf-8', 'http://a.test/', [], false);
      await workers.close();
      // A worker importing what model-worker.mjs imports, asked whether it loaded the stripper.
      const probe = new Worker(\`import(\${JSON.stringify(${url('model-page.ts')})}).then(() => require('node:worker_threads').parentPort.postMessage(${stripper}))\`, { eval: true });
      const workerStripper = await new Promise((resolve) => probe.once('message', resolve));
      await probe.terminate();
      console.log(JSON.stringify({ title: model.title, mainStripper: ${stripper}, workerStripper }));`,
    );
    const run = async () =>
      JSON.parse(
        (await execFileAsync(process.execPath, [script], { env: { ...process.env, NODE_COMPILE_CACHE: cache } }))
          .stdout,
      ) as unknown;
    try {
      // Cold: the main thread strips the engine's modules, and flushes them before the worker starts.
      expect(await run()).toEqual({ title: 'sở tư pháp', mainStripper: true, workerStripper: false });
      expect(await run()).toEqual({ title: 'sở tư pháp', mainStripper: false, workerStripper: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
