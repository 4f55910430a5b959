import { z } from 'zod';

/** `DIR/runs/shard-K-of-N.json`: what the last run of a shard did; the site uses it for freshness. */
export const RunFileSchema = z.strictObject({
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** Wall time the run took (real time, even when `--now` fixed the clock). */
  durationMs: z.number().nonnegative(),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  sites: z.number().int().nonnegative(),
  up: z.number().int().nonnegative(),
  degraded: z.number().int().nonnegative(),
  down: z.number().int().nonnegative(),
  /** Registry files with errors (left out of the run) and warnings. */
  registryErrors: z.number().int().nonnegative(),
  registryWarnings: z.number().int().nonnegative(),
});

export type RunFile = z.output<typeof RunFileSchema>;
