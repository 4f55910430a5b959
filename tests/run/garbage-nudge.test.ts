import { afterEach, describe, expect, it, vi } from 'vitest';
import { NUDGE_EVERY_MS, shouldCollect, startGarbageNudge } from '../../checks/run/garbage-nudge.ts';

const MiB = 1024 * 1024;

describe('shouldCollect', () => {
  it('collects once buffers pass twice the byte budget and 32 MiB more, not before', () => {
    expect(shouldCollect(128 * MiB, 48 * MiB)).toBe(false);
    expect(shouldCollect(128 * MiB + 1, 48 * MiB)).toBe(true);
    expect(shouldCollect(87 * MiB, 48 * MiB)).toBe(false); // a healthy run's buffers
  });
});

describe('startGarbageNudge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects on the interval only while buffers are over the threshold, and stops', () => {
    vi.useFakeTimers();
    let buffers = 10 * MiB;
    const gc = vi.fn();
    const nudge = startGarbageNudge(48 * MiB, gc, () => buffers);
    vi.advanceTimersByTime(3 * NUDGE_EVERY_MS);
    expect(gc).not.toHaveBeenCalled();
    buffers = 300 * MiB;
    vi.advanceTimersByTime(2 * NUDGE_EVERY_MS);
    expect(gc).toHaveBeenCalledTimes(2);
    expect(nudge.collections()).toBe(2);
    nudge.stop();
    vi.advanceTimersByTime(5 * NUDGE_EVERY_MS);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it('does nothing without gc (node started without --expose-gc)', () => {
    vi.useFakeTimers();
    const read = vi.fn(() => 300 * MiB);
    const nudge = startGarbageNudge(48 * MiB, undefined, read);
    vi.advanceTimersByTime(5 * NUDGE_EVERY_MS);
    expect(read).not.toHaveBeenCalled();
    expect(nudge.collections()).toBe(0);
  });
});
