import type { Signal, SignalKind } from '../schemas/defacement.ts';
import { truncateEvidence } from './text-fold.ts';

const MAX_EVIDENCE = 5;

/** Builds a signal: weight rounded and clamped to 0–100, at most five evidence excerpts of ≤ 160 characters. */
export function makeSignal(
  kind: SignalKind,
  weight: number,
  detail: string,
  evidence: readonly string[],
  url?: string,
): Signal {
  const signal: Signal = {
    kind,
    weight: Math.max(0, Math.min(100, Math.round(weight))),
    detail,
    evidence: [...new Set(evidence.map((e) => truncateEvidence(e)))].filter((e) => e !== '').slice(0, MAX_EVIDENCE),
  };
  return url === undefined ? signal : { ...signal, url };
}
