import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../checks/run/limiter.ts';
import { mapPool } from '../../checks/run/pool.ts';

describe('createLimiter and mapPool', () => {
  it('never run more than the limit at once, start waiting tasks in order, and keep results in order', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      [30, 10, 20, 5, 1].map((ms, i) =>
        limit(async () => {
          started.push(i);
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, ms));
          active -= 1;
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('releases the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });

  it('mapPool reports progress once per item and caps the lanes', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    const out = await mapPool(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      async (n) => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, n));
        active -= 1;
        return n * n;
      },
      (_r, done) => seen.push(done),
    );
    expect(out).toEqual([1, 4, 9, 16, 25, 36, 49]);
    expect(peak).toBe(3);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
