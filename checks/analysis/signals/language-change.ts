import type { Signal } from '../../schemas/defacement.ts';
import { makeSignal } from '../signal.ts';
import type { SignalInput } from './signal-input.ts';

/** The declared language (primary subtag of `<html lang>`) changed, e.g. vi → en or vi → id. */
export function languageChangeSignals({ model, baseline }: SignalInput): Signal[] {
  if (baseline === null) return [];
  const was = primary(baseline.lang);
  const now = primary(model.lang);
  if (was === '' || now === '' || was === now) return [];
  return [
    makeSignal('language-change', 15, `The page language changed from "${baseline.lang}" to "${model.lang}".`, [
      `lang="${model.lang}"`,
    ]),
  ];
}

function primary(lang: string): string {
  return lang.split(/[-_]/)[0]!.trim();
}
