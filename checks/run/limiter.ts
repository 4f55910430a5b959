/**
 * At most `max` tasks at once; the rest wait in order. Used to bound DNS lookups in flight: 256 probes
 * each sending three UDP queries at once overran the socket's receive buffer and lost answers.
 */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
