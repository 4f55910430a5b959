import type { Signal } from '../schemas/defacement.ts';
import { VISUAL_THRESHOLDS, type ScreenshotComparison } from './compare-screenshots.ts';

/**
 * Weight of a `visual-change` signal: 25 at the threshold, rising to 45 for a page that changed
 * entirely. A redesign changes the picture as much as a defacement does, so the picture alone stays
 * under `defaced` (60) and reaches `suspected` (30) only when most of the page changed; with the
 * text signals of a defacement it tips the verdict.
 */
export const VISUAL_WEIGHT = { atThreshold: 25, whenAllChanged: 45 } as const;

/** The `visual-change` signal for a comparison that found a change, or null. `evidence` are evidence WebP paths. */
export function visualChangeSignal(comparison: ScreenshotComparison, evidence: readonly string[]): Signal | null {
  if (!comparison.changed) return null;
  const { changedRatio } = VISUAL_THRESHOLDS;
  const beyond = Math.min(1, Math.max(0, (comparison.diffRatio - changedRatio) / (1 - changedRatio)));
  const weight = Math.round(
    VISUAL_WEIGHT.atThreshold + (VISUAL_WEIGHT.whenAllChanged - VISUAL_WEIGHT.atThreshold) * beyond,
  );
  const percent = Math.round(comparison.diffRatio * 1000) / 10;
  return {
    kind: 'visual-change',
    weight,
    detail: `the screenshot differs from the baseline screenshot in ${percent} % of its pixels (perceptual hash: ${comparison.hashDistance} of 64 bits differ)`,
    evidence: [...evidence],
  };
}
