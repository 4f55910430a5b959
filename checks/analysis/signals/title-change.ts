import type { Signal } from '../../schemas/defacement.ts';
import { makeSignal } from '../signal.ts';
import type { SignalInput } from './signal-input.ts';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The title changed to something the page never had recently. A new title sharing most words with
 * the old ("… | Cổng thông tin điện tử tỉnh X") is an edit; a title with nothing in common is what
 * a defacement or a spam takeover does first.
 */
export function titleChangeSignals({ model, baseline }: SignalInput): Signal[] {
  if (baseline === null || baseline.titles.includes(model.title)) return [];
  const old = baseline.title;
  if (model.title === '') {
    return old === '' ? [] : [makeSignal('title-change', 10, `The title "${old}" is gone.`, [`was: ${old}`])];
  }
  if (old === '') return [makeSignal('title-change', 5, `The page now has a title: "${model.title}".`, [model.title])];
  const similarity = Math.max(...baseline.titles.map((t) => wordJaccard(t, model.title)));
  const weight = similarity < 0.2 ? 15 : similarity < 0.5 ? 6 : 0;
  if (weight === 0) return [];
  return [
    makeSignal('title-change', weight, `The title changed from "${old}" to "${model.title}".`, [
      `now: ${model.title}`,
      `was: ${old}`,
    ]),
  ];
}

function wordJaccard(a: string, b: string): number {
  const x = new Set(a.match(WORD) ?? []);
  const y = new Set(b.match(WORD) ?? []);
  if (x.size === 0 && y.size === 0) return 1;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}
