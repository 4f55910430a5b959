import { compileTerms, findDigitWords, type TermMatch, WordIndex } from './term-matcher.ts';

/**
 * Gambling and SEO-spam vocabulary, from what was found on Vietnamese government sites 2020–2024
 * and the other spam families seen in the wild (REFERENCE.md). Three tiers:
 *
 * - `strong`: words a government page has no reason to use except when it is spam (betting
 *   brands, "nhà cái", "nổ hũ", "slot gacor", the Japanese keyword hack, pharma);
 * - `medium`: words news legitimately uses (police news about "đánh bạc", sports news about
 *   "cá cược"), which count half and only together with others;
 * - `cta`: the calls to action of spam ("link vào", "nạp tiền", "uy tín"): they never count on
 *   their own, they raise the weight of the terms around them.
 *
 * Deliberately absent: "xổ số" and "xổ số kiến thiết" (the legal state lottery whose results
 * provincial portals publish), "lô tô" (a column of those result tables), "slot" alone.
 */
const STRONG = [
  // Vietnamese
  'nhà cái',
  'nhà cái uy tín',
  'kèo nhà cái',
  'soi kèo',
  'nhận định kèo',
  'tài xỉu',
  'nổ hũ',
  'quay hũ',
  'game nổ hũ',
  'bắn cá đổi thưởng',
  'game bắn cá',
  'bắn cá online',
  'xóc đĩa',
  'xóc đĩa online',
  'soi cầu',
  'bạch thủ lô',
  'dàn đề',
  'lô đề online',
  'đánh đề online',
  'game bài đổi thưởng',
  'đánh bài đổi thưởng',
  'cổng game',
  'đá gà trực tiếp',
  'đá gà online',
  'casino trực tuyến',
  'casino online',
  'cá cược online',
  'cá cược bóng đá online',
  'cá độ online',
  'chơi game đổi tiền thật',
  'sicbo',
  'xổ số miền bắc hôm nay',
  'dự đoán xổ số',
  'nhà cái hàng đầu',
  // English
  'online casino',
  'slot online',
  'slot game',
  'slot gacor',
  'free spins',
  'sportsbook',
  'betting tips',
  // Indonesian
  'judi online',
  'judi bola',
  'situs judi',
  'situs slot',
  'slot gacor hari ini',
  'togel',
  'togel online',
  'maxwin',
  'gacor',
  'link alternatif',
  'bandar togel',
  'agen judi',
  'rtp slot',
  'scatter hitam',
  'pragmatic play',
  // Thai, Chinese, Japanese keyword hack
  'สล็อต',
  'บาคาร่า',
  'คาสิโน',
  'แทงบอล',
  'เว็บพนัน',
  '博彩',
  '娱乐城',
  '六合彩',
  '百家乐',
  '赌场',
  '时时彩',
  '澳门赌场',
  '激安',
  '通販',
  'スーパーコピー',
  'ブランドコピー',
  '偽物',
  'コピー品',
  // Pharma
  'viagra',
  'cialis',
  'levitra',
  'kamagra',
  'tadalafil',
  'sildenafil',
  'buy viagra',
  'cheap cialis',
] as const;

const MEDIUM = [
  'cá cược',
  'cá độ',
  'đánh bạc',
  'cờ bạc',
  'đá gà',
  'lô đề',
  'đánh đề',
  'game bài',
  'bắn cá',
  'casino',
  'baccarat',
  'poker',
  'roulette',
  'blackjack',
  'jackpot',
  'đổi thưởng',
  'tỷ lệ kèo',
  'kèo',
  'xổ số miền bắc',
  'cược',
  'gambling',
  'betting',
  'judi',
  'kasino',
  'sabung ayam',
  'slots',
  'rồng hổ',
  'bạch thủ',
] as const;

/** Betting brands named in the reports, and the big international ones. */
const BRANDS = [
  '8xbet',
  '98win',
  'kuwin',
  'sunwin',
  'go88',
  'fa88',
  'luk88',
  'twin68',
  '99vin',
  'alo789',
  'w88',
  'fun88',
  '188bet',
  'm88',
  'dafabet',
  'sbobet',
  'fb88',
  'v9bet',
  '12bet',
  'bk8',
  'jun88',
  'hi88',
  'new88',
  'f8bet',
  'shbet',
  '789bet',
  'mb66',
  'okvip',
  '789club',
  'b52club',
  'rikvip',
  'hitclub',
  'iwin',
  'zbet',
  'vn88',
  'kubet',
  'ku casino',
  '1xbet',
  '888b',
  'ae888',
  '77win',
  '33win',
  'sv388',
  'bong88',
  'vwin',
  'typhu88',
  'loto188',
  'cwin',
  'five88',
  'gemwin',
  'b52club',
  'tip.club',
  'yo88',
  'zowin',
  'qh88',
  'nohu',
  '8kbet',
  'ok365',
  'bet365',
  'stake.com',
] as const;

