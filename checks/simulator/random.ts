/**
 * Deterministic randomness: the same portal slug or seed always gives the same page, latency and
 * size, so pages are stable across runs (a defacement baseline stays valid) and benchmarks repeat.
 */

/** FNV-1a, 32-bit: a stable number from a string (the one baselines hash with). */
export { hashString } from '../analysis/hash.ts';

/** mulberry32: a small, fast PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both included. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}
