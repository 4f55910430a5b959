import type { Signal } from '../../schemas/defacement.ts';
import { typicalTextLength } from '../baseline.ts';
import type { HintKind } from '../page-hints.ts';
import { makeSignal } from '../signal.ts';
import type { SignalInput } from './signal-input.ts';

/** Per-hint weights: Telegram handles and free image hosts are rare on portals; YouTube embeds are common. */
const HINT_WEIGHT: Record<HintKind, number> = {
  'black-background': 10,
  marquee: 6,
  audio: 10,
  youtube: 4,
  'right-click-block': 8,
  telegram: 12,
  'hotlinked-image': 12,
};
const HINT_LABEL: Record<HintKind, string> = {
  'black-background': 'black background',
  marquee: 'marquee',
  audio: 'autoplaying audio/embed',
  youtube: 'YouTube embed',
  'right-click-block': 'right-click blocking',
  telegram: 'Telegram link',
  'hotlinked-image': 'image hot-linked from a free host',
};
/** A baseline page with at least this much text that shrinks below `TINY_SHARE` of it was replaced. */
const LARGE_PAGE = 1500;
const TINY_SHARE = 0.15;
const TINY_WEIGHT = 25;
const MAX_WEIGHT = 45;

/**
 * Structural hints of a defacement page that the baseline did not have (without a baseline: all of
 * them, at half weight, since many portals have a marquee or a YouTube embed), and a tiny page where
 * a large one used to be.
 */
export function defacerStructureSignals({ model, baseline }: SignalInput): Signal[] {
  const known = new Set<HintKind>(baseline?.hints ?? []);
  const fresh = model.hints.filter((h) => !known.has(h.kind));
  let weight = fresh.reduce((sum, h) => sum + HINT_WEIGHT[h.kind], 0) * (baseline === null ? 0.5 : 1);
  const evidence = fresh.map((h) => `${HINT_LABEL[h.kind]}: ${h.evidence}`);
  const parts = fresh.map((h) => HINT_LABEL[h.kind]);

  if (baseline !== null) {
    const typical = typicalTextLength(baseline);
    if (typical >= LARGE_PAGE && model.textLength < typical * TINY_SHARE) {
      weight += TINY_WEIGHT;
      parts.unshift(`page text shrank from about ${typical} to ${model.textLength} characters`);
      evidence.unshift(`text now: ${model.text}`);
    }
  }
  if (weight === 0) return [];
  const detail = `Looks like a defacement page: ${parts.join(', ')}.`;
  return [makeSignal('defacer-structure', Math.min(MAX_WEIGHT, weight), detail, evidence)];
}
