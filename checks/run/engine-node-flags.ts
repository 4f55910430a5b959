/**
 * Node flags the check engine runs with (`npm run check`, and bench:check's engine child, which must
 * measure what production runs; tests/run/engine-node-flags.test.ts keeps package.json in step).
 *
 * `--max-semi-space-size=4` (MB): V8 sizes the young generation from the machine's memory, up to
 * 64 MB a semi-space on a runner with 16 GB or more. A run allocates fast (decoded pages, models,
 * JSON), so the young generation grew to its cap and the main heap reserved twice what it used:
 * 1,000 sites with every page changing, 128 at once, peaked at 552 MB of RSS (main heap 248 MB, 151
 * MB used); with 4 MB semi-spaces 420 MB (main heap 131 MB), at the same CPU per site (bench:check).
 *
 * `--expose-gc`: the run collects when dropped page buffers pile up (run/garbage-nudge.ts).
 */
export const ENGINE_NODE_FLAGS = ['--max-semi-space-size=4', '--expose-gc'] as const;

/**
 * Environment the check engine runs with, set before Node starts (glibc reads it once).
 *
 * `MALLOC_ARENA_MAX=2`: glibc gives every thread that allocates its own malloc arena (up to eight
 * per core), and freed memory stays in the arena that held it. The engine's native allocations come
 * from many threads: the libuv pool inflating bodies (zlib, brotli), the two model workers, V8's
 * helpers. Among hostile servers (bombs, endless bodies), 200 healthy + 50 hostile sites peaked at
 * 620 MB of RSS on their first look and 535 MB on a later run; with two arenas 488 and 459 MB
 * (bench:check, the same run side by side).
 *
 * `MALLOC_MMAP_THRESHOLD_=131072`: allocations of 128 KiB and more (page bodies, inflated chunks,
 * decoder windows) are mapped on their own and given back to the system when freed. Left to glibc,
 * the threshold rises with every large block freed, so they came from the main heap, which only
 * shrinks from its top: after the hostile sites of a 10,000-site first look it held 282 MB while
 * the live buffers were 21 MB, and the run ended at 649 MB; with the fixed threshold 536 MB, the
 * main heap 73–163 MB (bench:check, --sites 9000 --hostile 1000 --first-look).
 *
 * `NODE_COMPILE_CACHE` (relative to the project root, where npm runs scripts): Node keeps what it
 * compiled, TypeScript stripped, on disk. An isolate that strips TypeScript first loads the
 * stripper, about 18 MB of WebAssembly that stays for the isolate's life; with the cache warm the
 * main thread never loads it, and the model worker (a .mjs entry whose imports the main thread
 * compiled and flushed first, checks/defacement/model-worker.mjs) never does either. Measured on
 * the engine's modules with one model worker: 165 MB of RSS without the cache, 135 MB with it
 * warm; on a fresh clone the first run fills it (and its worker already skips the stripper).
 */
export const ENGINE_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  NODE_COMPILE_CACHE: 'node_modules/.cache/canhgac-compile',
} as const;

/** `NAME=value …` for a shell command line (package.json scripts). */
export const ENGINE_ENV_PREFIX = Object.entries(ENGINE_ENV)
  .map(([name, value]) => `${name}=${value}`)
  .join(' ');
