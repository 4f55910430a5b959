import type { Signal } from '../../schemas/defacement.ts';
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
const MAX_WEIGHT = 45;

/**
 * Structural hints of a defacement page that the baseline did not have (without a baseline: all of
 * them, a single one at half weight, since many portals have a marquee or a YouTube embed). A tiny
 * page where a large one used to be is reported with the layout (structure-collapse): CMS error
 * pages and script-rendered redesigns are tiny too.
 */
export function defacerStructureSignals({ model, baseline }: SignalInput): Signal[] {
  const known = new Set<HintKind>(baseline?.hints ?? []);
  const fresh = model.hints.filter((h) => !known.has(h.kind));
  // Without a baseline one hint may be the portal's own (a marquee, a YouTube box): half weight.
  // Two kinds together are rare on a portal and common on defacement pages: full weight.
  const weight =
    fresh.reduce((sum, h) => sum + HINT_WEIGHT[h.kind], 0) * (baseline === null && fresh.length < 2 ? 0.5 : 1);
  const evidence = fresh.map((h) => `${HINT_LABEL[h.kind]}: ${h.evidence}`);
  const parts = fresh.map((h) => HINT_LABEL[h.kind]);
  if (weight === 0) return [];
  const detail = `Looks like a defacement page: ${parts.join(', ')}.`;
  return [makeSignal('defacer-structure', Math.min(MAX_WEIGHT, weight), detail, evidence)];
}
