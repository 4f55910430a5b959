import type { Signal } from '../../schemas/defacement.ts';
import { carriesAnyName, type IdentityZone } from '../identity.ts';
import { makeSignal } from '../signal.ts';
import type { SignalInput } from './signal-input.ts';

export interface IdentityInput extends SignalInput {
  /** The registry's names for the site (identity.ts `identityNames`). */
  readonly names: readonly string[];
}

/**
 * Weight of a page that no longer says whose site it is. Attack evidence, not a change: with the
 * "page changed" signals of a replaced page (capped at 50 together) it makes `defaced`; alone (the
 * agency's name moved into an image) it is worth a look, `suspected`.
 */
const IDENTITY_LOST_WEIGHT = 35;
/** Own links below this share of the baseline's count are "gone" (a portal has dozens; a defacement none). */
const OWN_LINKS_GONE_SHARE = 0.1;

const ZONE_WORDS: Record<IdentityZone, string> = {
  title: 'title',
  headings: 'headings',
  text: 'text',
  alt: 'image descriptions',
};

/**
 * The page lost the site's identity: none of the names the baseline carried (the registry's name,
 * English name, agency, keywords) is on it any more, anywhere a visitor reads, and the links to the
 * site's own pages are gone too (when the baseline had some). A redesign keeps the agency's name
 * and its navigation; a replaced page has neither. Needs a baseline that learned the identity.
 */
export function identityLostSignals({ model, baseline, names }: IdentityInput): Signal[] {
  const learned = baseline?.identity;
  if (!learned || learned.names.length === 0) return [];
  const expected = learned.names.filter((n) => names.includes(n));
  if (expected.length === 0) return [];
  if (carriesAnyName(model, expected)) return [];
  const linksGone = learned.ownLinks === 0 || model.ownLinks <= Math.floor(learned.ownLinks * OWN_LINKS_GONE_SHARE);
  if (!linksGone) return [];
  const quoted = expected.map((n) => `"${n}"`).join(', ');
  const where = learned.zones.map((z) => ZONE_WORDS[z]).join(', ');
  const links =
    learned.ownLinks === 0 ? '' : ` Links to the site's own pages went from ${learned.ownLinks} to ${model.ownLinks}.`;
  return [
    makeSignal(
      'identity-lost',
      IDENTITY_LOST_WEIGHT,
      `The page no longer names ${quoted}; the baseline did, in its ${where}.${links}`,
      [`title now: ${model.title}`, `headings now: ${model.headings}`],
    ),
  ];
}
