import { describe, expect, it } from 'vitest';
import { looksLikeHandle } from '../../checks/analysis/signature-context.ts';
import { defacerSignatureSignals } from '../../checks/analysis/signals/defacer-signature.ts';
import { defacerStructureSignals } from '../../checks/analysis/signals/defacer-structure.ts';
import { createBaseline } from '../../checks/analysis/baseline.ts';
import { DEFACE_PAGE, learnedBaseline, model, NOW, portal } from './fixtures.ts';

const summary = (signals: { kind: string; weight: number }[]) => signals.map((s) => [s.kind, s.weight]);

describe('defacerSignatureSignals', () => {
  it('weighs "hacked by" in the title of a small page as the page message', () => {
    const signals = defacerSignatureSignals({ model: model(DEFACE_PAGE), baseline: null });
    expect(summary(signals)).toEqual([['defacer-signature', 75]]);
    expect(signals[0]!.detail).toBe(
      'Defacer wording on the page: "hacked by", "your security is low", "patch your system", "greetz".',
    );
    expect(signals[0]!.evidence[0]).toBe('title, claim: hacked by mr.kr4k3n');
  });

  it('calls a new "hacked by <handle>" banner on a large page a claim, defaced on its own, with a baseline or not', () => {
    const m = model(portal({ top: '<div class="x"><h1>Hacked by Anon7</h1></div>' }));
    expect(summary(defacerSignatureSignals({ model: m, baseline: learnedBaseline() }))).toEqual([
      ['defacer-signature', 65],
    ]);
    expect(summary(defacerSignatureSignals({ model: m, baseline: null }))).toEqual([['defacer-signature', 65]]);
    // Not in a heading, but a handle after the phrase: the page's message all the same.
    const banner = model(portal({ top: '<div style="color:red">hack bởi VN-Gh0st — admin ngủ quên</div>' }));
    const signals = defacerSignatureSignals({ model: banner, baseline: learnedBaseline() });
    expect(summary(signals)).toEqual([['defacer-signature', 65]]);
    expect(signals[0]!.evidence[0]).toMatch(/^text, claim: hack bởi vn-gh0st — admin ngủ quên /);
  });

  it('keeps news about attacks low, and lower once the baseline has seen the wording', () => {
    const news = model(portal({ news: ['Cảnh báo hàng loạt website bị hack để chèn quảng cáo'] }));
    expect(summary(defacerSignatureSignals({ model: news, baseline: null }))).toEqual([['defacer-signature', 2]]);
    const seen = createBaseline(news, NOW);
    expect(defacerSignatureSignals({ model: news, baseline: seen })).toEqual([]);
  });

  it.each([
    [
      'a Vietnamese headline naming "nhóm tin tặc"',
      'Cảnh báo: nhiều trang thông tin điện tử bị hack bởi nhóm tin tặc nước ngoài',
    ],
    ['an English headline naming "a foreign group"', 'Ministry portal hacked by a foreign group, police say'],
    ['a headline naming a crew, in a link', 'Trang web trường học bị hack bởi Shadow Crew'],
  ])('calls %s in a news list a mention: a tenth on an intact page, clean', (_, headline) => {
    const news = model(portal({ news: [headline] }));
    const signals = defacerSignatureSignals({ model: news, baseline: learnedBaseline() });
    expect(signals.reduce((sum, s) => sum + s.weight, 0)).toBeLessThan(10);
    expect(signals[0]!.evidence[0]).toMatch(/^text, mention: /);
  });

  it('weighs a group named in an article on the intact page at half (clean), a handle after the phrase as a claim', () => {
    const article = model(
      portal({ article: ['Năm ngoái, cổng thông tin của một tỉnh bạn từng bị hack bởi Anonymous trong nhiều giờ.'] }),
    );
    const signals = defacerSignatureSignals({ model: article, baseline: learnedBaseline() });
    expect(signals.reduce((sum, s) => sum + s.weight, 0)).toBeLessThan(30);
    expect(looksLikeHandle('anonymous')).toBe(false);
    expect(['shadow_cr3w', 'vn-gh0st', '@xteam', 'mr.kr4k3n'].map(looksLikeHandle)).toEqual([true, true, true, true]);
  });

  it('calls "hacked by" followed by ordinary words in body text a mention, by a handle a claim', () => {
    const article = (sentence: string) => model(portal({ article: [sentence] }));
    const mention = defacerSignatureSignals({
      model: article('Năm 2024, cổng thông tin của một bộ từng bị hack bởi một nhóm tin tặc, theo báo cáo.'),
      baseline: learnedBaseline(),
    });
    expect(mention.reduce((sum, s) => sum + s.weight, 0)).toBeLessThan(10);
    const claim = defacerSignatureSignals({
      model: article('hacked by xX_D4rk_Xx greetz to all'),
      baseline: learnedBaseline(),
    });
    expect(claim.reduce((sum, s) => sum + s.weight, 0)).toBeGreaterThanOrEqual(60);
  });

  it('says nothing about an ordinary portal', () => {
    expect(defacerSignatureSignals({ model: model(portal()), baseline: learnedBaseline() })).toEqual([]);
  });
});

describe('defacerStructureSignals', () => {
  it('counts the defacement hints the baseline did not have', () => {
    const signals = defacerStructureSignals({ model: model(DEFACE_PAGE), baseline: learnedBaseline() });
    expect(summary(signals)).toEqual([['defacer-structure', 45]]);
    expect(signals[0]!.detail).toBe(
      'Looks like a defacement page: right-click blocking, image hot-linked from a free host, marquee, Telegram link, autoplaying audio/embed, black background.',
    );
  });

  it('counts a lone hint at half weight without a baseline, several together in full', () => {
    // The portal's own YouTube box alone, then with a news ticker: still far from suspected.
    expect(summary(defacerStructureSignals({ model: model(portal()), baseline: null }))).toEqual([
      ['defacer-structure', 2],
    ]);
    expect(
      summary(
        defacerStructureSignals({
          model: model(portal({ top: '<marquee>Chào mừng kỷ niệm 50 năm</marquee>' })),
          baseline: null,
        }),
      ),
    ).toEqual([['defacer-structure', 10]]);
    expect(summary(defacerStructureSignals({ model: model(DEFACE_PAGE), baseline: null }))).toEqual([
      ['defacer-structure', 45],
    ]);
  });

  it('ignores hints the portal always had (its YouTube box)', () => {
    expect(defacerStructureSignals({ model: model(portal()), baseline: learnedBaseline() })).toEqual([]);
  });
});
