import type { Signal } from '../../schemas/defacement.ts';
import type { Baseline } from '../baseline.ts';
import type { PageModel } from '../page-model.ts';
import { domainOfUrl } from '../registrable-domain.ts';
import { makeSignal } from '../signal.ts';
import { sketchJaccard } from '../sketch.ts';
import { scoreSpam } from './gambling-spam.ts';
import { defacerSignatureSignals } from './defacer-signature.ts';

/** The same page fetched as Googlebot and with a Google-search Referer. */
export interface Variants {
  readonly googlebot?: PageModel;
  readonly googleReferer?: PageModel;
}

export interface CloakingInput {
  readonly model: PageModel;
  readonly baseline: Baseline | null;
  readonly variants?: Variants;
  readonly siteUrl: string;
}

const SPAM_ONLY_IN_VARIANT = 60;
const REDIRECT_ONLY_IN_VARIANT = 50;
const DIFFERENT_PAGE = 20;
const MAX_WEIGHT = 75;

/**
 * Cloaking: what search engines or search visitors get differs from what the monitor (and the
 * site's staff) get. Spam or a redirect present only in a variant is the hallmark of the gambling
 * injections on Vietnamese portals; a merely different page counts a little (bot walls and CDNs
 * answer crawlers differently too).
 */
export function cloakingSignals({ model, baseline, variants, siteUrl }: CloakingInput): Signal[] {
  if (variants === undefined) return [];
  const out: Signal[] = [];
  const mainSpam = scoreSpam({ model, baseline }).weight;
  const mainSig = signatureWeight(model, baseline);
  const siteDomain = domainOfUrl(siteUrl) ?? model.domain;
  const mainTargets = redirectDomains(model, siteDomain);
  const entries: ReadonlyArray<readonly [string, PageModel | undefined]> = [
    ['Googlebot', variants.googlebot],
    ['a visitor from Google search', variants.googleReferer],
  ];
  for (const [who, variant] of entries) {
    if (variant === undefined) continue;
    let weight = 0;
    const parts: string[] = [];
    const evidence: string[] = [];
    const spam = scoreSpam({ model: variant, baseline });
    const sig = signatureWeight(variant, baseline);
    if ((spam.weight >= 20 && mainSpam < 10) || (sig >= 30 && mainSig < 10)) {
      weight += SPAM_ONLY_IN_VARIANT;
      parts.push(spam.weight >= 20 ? `spam (${spam.terms.slice(0, 4).join(', ')})` : 'defacer wording');
      evidence.push(...spam.evidence.slice(0, 3));
    }
    const targets = redirectDomains(variant, siteDomain).filter((d) => !mainTargets.includes(d));
    if (targets.length > 0) {
      weight += REDIRECT_ONLY_IN_VARIANT;
      parts.push(`a redirect to ${targets.join(', ')}`);
      evidence.push(...targets);
    }
    if (weight === 0) {
      const layout = sketchJaccard(
        model.structure,
        model.structureTotal > model.structure.length,
        variant.structure,
        variant.structureTotal > variant.structure.length,
      );
      const words = sketchJaccard(
        model.textSketch,
        model.textShingleTotal > model.textSketch.length,
        variant.textSketch,
        variant.textShingleTotal > variant.textSketch.length,
      );
      if (layout < 0.3 && words < 0.2) {
        weight += DIFFERENT_PAGE;
        parts.push(`a different page (layout similarity ${layout.toFixed(2)}, text ${words.toFixed(2)})`);
        evidence.push(`variant title: ${variant.title}`);
      }
    }
    if (weight > 0) {
      out.push(
        makeSignal(
          'cloaking',
          Math.min(MAX_WEIGHT, weight),
          `Only ${who} gets ${parts.join(' and ')}.`,
          evidence,
          variant.url,
        ),
      );
    }
  }
  return out;
}

function signatureWeight(model: PageModel, baseline: Baseline | null): number {
  return defacerSignatureSignals({ model, baseline }).reduce((s, x) => s + x.weight, 0);
}

/**
 * Other registrable domains (than the site's) a page sends its visitor to: the domain it was
 * served from after redirects, and its meta refresh and literal script redirects.
 */
function redirectDomains(model: PageModel, siteDomain: string): string[] {
  const urls = [model.url, ...(model.metaRefresh?.url ? [model.metaRefresh.url] : []), ...model.scriptRedirects];
  const domains = urls.map((u) => domainOfUrl(u)).filter((d): d is string => d !== null && d !== siteDomain);
  return [...new Set(domains)];
}
