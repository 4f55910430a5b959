import type { Signal } from '../../schemas/defacement.ts';
import type { DomainKind } from '../page-model.ts';
import { makeSignal } from '../signal.ts';
import { isCommonThirdParty } from '../well-known-domains.ts';
import type { SignalInput } from './signal-input.ts';

/** Kinds that run code or take input on the page; images and links are not watched here. */
const WATCHED: ReadonlyArray<{ kind: DomainKind; first: number; more: number; label: string }> = [
  { kind: 'script', first: 25, more: 10, label: 'script' },
  { kind: 'iframe', first: 30, more: 10, label: 'iframe' },
  { kind: 'form', first: 20, more: 5, label: 'form posting to' },
  { kind: 'stylesheet', first: 10, more: 5, label: 'stylesheet' },
];
const COMMON_WEIGHT = 4;
const HIDDEN_FRAME_BONUS = 15;
const MAX_WEIGHT = 60;

/**
 * Scripts, iframes, form targets and stylesheets from registrable domains the baseline never used.
 * Mainstream third parties (fonts, analytics, YouTube, other government domains) count a little;
 * an unknown domain counts fully, and an invisible iframe from one more. Needs a baseline.
 */
export function newExternalDomainSignals({ model, baseline }: SignalInput): Signal[] {
  if (baseline === null) return [];
  let weight = 0;
  const found: string[] = [];
  const evidence: string[] = [];
  for (const { kind, first, more, label } of WATCHED) {
    const known = new Set(baseline.domains[kind]);
    let unknownCount = 0;
    for (const domain of model.domains[kind]) {
      if (known.has(domain)) continue;
      if (isCommonThirdParty(domain, model.domain)) weight += COMMON_WEIGHT;
      else {
        weight += unknownCount === 0 ? first : more;
        unknownCount++;
      }
      found.push(`${label} ${domain}`);
      const frame = kind === 'iframe' ? model.frames.find((f) => f.domain === domain) : undefined;
      if (frame?.hidden === true && !isCommonThirdParty(domain, model.domain)) {
        weight += HIDDEN_FRAME_BONUS;
        evidence.push(`invisible iframe ${frame.src}`);
      } else evidence.push(`${label} ${frame?.src ?? domain}`);
    }
  }
  if (weight === 0) return [];
  return [
    makeSignal(
      'new-external-domain',
      Math.min(MAX_WEIGHT, weight),
      `New external domains: ${found.slice(0, 6).join(', ')}.`,
      evidence,
    ),
  ];
}