const CTA = [
  'link vào',
  'link vào nhà cái',
  'đăng ký',
  'nạp tiền',
  'rút tiền',
  'khuyến mãi',
  'uy tín',
  'giftcode',
  'gift code',
  'tải app',
  'nhận thưởng',
  'hoàn trả',
  'tiền thật',
  'chơi ngay',
  'tặng',
  'thưởng',
  'trang chủ',
  'chính thức',
  'hoàn tiền',
  'siêu tốc',
  'cược thủ',
  'tỷ lệ cao',
  'bet thủ',
  'hội viên',
  'daftar',
  'deposit',
  'bonus',
  'withdraw',
  'register now',
  'sign up',
  'promo',
  'free bet',
] as const;

/** Law-enforcement and court vocabulary: news about busting a gambling ring, not an advert for one. */
const LAW = [
  'công an',
  'triệt phá',
  'bắt giữ',
  'bắt quả tang',
  'khởi tố',
  'đối tượng',
  'điều tra',
  'tạm giữ',
  'vụ án',
  'bị can',
  'xét xử',
  'tòa án',
  'toà án',
  'viện kiểm sát',
  'truy tố',
  'phạt tù',
  'tang vật',
  'chuyên án',
  'cảnh sát',
  'tội',
  'tổ chức đánh bạc',
  'đường dây',
  'bị cáo',
  'xử phạt',
  'vi phạm',
  'police',
  'arrested',
  'polisi',
  'ditangkap',
] as const;

const SPORTS = [
  'bóng đá',
  'trận đấu',
  'trận',
  'đội tuyển',
  'cầu thủ',
  'huấn luyện viên',
  'hlv',
  'vô địch',
  'giải đấu',
  'v-league',
  'premier league',
  'world cup',
  'sea games',
  'aff cup',
  'bàn thắng',
  'hiệp',
  'sân',
  'football',
  'match',
  'league',
] as const;

export type SpamTier = 'strong' | 'medium' | 'brand';

const TIER = new Map<string, SpamTier>();
for (const t of MEDIUM) TIER.set(t, 'medium');
for (const t of STRONG) TIER.set(t, 'strong');
for (const t of BRANDS) TIER.set(t, 'brand');

/**
 * The lists `pageTerms` matches against a page's words, all in one pass (`compileTermLists`): spam
 * (handed to `spamMatches`), calls to action, law-enforcement words (the context of police news
 * about gambling rings) and sports words (match reports that quote betting odds).
 */
export const SPAM_TERMS: readonly string[] = [...STRONG, ...MEDIUM, ...BRANDS];
export const CALL_TO_ACTION_TERMS: readonly string[] = CTA;
export const LAW_TERMS: readonly string[] = LAW;
export const SPORTS_TERMS: readonly string[] = SPORTS;

const spamMatcher = compileTerms(SPAM_TERMS);

/**
 * Brand-shaped words: letters then a lucky number, or a number then bet/win/vin/club ("abc88",
 * "6789club"). A digit is required, so "alphabet" and "darwin" stay words; years ("1988") have no letters.
 */
const BRAND_SHAPE = /^(?:[a-z]{1,6}(?:88|68|789|888|86|66|99|79)|[a-z]?\d{1,4}[a-z]?(?:bet|win|vin|club))$/;

export interface SpamMatch extends TermMatch {
  readonly tier: SpamTier | 'shape';
}

/** Spam terms in normalised text; overlapping shorter terms inside a longer match are dropped. */
export function findSpamTerms(input: string | WordIndex): SpamMatch[] {
  const index = typeof input === 'string' ? new WordIndex(input) : input;
  return spamMatches(index, spamMatcher.find(index));
}

/**
 * The spam terms of `index` from what a matcher of `SPAM_TERMS` found in it (`listed`): tiers
 * added, brand-shaped words added, in text order. What `findSpamTerms` returns.
 */
export function spamMatches(index: WordIndex, listed: readonly TermMatch[]): SpamMatch[] {
  const found: SpamMatch[] = listed.map((m) => ({ ...m, tier: TIER.get(m.term) ?? 'medium' }));
  for (const m of findDigitWords(index, BRAND_SHAPE)) if (!TIER.has(m.term)) found.push({ ...m, tier: 'shape' });
  return found.sort((a, b) => a.index - b.index);
}

/** How much one distinct term counts toward co-occurrence: strong and brands 1, the rest ½. */
export function tierWeight(tier: SpamMatch['tier']): number {
  return tier === 'strong' || tier === 'brand' ? 1 : 0.5;
}
