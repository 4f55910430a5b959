/**
 * A full garbage collection when dropped page buffers pile up, for engines started with
 * `--expose-gc` (checks/run/engine-node-flags.ts); without it (tests, a bare `node`) nothing happens.
 *
 * Why: a body dropped as too large, or given back once modelled, leaves the byte budget at once but
 * its buffers stay allocated until V8 next collects, and V8 collects by the JS heap's growth, not
 * by buffers': among 1,000 hostile sites at 10,000, array buffers reached 246 MB while the budget
 * held 123 MB. What the budget holds is live; buffers beyond it are mostly garbage, so that is what
 * is compared (a threshold of twice the budget let 100 healthy + 300 hostile sites reach 184–226 MB
 * of buffers against 112 MiB held).
 */
export interface GarbageNudge {
  stop(): void;
  /**
   * Stops, and collects once: what probing dropped goes before the results are written, which at
   * 10,000 sites grew the main heap by 50 MB on top of it (the run's peak after the hostile phase).
   */
  end(): void;
  /** Full collections made. */
  readonly collections: () => number;
}

/** Buffers beyond what the budget holds that are tolerated (sockets, zlib, pages between reads). */
export const GARBAGE_SLACK_BYTES = 32 * 1024 * 1024;
/** How often buffers are looked at; a full collection of the run's heap takes some 20–100 ms. */
export const NUDGE_EVERY_MS = 250;
/** At most one collection in this long, so a run that churns buffers spends at most ~10 % on them. */
export const MIN_COLLECTION_GAP_MS = 1_000;

/** Pure: is it time to collect? `held` is what the byte budget holds now (live page bytes and models). */
export function shouldCollect(arrayBuffers: number, held: number): boolean {
  return arrayBuffers - held > GARBAGE_SLACK_BYTES;
}

export function startGarbageNudge(
  held: () => number,
  gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
  arrayBuffers: () => number = () => process.memoryUsage().arrayBuffers,
  now: () => number = () => performance.now(),
): GarbageNudge {
  let collections = 0;
  let last = Number.NEGATIVE_INFINITY;
  if (!gc) return { stop() {}, end() {}, collections: () => 0 };
  const timer = setInterval(() => {
    if (now() - last < MIN_COLLECTION_GAP_MS) return;
    if (!shouldCollect(arrayBuffers(), held())) return;
    gc();
    last = now();
    collections += 1;
  }, NUDGE_EVERY_MS);
  timer.unref();
  const stop = () => clearInterval(timer);
  return {
    stop,
    end() {
      stop();
      gc();
      collections += 1;
    },
    collections: () => collections,
  };
}
