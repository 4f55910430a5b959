import type { Signal } from '../../schemas/defacement.ts';
import { makeSignal } from '../signal.ts';
import { findSpamTerms } from '../spam-terms.ts';
import { isCommonThirdParty } from '../well-known-domains.ts';
import type { HiddenLink } from '../page-model.ts';
import type { SignalInput } from './signal-input.ts';

function isSpammy(link: HiddenLink): boolean {
  return findSpamTerms(`${link.text} ${link.domain.replace(/[.-]/g, ' ')}`).length > 0;
}

const MAX_WEIGHT = 50;

/**
 * Links to other registrable domains that visitors cannot see: the classic SEO-spam injection
 * (a display:none block of links to betting sites). Domains the baseline already hid (a collapsed
 * partner-links menu) do not count, nor do links to other government sites or mainstream services
 * unless their text is spam. Without a baseline, hidden links without spam wording count half:
 * some portals hide external menus until hovered.
 */
export function hiddenLinksSignals({ model, baseline }: SignalInput): Signal[] {
  const known = new Set(baseline?.hiddenLinkDomains ?? []);
  // Collapsed menus and CMS edit links point to other government sites or mainstream services;
  // injected link blocks point to the spammer's domains (or say what they sell).
  const fresh = model.hiddenLinks.filter(
    (l) => !known.has(l.domain) && (!isCommonThirdParty(l.domain, model.domain) || isSpammy(l)),
  );
  if (fresh.length === 0) return [];
  const domains = new Set(fresh.map((l) => l.domain));
  const spammy = fresh.some(isSpammy);
  const n = domains.size;
  let weight = n >= 6 ? 45 : n >= 3 ? 35 : n === 2 ? 25 : 15;
  if (baseline === null && !spammy) weight *= 0.5;
  const reasons = [...new Set(fresh.map((l) => l.reason))].slice(0, 3).join(', ');
  const detail = `${fresh.length} hidden link(s) to ${n} other domain(s) (${reasons}): ${[...domains].slice(0, 5).join(', ')}.`;
  const evidence = fresh.map((l) => `${l.domain} "${l.text}" (${l.reason})`);
  return [makeSignal('hidden-links', Math.min(MAX_WEIGHT, weight), detail, evidence)];
}
