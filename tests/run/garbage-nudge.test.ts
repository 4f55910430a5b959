import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GARBAGE_SLACK_BYTES,
  MIN_COLLECTION_GAP_MS,
  NUDGE_EVERY_MS,
  shouldCollect,
  startGarbageNudge,
} from '../../checks/run/garbage-nudge.ts';

const MiB = 1024 * 1024;

describe('shouldCollect', () => {
  it('collects once buffers exceed what the budget holds by more than the slack, not before', () => {
    expect(GARBAGE_SLACK_BYTES).toBe(32 * MiB);
    expect(shouldCollect(100 * MiB, 68 * MiB)).toBe(false);
    expect(shouldCollect(100 * MiB + 1, 68 * MiB)).toBe(true);
    // 112 MiB held by sites in flight is live, not garbage: no collection for it.
    expect(shouldCollect(140 * MiB, 112 * MiB)).toBe(false);
    expect(shouldCollect(40 * MiB, 0)).toBe(true);
  });
});

describe('startGarbageNudge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects while buffers are over the threshold, at most once per gap, and stops', () => {
    vi.useFakeTimers();
    let buffers = 10 * MiB;
    const held = 8 * MiB;
    const gc = vi.fn();
    const nudge = startGarbageNudge(
      () => held,
      gc,
      () => buffers,
      () => Date.now(),
    );
    vi.advanceTimersByTime(3 * MIN_COLLECTION_GAP_MS);
    expect(gc).not.toHaveBeenCalled();
    buffers = 300 * MiB;
    // Looked at every NUDGE_EVERY_MS, collected once per MIN_COLLECTION_GAP_MS.
    expect(NUDGE_EVERY_MS).toBeLessThan(MIN_COLLECTION_GAP_MS);
    vi.advanceTimersByTime(NUDGE_EVERY_MS);
    expect(gc).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(MIN_COLLECTION_GAP_MS - NUDGE_EVERY_MS);
    expect(gc).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(NUDGE_EVERY_MS);
    expect(gc).toHaveBeenCalledTimes(2);
    expect(nudge.collections()).toBe(2);
    nudge.stop();
    vi.advanceTimersByTime(5 * MIN_COLLECTION_GAP_MS);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it('collects once when it ends, and no more after', () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    const nudge = startGarbageNudge(
      () => 0,
      gc,
      () => 0,
    );
    nudge.end();
    expect(gc).toHaveBeenCalledTimes(1);
    expect(nudge.collections()).toBe(1);
    vi.advanceTimersByTime(5 * MIN_COLLECTION_GAP_MS);
    expect(gc).toHaveBeenCalledTimes(1);
  });

  it('does nothing without gc (node started without --expose-gc)', () => {
    vi.useFakeTimers();
    const read = vi.fn(() => 300 * MiB);
    const nudge = startGarbageNudge(() => 0, undefined, read);
    vi.advanceTimersByTime(5 * MIN_COLLECTION_GAP_MS);
    nudge.end();
    expect(read).not.toHaveBeenCalled();
    expect(nudge.collections()).toBe(0);
  });
});
