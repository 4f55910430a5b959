/**
 * A full garbage collection when dropped page buffers pile up, for engines started with
 * `--expose-gc` (checks/run/engine-node-flags.ts); without it (tests, a bare `node`) nothing happens.
 *
 * Why: a body dropped as too large, or given back once modelled, leaves the byte budget at once but
 * its buffers stay allocated until V8 next collects, and V8 collects by the JS heap's growth, not
 * by buffers': among 1,000 hostile sites at 10,000, array buffers reached 246 MB while the budget
 * held 123 MB. Healthy runs hold about 87 MB of buffers and never reach the threshold.
 */
export interface GarbageNudge {
  stop(): void;
  /** Full collections made. */
  readonly collections: () => number;
}

/** Collect when buffers exceed twice the budget plus this much (what is not pages: sockets, zlib). */
const SLACK_BYTES = 32 * 1024 * 1024;
/** How often buffers are looked at; a full collection of the run's heap takes some 20–100 ms. */
export const NUDGE_EVERY_MS = 1_000;

/** Pure: is it time to collect? */
export function shouldCollect(arrayBuffers: number, maxBytesInFlight: number): boolean {
  return arrayBuffers > 2 * maxBytesInFlight + SLACK_BYTES;
}

export function startGarbageNudge(
  maxBytesInFlight: number,
  gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
  arrayBuffers: () => number = () => process.memoryUsage().arrayBuffers,
): GarbageNudge {
  let collections = 0;
  if (!gc) return { stop() {}, collections: () => 0 };
  const timer = setInterval(() => {
    if (!shouldCollect(arrayBuffers(), maxBytesInFlight)) return;
    gc();
    collections += 1;
  }, NUDGE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), collections: () => collections };
}
