import { describe, expect, it } from 'vitest';
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
    expect(signals[0]!.evidence[0]).toBe('title: hacked by mr.kr4k3n');
  });

  it('catches a new "hacked by" banner on a large page that never had it', () => {
    const m = model(portal({ top: '<div class="x"><h1>Hacked by Anon7</h1></div>' }));
    expect(summary(defacerSignatureSignals({ model: m, baseline: learnedBaseline() }))).toEqual([
      ['defacer-signature', 40],
    ]);
    // Without a baseline the same words on a large page may be a headline: half weight.
    expect(summary(defacerSignatureSignals({ model: m, baseline: null }))).toEqual([['defacer-signature', 20]]);
  });

  it('keeps news about attacks low, and lower once the baseline has seen the wording', () => {
    const news = model(portal({ news: ['Cảnh báo hàng loạt website bị hack để chèn quảng cáo'] }));
    expect(summary(defacerSignatureSignals({ model: news, baseline: null }))).toEqual([['defacer-signature', 8]]);
    const seen = createBaseline(news, NOW);
    expect(summary(defacerSignatureSignals({ model: news, baseline: seen }))).toEqual([['defacer-signature', 2]]);
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
