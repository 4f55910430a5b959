/**
 * Node flags the check engine runs with (`npm run check`, and bench:check's engine child, which must
 * measure what production runs; tests/run/engine-node-flags.test.ts keeps package.json in step).
 *
 * `--max-semi-space-size=4` (MB): V8 sizes the young generation from the machine's memory, up to
 * 64 MB a semi-space on a runner with 16 GB or more. A run allocates fast (decoded pages, models,
 * JSON), so the young generation grew to its cap and the main heap reserved twice what it used:
 * 1,000 sites with every page changing, 128 at once, peaked at 552 MB of RSS (main heap 248 MB, 151
 * MB used); with 4 MB semi-spaces 420 MB (main heap 131 MB), at the same CPU per site (bench:check).
 */
export const ENGINE_NODE_FLAGS = ['--max-semi-space-size=4'] as const;
