export interface CaptureInput {
  /** Another defacement signal already fired this run: worth a look now, whatever the schedule. */
  readonly suspicious: boolean;
  /** When the last screenshot of this site was taken (ISO 8601), or null if never (no baseline yet). */
  readonly lastCapturedAt: string | null;
  /** Routine captures at most this often; 0 turns routine captures off (suspicion and first capture only). */
  readonly everyHours: number;
  readonly now: Date;
  /** The site's `checks.visual` and the tier's own state (off without a browser). */
  readonly enabled: boolean;
}

export type CaptureDecision =
  | { readonly capture: true; readonly reason: 'suspicious' | 'first' | 'due' }
  | { readonly capture: false; readonly reason: 'disabled' | 'not-due' };

/**
 * Whether to screenshot a site this run. Screenshots cost about a second of browser time each, so a
 * run takes them when other signals are suspicious, when there is no baseline yet, and otherwise at
 * most every `everyHours` per site. A last-capture time that cannot be read, or lies in the future
 * (a runner's clock was wrong), counts as due: one extra screenshot is cheaper than none for days.
 */
export function shouldCapture(input: CaptureInput): CaptureDecision {
  if (!input.enabled) return { capture: false, reason: 'disabled' };
  if (input.suspicious) return { capture: true, reason: 'suspicious' };
  if (input.lastCapturedAt === null) return { capture: true, reason: 'first' };
  if (input.everyHours <= 0) return { capture: false, reason: 'not-due' };
  const last = Date.parse(input.lastCapturedAt);
  const elapsedMs = input.now.getTime() - last;
  if (Number.isNaN(last) || elapsedMs < 0 || elapsedMs >= input.everyHours * 3_600_000)
    return { capture: true, reason: 'due' };
  return { capture: false, reason: 'not-due' };
}
