import type { PageModel } from './page-model.ts';
import type { TermMatch } from './term-matcher.ts';
import { foldDiacritics, normaliseText } from './text-fold.ts';

/**
 * Where and how defacer wording stands on a page. A defacer's signature is a claim: a heading or
 * banner, followed by a handle ("Hacked by Shadow_Cr3w", "hack bởi VN-Gh0st"). News about an
 * attack is a mention: the text of a link in a news list, followed by ordinary words ("… bị hack
 * bởi nhóm tin tặc nước ngoài", "hacked by a foreign group"). Pure.
 *
 * - `mention`: the phrase names its agent with ordinary words, or stands in a link's text;
 * - `claim`: not a mention, and in a heading or banner, or followed by a handle (digits, "_", "@");
 * - `plain`: neither (the phrase has no agent to read, e.g. "your security is low", in body text).
 */
export type SignatureContext = 'claim' | 'mention' | 'plain';

/**
 * Phrases whose next word names who did it ("hacked by X", "hack bởi X", "diretas oleh X"):
 * their endings, folded. What follows them tells a handle from ordinary words.
 */
const AGENT_ENDINGS = new Set(['by', 'bye', 'by:', 'boi', 'oleh', 'por', 'pelo', 'par', 'von', 'to']);

/**
 * Words that follow an agent phrase in news, not in a signature: articles, quantifiers and the
 * nouns reporters use for attackers, in the languages the signature list covers. Folded, lowercase.
 */
const ORDINARY_FOLLOWERS = new Set([
  // Vietnamese (folded): một nhóm, các, những, tin tặc, hacker, kẻ, đối tượng, hàng loạt, nhiều, tổ chức, người, ai, bọn, mạng, lực lượng, giới
  'mot',
  'nhom',
  'cac',
  'nhung',
  'tin',
  'ke',
  'doi',
  'hang',
  'nhieu',
  'to',
  'nguoi',
  'ai',
  'bon',
  'mang',
  'luc',
  'gioi',
  'chinh',
  // English
  'a',
  'an',
  'the',
  'some',
  'unknown',
  'unidentified',
  'foreign',
  'suspected',
  'alleged',
  'hacker',
  'hackers',
  'attackers',
  'criminals',
  'cybercriminals',
  'group',
  'groups',
  'state',
  'state-sponsored',
  'government',
  'chinese',
  'russian',
  'iranian',
  'north',
  'pro-russian',
  'several',
  'multiple',
  'two',
  'three',
  'one',
  'its',
  'their',
  'his',
  'her',
  'who',
  'whom',
  'what',
  'ransomware',
  'malware',
  // Spanish, Portuguese
  'un',
  'una',
  'unos',
  'unas',
  'um',
  'uma',
  'uns',
  'umas',
  'el',
  'la',
  'los',
  'las',
  'o',
  'os',
  'grupo',
  'grupos',
  'piratas',
  'desconocidos',
  'criminosos',
  // French
  'une',
  'des',
  'le',
  'les',
  'pirates',
  'groupe',
  // German
  'einer',
  'einem',
  'einen',
  'eine',
  'der',
  'die',
  'den',
  'unbekannten',
  'hackern',
  'gruppe',
  // Indonesian, Malay
  'sekelompok',
  'kelompok',
  'peretas',
  'oknum',
  'pihak',
  'para',
  'seorang',
  'orang',
]);

/** Characters between a phrase and the name it introduces ("hacked by: X", "hacked by — X"). */
const LEADING = /^[\s:–—\-|~*=>#@.,;!"'“”‘’()[\]]*/u;
const TRAILING = /[.,;:!?"'“”‘’()[\]]+$/u;

/** The word after [.., end) in `text` (folded, "" when the text or its entry ends there), and where it ends in `text`. */
function followingWord(text: string, end: number): { readonly word: string; readonly end: number } {
  const window = text.slice(end, end + 64);
  const lead = LEADING.exec(window)![0].length;
  const rest = window.slice(lead);
  if (rest === '' || rest.startsWith('|')) return { word: '', end };
  const raw = rest.split(/\s/, 1)[0]!;
  return { word: foldDiacritics(raw.replace(TRAILING, '')), end: end + lead + raw.length };
}

function isAgentPhrase(term: string): boolean {
  const last = foldDiacritics(term).split(' ').at(-1) ?? '';
  return AGENT_ENDINGS.has(last);
}

/** The context of one match in the model's visible text. */
export function signatureContext(model: PageModel, match: TermMatch): SignatureContext {
  const text = model.text;
  const next = followingWord(text, match.end);
  const agent = isAgentPhrase(match.term);
  if (agent && next.word !== '' && ORDINARY_FOLLOWERS.has(next.word)) return 'mention';
  // The phrase as written here with the word after it: found in a link's text, it is a headline
  // pointing to an article (news lists put their headlines in links, headings or not); in a
  // heading's or banner's text, the page's own message.
  const phrase = text.slice(match.index, next.end);
  if (normalisedLinkText(model).includes(phrase)) return 'mention';
  if (model.headings.includes(phrase)) return 'claim';
  // In running text a name after the phrase may be a group a news article names ("hacked by
  // Anonymous"): only a handle's shape (digits, "_", "@", "mr.x") makes it a signature there.
  return agent && looksLikeHandle(next.word) ? 'claim' : 'plain';
}

/** A defacer's handle: "shadow_cr3w", "vn-gh0st", "@xteam", "mr.kr4k3n" (an ordinary word has none of these). */
export function looksLikeHandle(word: string): boolean {
  return /[0-9_@]|\p{L}\.\p{L}/u.test(word);
}

const linkTextMemo = new WeakMap<PageModel, string>();
/** The model's link text normalised as its visible text is (page-model.ts keeps it raw). */
function normalisedLinkText(model: PageModel): string {
  let text = linkTextMemo.get(model);
  if (text === undefined) {
    text = normaliseText(model.linkText);
    linkTextMemo.set(model, text);
  }
  return text;
}

/** The title's context: a claim unless its agent is named with ordinary words (a news article's title). */
export function titleContext(title: string, match: TermMatch): SignatureContext {
  if (!isAgentPhrase(match.term)) return 'claim';
  const next = followingWord(title, match.end);
  return next.word !== '' && ORDINARY_FOLLOWERS.has(next.word) ? 'mention' : 'claim';
}
