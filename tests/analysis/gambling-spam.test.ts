import { describe, expect, it } from 'vitest';
import { analysePage } from '../../checks/analysis/analyse-page.ts';
import { gamblingSpamSignals } from '../../checks/analysis/signals/gambling-spam.ts';
import {
  HIDDEN_GAMBLING,
  learnedBaseline,
  LOTTERY_ARTICLE,
  model,
  NOW,
  POLICE_ARTICLE,
  portal,
  SITE,
  SPORTS_ARTICLE,
} from './fixtures.ts';

const spam = (html: string, baseline = learnedBaseline()) =>
  gamblingSpamSignals({ model: model(html), baseline }).map((s) => [s.kind, s.weight]);
const verdict = (html: string, baseline: ReturnType<typeof learnedBaseline> | null = learnedBaseline()) =>
  analysePage({ model: model(html), baseline, keywords: ['Thanh Hóa'], siteUrl: SITE, finalUrl: SITE }, NOW).defacement
    .verdict;

describe('gamblingSpamSignals', () => {
  it('weighs hidden spam links in full', () => {
    const signals = gamblingSpamSignals({
      model: model(portal({ bottom: HIDDEN_GAMBLING })),
      baseline: learnedBaseline(),
    });
    expect(signals.map((s) => [s.kind, s.weight])).toEqual([['gambling-spam', 85]]);
    expect(signals[0]!.detail).toContain('distinct terms in hidden elements');
    expect(signals[0]!.detail).toContain('3 other domain(s) linked with spam text, some hidden');
  });

  it('catches visible spam paragraphs with calls to action', () => {
    const block =
      '<div><h2>Nhà cái uy tín</h2><p>Link vào 8xbet, kubet chính thức. Chơi tài xỉu, nổ hũ, xóc đĩa online, đăng ký nhận giftcode, nạp tiền siêu tốc.</p></div>';
    expect(spam(portal({ bottom: block }))).toEqual([['gambling-spam', 60]]);
  });

  it('catches spam without diacritics', () => {
    const block = '<p>nha cai uy tin, tai xiu online, no hu doi thuong, link vao fb88, game bai doi thuong</p>';
    expect(spam(portal({ bottom: block }))).toEqual([['gambling-spam', 60]]);
  });

  it('catches other spam families in the title', () => {
    expect(spam(portal({ title: 'Slot Gacor Hari Ini - Situs Judi Online Terpercaya' }))).toEqual([
      ['gambling-spam', 25],
    ]);
  });

  it.each([
    ['a sports article quoting betting odds', SPORTS_ARTICLE],
    ['police news about busting a gambling ring', POLICE_ARTICLE],
    ['xổ số kiến thiết results', LOTTERY_ARTICLE],
  ])('keeps %s clean', (_, article) => {
    expect(verdict(portal({ article }))).toBe('clean');
    expect(verdict(portal({ article }), null)).toBe('clean');
  });

  it('counts police-context terms a quarter', () => {
    expect(spam(portal({ article: POLICE_ARTICLE }))).toEqual([['gambling-spam', 8]]);
  });

  it('counts terms the baseline already had at 30 %', () => {
    const withSports = learnedBaseline();
    const sportsy = { ...withSports, spamTerms: ['nhà cái', 'kèo', 'cá cược', 'tài xỉu', 'nổ hũ', 'xóc đĩa online'] };
    const block = '<p>nhà cái, kèo, cá cược, tài xỉu, nổ hũ, xóc đĩa online</p>';
    expect(spam(portal({ bottom: block }), withSports)).toEqual([['gambling-spam', 35]]);
    expect(spam(portal({ bottom: block }), sportsy)).toEqual([]);
  });
});
