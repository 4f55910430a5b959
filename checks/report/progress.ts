/**
 * Progress for long runs on stderr: a line at most every `everyMs`, plus the last one. Quiet for
 * runs that finish before the first interval, so small runs print only their table.
 */
export function createProgress(
  write: (line: string) => void,
  everyMs = 2_000,
  clock: () => number = () => performance.now(),
) {
  const started = clock();
  let last = started;
  let down = 0;
  return (done: number, total: number, isDown: boolean) => {
    if (isDown) down += 1;
    const now = clock();
    if (now - last < everyMs && !(done === total && now - started >= everyMs)) return;
    last = now;
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    write(`checked ${done}/${total} (${pct}%) · ${down} down · ${((now - started) / 1000).toFixed(1)} s`);
  };
}
