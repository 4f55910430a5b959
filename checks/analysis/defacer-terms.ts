import { compileTerms, findDigitWords, WordIndex, type TermMatch } from './term-matcher.ts';

/**
 * Defacer wording. 75 % of real defacement pages say "hacked by"; the rest sign in other
 * languages, greet their crew, brag in leet, or lecture the admin. Weights are per distinct phrase
 * before context: the signal scales them by where they appear (title, a small page, a large page).
 *
 * `strong` phrases have no legitimate use on a portal; `medium` ones occur in news about attacks
 * ("website bị hack") and in ordinary English ("owned by"); `weak` ones only add up.
 */
const STRONG = [
  'hacked by',
  'hacked by:',
  'hack by',
  'hacked bye',
  'defaced by',
  'deface by',
  'defacer',
  'hacked & defaced',
  'owned and defaced',
  'site hacked',
  'this site has been hacked',
  'your site has been hacked',
  'website has been hacked',
  'hack bởi',
  'bị hack bởi',
  'hacked bởi',
  'hacklendi',
  'tarafından hacklendi',
  'diretas oleh',
  'di hack oleh',
  'dihack oleh',
  'hacked oleh',
  'hackeado por',
  'hackeada por',
  'hackeado pelo',
  'invadido por',
  'pirateado por',
  'piraté par',
  'gehackt von',
  'взломан',
  'تم الاختراق',
  'تم اختراق',
  'هكر بواسطة',
  'تم التهكير',
  'greetz',
  'greetz to',
  'greets to',
  'special thanks to',
  'we are anonymous',
  'expect us',
  'we are legion',
  'we do not forgive',
  'we do not forget',
  'your security is low',
  'your security is weak',
  'security is low',
  'patch your system',
  'patch your security',
  'fix your security',
  'hello admin',
  'hi admin',
  'sorry admin',
  'just a reminder',
  'system compromised',
  'this site has been seized',
  'has been seized by',
  'cyber army',
  'cyber team',
  'cyber crew',
  'hacker team',
  'hacktivist',
  'uid=0(root)',
  'security breached',
  'fortress breached',
  'fucked by',
  'was fucked by',
  'hacked and owned',
  'got hacked',
  'this domain has been seized',
] as const;

const MEDIUM = [
  'pwned',
  'owned by',
  'was here',
  'touched by',
  'bị hack',
  'hacked',
  'hacker',
  'defaced',
  'zone-h',
  'zone h',
  'mirror zone-h',
  'hacklink',
  'tersakiti',
  'indonesian hacker',
  'bangladesh hacker',
  'pakistan hacker',
  'muslim hacker',
  'is under control',
  'under our control',
  'been hacked',
  'hacker group',
  'greetings to',
  'seized by',
  'has been seized',
  'tersentuh oleh',
  'dibobol oleh',
  'هكر',
  'اختراق',
] as const;

/** Words that are everywhere on their own; they only add a little next to the others. */
const WEAK = ['anonymous', 'hack', 'hacking', 'cyber', 'telegram', 'deface'] as const;

export type SignatureTier = 'strong' | 'medium' | 'weak' | 'leet';

const TIER = new Map<string, SignatureTier>();
for (const t of WEAK) TIER.set(t, 'weak');
for (const t of MEDIUM) TIER.set(t, 'medium');
for (const t of STRONG) TIER.set(t, 'strong');

/** The list `pageTerms` matches against a page's words with the spam lists, in one pass (`compileTermLists`). */
export const SIGNATURE_TERMS: readonly string[] = [...STRONG, ...MEDIUM, ...WEAK];

const matcher = compileTerms(SIGNATURE_TERMS);

/**
 * Leet spellings of hacker words: at least one digit standing for a letter
 * ("h4ck3d", "hax0r", "0wn3d", "d3f4c3d", "pwn3d", "h4x0r", "l33t"; not a bare "1337", a number on its own).
 */
const LEET =
  /^(?:h[a4]ck[e3]d|h[a4]ck[e3]r|h[a4]x[o0]r|h[a4]ck\d+|[o0]wn[e3]d|pwn[e3]d|pwn[0o]r|d[e3]f[a4]c[e3]d?|d[e3]f[a4]c[e3]r|cyb[e3]r|t[e3][a4]m|l[e3]{2}t|3l1t[e3]|[e3]l[i1]t[e3]|sh[e3]ll|r[o0]{2}t|h[a4]ck[i1]ng)$/;

export interface SignatureMatch extends TermMatch {
  readonly tier: SignatureTier;
}

/** Defacer phrases in normalised text, with leet spellings (which need at least one digit). */
export function findSignatures(input: string | WordIndex): SignatureMatch[] {
  const index = typeof input === 'string' ? new WordIndex(input) : input;
  return signatureMatches(index, matcher.find(index));
}

/**
 * The defacer wording of `index` from what a matcher of `SIGNATURE_TERMS` found in it (`listed`):
 * tiers added, leet added, in text order. What `findSignatures` returns.
 */
export function signatureMatches(index: WordIndex, listed: readonly TermMatch[]): SignatureMatch[] {
  const out: SignatureMatch[] = listed.map((m) => ({ ...m, tier: TIER.get(m.term) ?? 'weak' }));
  for (const m of findDigitWords(index, LEET)) out.push({ ...m, tier: 'leet' });
  return out.sort((a, b) => a.index - b.index);
}
