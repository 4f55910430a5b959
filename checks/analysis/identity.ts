import type { PageModel } from './page-model.ts';
import { foldDiacritics, normaliseText } from './text-fold.ts';

/**
 * A site's identity: the names the registry knows it by (`name`, `name_en`, `agency`, and the
 * explicit `checks.keywords`), as the page may write them. A redesign still says whose site it is;
 * a page replaced by a defacer does not. Pure.
 */

/** Where on a page a name stands. */
export const IDENTITY_ZONES = ['title', 'headings', 'text', 'alt'] as const;
export type IdentityZone = (typeof IDENTITY_ZONES)[number];

/** What the baseline learned of the site's identity from its clean observations. */
export interface LearnedIdentity {
  /** The registry's names (as written there) that the page carried. */
  readonly names: readonly string[];
  /** Where the page carried them, over all the names. */
  readonly zones: readonly IdentityZone[];
  /** Links to the site's own pages in the latest clean observation. */
  readonly ownLinks: number;
}

/**
 * Generic openings of portal names ("Cổng thông tin điện tử Sở Y tế …"): a page often names the
 * agency without them, so the name is also looked for with them cut off. Folded and lowercase.
 */
const GENERIC_OPENINGS = [
  'cong thong tin dien tu',
  'trang thong tin dien tu',
  'cong thong tin',
  'trang thong tin',
  'cong dich vu cong',
  'website',
  'web site',
  'trang web',
  'the official website of',
  'official website of',
  'the official portal of',
  'official portal of',
  'the portal of',
  'portal of',
  'electronic information portal of',
  'e-portal of',
];

/** A name's core shorter than this many words is too generic to stand for the site ("tỉnh"). */
const MIN_CORE_WORDS = 2;

/** The registry's names for a site, unique, in order: what its identity is looked for as. */
export function identityNames(site: {
  readonly name: string;
  readonly name_en?: string | undefined;
  readonly agency: string;
  readonly checks?: { readonly keywords?: readonly string[] };
}): string[] {
  const all = [site.name, site.name_en, site.agency, ...(site.checks?.keywords ?? [])];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of all) {
    if (name === undefined) continue;
    const key = foldName(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Folded forms a name is recognised by: whole, and without a generic opening when what is left still names someone. */
export function nameForms(name: string): string[] {
  const whole = foldName(name);
  if (whole === '') return [];
  const forms = [whole];
  for (const opening of GENERIC_OPENINGS) {
    if (!whole.startsWith(`${opening} `)) continue;
    const core = whole.slice(opening.length + 1);
    if (core.split(' ').length >= MIN_CORE_WORDS) forms.push(core);
    break;
  }
  return forms;
}

/** Lowercase, NFC, single spaces, no diacritics, đ→d, punctuation as spaces: "UBND tỉnh Hòa Bình" → "ubnd tinh hoa binh". */
export function foldName(text: string): string {
  return foldDiacritics(normaliseText(text)).replace(PUNCTUATION, ' ').replace(/ {2,}/g, ' ').trim();
}

const PUNCTUATION = /[\s.,;:!?'"“”‘’()[\]{}|/\\–—-]+/g;

/** Runs of anything but letters and digits: what may stand between a name's words on a page. */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * A text as its words (letters and digits) joined by single spaces and padded with one on each
 * side, so that a name's words standing in order, whole, with anything but letters and digits
 * between them, are a substring: " so y te tinh mau " in " trang chu so y te tinh mau lien he ".
 *
 * Why not a regular expression per name: with `\p{L}` classes a pattern compiles to machine code
 * in the main heap, about 140 KB for the ones run most; one a name form, cached, a 1,300-site run
 * held 30 MB of such code (of its 83 MB heap at the end of probing, heap snapshot), and compiled it.
 */
export function wordSpaced(text: string): string {
  const spaced = text.replace(NOT_WORD, ' ');
  return `${spaced.startsWith(' ') ? '' : ' '}${spaced}${spaced.endsWith(' ') ? '' : ' '}`;
}

/**
 * What a `wordSpaced` text contains when it carries the name form, found once per form rather than
 * per zone; null for a form with no letter or digit, carried nowhere. Symbols in a form separate
 * words as they do on the page ("usa.gov" is carried by "usa gov").
 */
export function nameNeedle(form: string): string | null {
  const needle = wordSpaced(form);
  return needle.length > 2 ? needle : null;
}

/** The needles of a name's forms (see `nameNeedle`). */
function needlesOf(name: string): string[] {
  return nameForms(name).flatMap((form) => nameNeedle(form) ?? []);
}

/** Zones in the order a name is looked for: the short ones first (a page that names itself does so in its title). */
const SEARCH_ORDER: readonly IdentityZone[] = ['title', 'headings', 'alt', 'text'];

/** A zone's text, folded and word-spaced: the model's texts are normalised already (lowercase, NFC, single spaces). */
function zoneText(model: PageModel, zone: IdentityZone): string {
  const raw =
    zone === 'title' ? model.title : zone === 'headings' ? model.headings : zone === 'alt' ? model.altText : model.text;
  return wordSpaced(foldDiacritics(raw));
}

/** Does the page carry any of `names` anywhere a visitor reads? Stops at the first one found. */
export function carriesAnyName(model: PageModel, names: readonly string[]): boolean {
  const wanted = names.flatMap(needlesOf);
  if (wanted.length === 0) return false;
  for (const zone of SEARCH_ORDER) {
    const text = zoneText(model, zone);
    if (wanted.some((needle) => text.includes(needle))) return true;
  }
  return false;
}

/** Which of `names` the page carries, and where. */
export function findIdentity(
  model: PageModel,
  names: readonly string[],
): { readonly names: string[]; readonly zones: IdentityZone[] } {
  if (names.length === 0) return { names: [], zones: [] };
  const texts = IDENTITY_ZONES.map((zone) => [zone, zoneText(model, zone)] as const);
  const found: string[] = [];
  const where = new Set<IdentityZone>();
  for (const name of names) {
    const needles = needlesOf(name);
    let carried = false;
    for (const [zone, text] of texts) {
      if (needles.some((needle) => text.includes(needle))) {
        carried = true;
        where.add(zone);
      }
    }
    if (carried) found.push(name);
  }
  return { names: found, zones: IDENTITY_ZONES.filter((z) => where.has(z)) };
}

/** What a clean observation teaches: the names it carried (kept from earlier ones too), where, and its own links. */
export function learnIdentity(
  previous: LearnedIdentity | undefined,
  model: PageModel,
  names: readonly string[],
): LearnedIdentity | undefined {
  if (names.length === 0) return previous;
  const now = findIdentity(model, names);
  // Names the registry no longer has are dropped (the site was renamed); the others accumulate.
  const kept = (previous?.names ?? []).filter((n) => names.includes(n));
  const allNames = [...kept, ...now.names.filter((n) => !kept.includes(n))];
  const zones = IDENTITY_ZONES.filter((z) => now.zones.includes(z) || (previous?.zones ?? []).includes(z));
  return { names: allNames, zones, ownLinks: model.ownLinks };
}
