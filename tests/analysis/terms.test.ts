import { describe, expect, it } from 'vitest';
import { findSignatures } from '../../checks/analysis/defacer-terms.ts';
import { pageTerms } from '../../checks/analysis/page-terms.ts';
import { CALL_TO_ACTION_TERMS, findSpamTerms, LAW_TERMS, SPORTS_TERMS } from '../../checks/analysis/spam-terms.ts';
import { compileTermLists, compileTerms, WordIndex } from '../../checks/analysis/term-matcher.ts';
import { foldDiacritics } from '../../checks/analysis/text-fold.ts';
import { FOLDED_WORD_UNITS } from '../../checks/analysis/word-units.ts';

const terms = (text: string) => findSpamTerms(text).map((m) => m.term);

describe('foldDiacritics', () => {
  it('removes Vietnamese marks and folds đ, keeping every index', () => {
    const text = 'nhà cái uy tín đá gà Ðà nẵng 博彩';
    expect(foldDiacritics(text)).toBe('nha cai uy tin da ga da nang 博彩');
    expect(foldDiacritics(text)).toHaveLength(text.length);
  });
});

describe('FOLDED_WORD_UNITS', () => {
  it.each([
    ['an ASCII letter as is', 'a', 'a'],
    ['a digit as is', '7', '7'],
    ['a Vietnamese letter as its base letter', 'ộ', 'o'],
    ['đ and the look-alike Ð as d', 'đÐ', 'dd'],
    ['Thai and CJK as is', 'สล博', 'สล博'],
  ])('folds %s', (_, text, expected) => {
    expect(String.fromCharCode(...[...text].map((ch) => FOLDED_WORD_UNITS[ch.charCodeAt(0)]!))).toBe(expected);
  });
  it('is 0 for what separates words', () => {
    expect([...' -,.\u00a0\u2014「'].map((ch) => FOLDED_WORD_UNITS[ch.charCodeAt(0)])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('WordIndex', () => {
  it.each([
    ['Latin and Vietnamese only', 'nhà cái uy tín, top 10', false],
    ['Thai', 'เว็บ สล็อต', true],
    ['a CJK ideograph after Latin words', 'casino 博彩', true],
    ['Cyrillic', 'казино', true],
    ['empty', '', false],
  ])('knows whether the text has a script without spaces: %s', (_, text, expected) => {
    expect(new WordIndex(text).unspaced).toBe(expected);
  });
  it('hashes words folded, so spellings with and without diacritics are the same word', () => {
    const index = new WordIndex('cá cược, ca cuoc');
    expect(index.count).toBe(4);
    expect(index.hashes[0]).toBe(index.hashes[2]);
    expect(index.hashes[1]).toBe(index.hashes[3]);
    expect(index.digitWords).toEqual([]);
  });
});

describe('compileTerms', () => {
  const m = compileTerms(['cá cược', 'nhà cái', 'nhà cái uy tín', 'zone-h', 'สล็อต']);
  it.each([
    ['accented as listed', 'top nhà cái tháng 3', ['nhà cái']],
    ['written without diacritics', 'top nha cai uy tin', ['nhà cái uy tín']],
    ['the longest term wins', 'nhà cái uy tín nhất', ['nhà cái uy tín']],
    ['other words with the same letters do not match', 'cả cuộc đời, nhà cài đặt', []],
    ['only whole words', 'nhà cáii, xnhà cái', []],
    ['punctuation between words is ignored', 'mirror zone-h.org, zone h', ['zone-h', 'zone-h']],
    ['scripts without spaces match as substrings', 'เว็บสล็อตออนไลน์', ['สล็อต']],
  ])('%s', (_, text, expected) => {
    expect(m.find(text).map((x) => x.term)).toEqual(expected);
  });
});

describe('compileTermLists', () => {
  const lists = [
    ['nhà cái uy tín', 'nhà cái', 'tài xỉu', 'สล็อต', 'تم اختراق', 'اختراق'],
    ['uy tín', 'cái uy'],
    ['nhà cái', 'tài xỉu online', 'tài xỉu', 'اختراق'],
  ];
  const m = compileTermLists(lists);
  const terms = (text: string) => m.findAll(new WordIndex(text)).map((found) => found.map((x) => x.term));
  it('lets a word inside one list’s match start, or be, a match of another list', () => {
    expect(terms('nhà cái uy tín, tài xỉu online')).toEqual([
      ['nhà cái uy tín', 'tài xỉu'],
      ['cái uy'],
      ['nhà cái', 'tài xỉu online'],
    ]);
  });
  it('still skips the words of a match within its own list', () => {
    // "cái uy" covers "uy", so its list finds no "uy tín"; "nhà cái uy tín" covers "nhà cái".
    expect(terms('nhà cái uy tín')).toEqual([['nhà cái uy tín'], ['cái uy'], ['nhà cái']]);
  });
  it('drops a shorter unspaced term inside a longer match of its own list only', () => {
    expect(terms('تم اختراق الموقع')).toEqual([['تم اختراق'], [], ['اختراق']]);
  });
  it.each([
    'nhà cái uy tín, tài xỉu online',
    'nha cai uy tin nha cai, tai xiu online tai xiu',
    'cả cuộc đời nhà cài đặt',
    'เว็บสล็อตออนไลน์ تم اختراق',
    '',
  ])('finds per list what the list compiled on its own finds: %j', (text) => {
    const index = new WordIndex(text);
    expect(m.findAll(index)).toEqual(lists.map((list) => compileTerms(list).find(index)));
  });
});

describe('pageTerms', () => {
  it('matches every list as the single-text finders do, a spam term hiding no call to action', () => {
    const text =
      'nhà cái uy tín, link vào nhà cái fb88 h4ck3d, công an triệt phá trận đấu cá cược bóng đá online, hacked by x';
    const found = pageTerms({ text } as Parameters<typeof pageTerms>[0]);
    expect(found.spam.map((x) => x.term)).toContain('nhà cái uy tín');
    expect(found.callsToAction.map((x) => x.term)).toEqual(['uy tín', 'link vào nhà cái']);
    expect(found).toEqual({
      wordCount: new WordIndex(text).count,
      spam: findSpamTerms(text),
      callsToAction: compileTerms(CALL_TO_ACTION_TERMS).find(text),
      law: compileTerms(LAW_TERMS).find(text),
      sports: compileTerms(SPORTS_TERMS).find(text),
      signatures: findSignatures(text),
    });
  });
});

describe('findSpamTerms', () => {
  it('finds listed brands and brand-shaped words, with their tiers', () => {
    expect(findSpamTerms('link vào fb88 và abc88, 6789club').map((m) => [m.term, m.tier])).toEqual([
      ['fb88', 'brand'],
      ['abc88', 'shape'],
      ['6789club', 'shape'],
    ]);
  });
  it('leaves ordinary words, years and products alone', () => {
    expect(
      terms('alphabet darwin năm 1988 office365 máy bay b52 trong chiến dịch 12 ngày đêm, xổ số kiến thiết, lô tô'),
    ).toEqual([]);
  });
  it('knows the other spam families', () => {
    expect(terms('slot gacor hari ini, judi online, togel')).toEqual(['slot gacor hari ini', 'judi online', 'togel']);
    expect(terms('บาคาร่า 娱乐城 スーパーコピー viagra')).toEqual(['บาคาร่า', '娱乐城', 'スーパーコピー', 'viagra']);
  });
});

describe('findSignatures', () => {
  it('finds defacer wording in several languages and leet', () => {
    const found = findSignatures(
      'hacked by x - website bị hack bởi y - diretas oleh z - hackeado por w - sitemiz hacklendi - h4ck3d - تم اختراق',
    ).map((m) => [m.term, m.tier]);
    expect(found).toEqual([
      ['hacked by', 'strong'],
      ['bị hack bởi', 'strong'],
      ['diretas oleh', 'strong'],
      ['hackeado por', 'strong'],
      ['hacklendi', 'strong'],
      ['h4ck3d', 'leet'],
      ['تم اختراق', 'strong'],
    ]);
  });
  it('does not read leet into ordinary numbers', () => {
    expect(findSignatures('năm 2024 có 1337 hồ sơ, team building, mã 0wn3d')).toEqual([
      { term: '0wn3d', index: 42, end: 47, tier: 'leet' },
    ]);
  });
});
