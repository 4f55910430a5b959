import type { Signal } from '../../schemas/defacement.ts';
import { stableHashes, typicalTextLength, type CountedSketch } from '../baseline.ts';
import { makeSignal } from '../signal.ts';
import { sortedHas } from '../sketch.ts';
import type { SignalInput } from './signal-input.ts';

/** Below this many stable layout shingles the baseline is a stub (a redirect page) and says less. */
const SMALL_LAYOUT = 30;

/**
 * How much of the baseline's stable layout is still there. Only shingles seen in at least half of
 * the clean observations count, so a news list that rotates, a view counter or a seasonal banner do
 * not; a defacement replaces the whole document and keeps almost none. Added elements do not lower
 * the score (injections are other signals' business).
 */
export function structureCollapseSignals({ model, baseline }: SignalInput): Signal[] {
  if (baseline === null) return [];
  const layout = layoutContainment(model, baseline);
  if (layout === null) return [];
  let weight = layout.share < 0.15 ? 40 : layout.share < 0.3 ? 30 : layout.share < INTACT_LAYOUT ? 15 : 0;
  if (weight === 0) return [];
  if (layout.of < SMALL_LAYOUT) weight *= 0.75;
  const words = containment(
    baseline.text,
    baseline.observations,
    model.textSketch,
    model.textShingleTotal > model.textSketch.length,
  );
  let detail = `Only ${Math.round(layout.share * 100)} % of the page's usual layout is left (${layout.kept} of ${layout.of} stable structure shingles).`;
  if (words !== null && words.share < 0.1 && layout.share < 0.5) {
    weight += 10;
    detail += ` The text changed too: ${Math.round(words.share * 100)} % of the usual text is left.`;
  }
  const typical = typicalTextLength(baseline);
  if (typical >= LARGE_PAGE && model.textLength < typical * TINY_SHARE) {
    weight += TINY_WEIGHT;
    detail += ` The page shrank from about ${typical} to ${model.textLength} characters of text.`;
  }
  return [makeSignal('structure-collapse', weight, detail, [`title now: ${model.title}`, `text now: ${model.text}`])];
}

/**
 * A baseline page with at least `LARGE_PAGE` characters of text that shrinks below `TINY_SHARE` of
 * it was replaced (defacement pages have a median of 160 characters). A change, not proof of an
 * attack: CMS error pages and script-rendered redesigns are tiny too.
 */
const LARGE_PAGE = 1500;
const TINY_SHARE = 0.15;
const TINY_WEIGHT = 20;

interface Containment {
  readonly share: number;
  readonly kept: number;
  readonly of: number;
}

/** At least this share of the baseline's stable layout left, a page is intact: no collapse, and news wording on it is news. */
export const INTACT_LAYOUT = 0.5;

/** How much of the baseline's stable layout the page kept; null when the baseline has none to compare. */
export function layoutContainment(
  model: SignalInput['model'],
  baseline: NonNullable<SignalInput['baseline']>,
): Containment | null {
  return containment(
    baseline.structure,
    baseline.observations,
    model.structure,
    model.structureTotal > model.structure.length,
  );
}

/** Share of the baseline's stable hashes present in the new sketch, within the range both cover. */
function containment(
  base: CountedSketch,
  observations: number,
  now: readonly number[],
  nowCapped: boolean,
): Containment | null {
  const limit = nowCapped && now.length > 0 ? now[now.length - 1]! : Infinity;
  const stable = stableHashes(base, observations).filter((h) => h <= limit);
  if (stable.length === 0) return null;
  let kept = 0;
  for (const h of stable) if (sortedHas(now, h)) kept++;
  return { share: kept / stable.length, kept, of: stable.length };
}
