import { describe, expect, it } from 'vitest';
import { faviconChangeSignals } from '../../checks/analysis/signals/favicon-change.ts';
import { keywordMissingSignals } from '../../checks/analysis/signals/keyword-missing.ts';
import { languageChangeSignals } from '../../checks/analysis/signals/language-change.ts';
import { structureCollapseSignals } from '../../checks/analysis/signals/structure-collapse.ts';
import { titleChangeSignals } from '../../checks/analysis/signals/title-change.ts';
import { DEFACE_PAGE, learnedBaseline, model, portal } from './fixtures.ts';

const summary = (signals: { kind: string; weight: number }[]) => signals.map((s) => [s.kind, s.weight]);

describe('structureCollapseSignals', () => {
  it('reports a replaced page, and that it shrank', () => {
    const signals = structureCollapseSignals({ model: model(DEFACE_PAGE), baseline: learnedBaseline() });
    expect(summary(signals)).toEqual([['structure-collapse', 70]]);
    expect(signals[0]!.detail).toMatch(/The page shrank from about \d+ to \d+ characters of text\.$/);
    expect(signals[0]!.detail).toMatch(
      /^Only \d % of the page's usual layout is left \(\d of \d+ stable structure shingles\)\. The text changed too/,
    );
  });

  it('stays quiet when the news rotates and counters change', () => {
    const m = model(portal({ news: ['Một tin hoàn toàn mới hôm nay', 'Tin thứ hai'], views: 99 }));
    expect(structureCollapseSignals({ model: m, baseline: learnedBaseline() })).toEqual([]);
  });

  it('needs a baseline', () => {
    expect(structureCollapseSignals({ model: model(DEFACE_PAGE), baseline: null })).toEqual([]);
  });
});

describe('titleChangeSignals', () => {
  it('weighs a title with nothing in common', () => {
    expect(
      summary(titleChangeSignals({ model: model(portal({ title: 'Hacked by X' })), baseline: learnedBaseline() })),
    ).toEqual([['title-change', 15]]);
  });
  it('lets small edits pass', () => {
    const title = 'Cổng thông tin điện tử tỉnh Thanh Hóa - Trang chủ';
    expect(titleChangeSignals({ model: model(portal({ title })), baseline: learnedBaseline() })).toEqual([]);
  });
});

describe('faviconChangeSignals', () => {
  it('weighs a favicon from another domain more than a new path', () => {
    expect(
      summary(
        faviconChangeSignals({
          model: model(portal({ favicon: 'https://i.imgur.com/x.png' })),
          baseline: learnedBaseline(),
        }),
      ),
    ).toEqual([['favicon-change', 15]]);
    expect(
      summary(
        faviconChangeSignals({ model: model(portal({ favicon: '/images/new.ico' })), baseline: learnedBaseline() }),
      ),
    ).toEqual([['favicon-change', 5]]);
    expect(
      faviconChangeSignals({ model: model(portal({ favicon: '/favicon.ico?v=3' })), baseline: learnedBaseline() }),
    ).toEqual([]);
  });
});

describe('languageChangeSignals', () => {
  it('compares the primary language only', () => {
    expect(
      summary(languageChangeSignals({ model: model(portal({ lang: 'id' })), baseline: learnedBaseline() })),
    ).toEqual([['language-change', 15]]);
    expect(languageChangeSignals({ model: model(portal({ lang: 'vi-VN' })), baseline: learnedBaseline() })).toEqual([]);
  });
});

describe('keywordMissingSignals', () => {
  it('matches keywords ignoring case and diacritics, and weighs the missing share', () => {
    const m = model(portal());
    expect(
      keywordMissingSignals({ model: m, keywords: ['UY BAN NHAN DAN TINH THANH HOA', 'Cổng  thông tin'] }),
    ).toEqual([]);
    expect(summary(keywordMissingSignals({ model: m, keywords: ['Thanh Hóa', 'Nghệ An'] }))).toEqual([
      ['keyword-missing', 15],
    ]);
    const signals = keywordMissingSignals({ model: model(DEFACE_PAGE), keywords: ['Thanh Hóa'] });
    expect(signals).toEqual([
      {
        kind: 'keyword-missing',
        weight: 30,
        detail: 'Required keyword(s) missing: "Thanh Hóa".',
        evidence: ['Thanh Hóa'],
      },
    ]);
  });
});
