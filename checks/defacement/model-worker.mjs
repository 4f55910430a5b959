// The model worker's entry: decode and model pages off the main thread, which keeps probing.
//
// Plain JavaScript on purpose. An isolate that loads a .ts file first loads Node's TypeScript
// stripper (about 15 MB of WebAssembly a worker); everything this entry imports is also imported
// by the main thread, which has stripped it already and written it to Node's compile cache
// (NODE_COMPILE_CACHE, see checks/run/engine-node-flags.ts) before the first worker starts.
import { parentPort } from 'node:worker_threads';
import { modelPage } from './model-page.ts';

parentPort?.on('message', (request) => {
  parentPort?.postMessage(modelPage(request));
});
