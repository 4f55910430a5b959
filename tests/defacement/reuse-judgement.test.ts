import { describe, expect, it } from 'vitest';
import { analysePage, analyseWithHomeSignals } from '../../checks/analysis/analyse-page.ts';
import {
  judgementBasis,
  reusableJudgement,
  type JudgementContext,
  type ModelReason,
  type ReuseQuestion,
} from '../../checks/defacement/reuse-judgement.ts';
import type { Defacement, Signal } from '../../checks/schemas/defacement.ts';
import { DEFACE_PAGE, HIDDEN_GAMBLING, learnedBaseline, model, NOW, portal, SITE } from '../analysis/fixtures.ts';

const context: JudgementContext = {
  charset: 'utf-8',
  finalUrl: SITE,
  siteUrl: SITE,
  keywords: ['Thanh Hóa'],
  names: ['Cổng thông tin điện tử tỉnh Thanh Hóa'],
  ignoreSelectors: [],
};
const bytes = (html: string) => new TextEncoder().encode(html);
const baseline = learnedBaseline(); // updatedAt NOW, 5 observations: the next update is due 16 h later
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
const signal = (kind: Signal['kind'], weight: number, url?: string): Signal => ({
  kind,
  weight,
  detail: kind,
  evidence: [],
  ...(url ? { url } : {}),
});

describe('judgementBasis', () => {
  it('changes with the bytes, with anything else the signals depend on, and names the baseline version', () => {
    const page = bytes(portal());
    const basis = judgementBasis(page, context, baseline);
    expect(basis).toEqual({
      pageSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      contextSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      baselineUpdatedAt: baseline.updatedAt,
    });
    expect(judgementBasis(bytes(portal()), context, baseline)).toEqual(basis);
    expect(judgementBasis(bytes(portal({ views: 1 })), context, baseline).pageSha256).not.toBe(basis.pageSha256);
    for (const changed of [
      { charset: 'windows-1258' },
      { finalUrl: `${SITE}trang-chu` },
      { siteUrl: 'https://thanhhoa.vn/' },
      { keywords: ['Thanh Hoá'] },
      { names: ['Cổng thông tin tỉnh Thanh Hóa'] },
      { ignoreSelectors: ['.visitor-count'] },
    ]) {
      expect(
        judgementBasis(page, { ...context, ...changed }, baseline).contextSha256,
        JSON.stringify(changed),
      ).not.toBe(basis.contextSha256);
    }
    expect(judgementBasis(page, context, null).baselineUpdatedAt).toBeNull();
  });
});

describe('reusableJudgement', () => {
  const basis = judgementBasis(bytes(portal()), context, baseline);
  const home = [signal('title-change', 20), signal('new-external-domain', 15)];
  const previous: Defacement = {
    verdict: 'suspected',
    score: 100,
    signals: [
      signal('subpage-spam', 70, `${SITE}x.html`),
      signal('cloaking', 60),
      signal('visual-change', 30),
      ...home,
    ],
    baseline: { capturedAt: baseline.capturedAt },
    analysed: basis,
  };
  const ask = (change: Partial<ReuseQuestion> = {}) =>
    reusableJudgement({
      previous,
      basis,
      baseline,
      acceptRequested: false,
      fetchesVariants: false,
      now: hours(1),
      refreshHours: 720,
      ...change,
    });

  it('reuses the home page signals, without internal pages, cloaking or the screenshot', () => {
    expect(ask()).toEqual({ reuse: true, homeSignals: home });
  });

  const cases: [string, Partial<ReuseQuestion>, ModelReason][] = [
    ['an accept request is pending', { acceptRequested: true }, 'accept-requested'],
    ['there is no baseline', { baseline: null, basis: { ...basis, baselineUpdatedAt: null } }, 'no-baseline'],
    ['the variants are fetched', { fetchesVariants: true }, 'variants-run'],
    ['there is no last status', { previous: null }, 'no-previous'],
    ['the last status predates the field', { previous: { ...previous, analysed: undefined } }, 'no-previous'],
    ['the last verdict was unknown', { previous: { ...previous, verdict: 'unknown' } }, 'no-previous'],
    ['the page changed', { basis: { ...basis, pageSha256: 'f'.repeat(64) } }, 'page-changed'],
    ['the settings changed', { basis: { ...basis, contextSha256: 'f'.repeat(64) } }, 'context-changed'],
    [
      'the baseline was rewritten since',
      { previous: { ...previous, analysed: { ...basis, baselineUpdatedAt: '2025-02-01T00:00:00.000Z' } } },
      'baseline-changed',
    ],
    ['a baseline update is due (16 h after the last for 5 observations)', { now: hours(16) }, 'baseline-update-due'],
  ];
  it.each(cases)('models the page when %s', (_, change, reason) => {
    expect(ask(change)).toEqual({ reuse: false, reason });
  });

  it('follows the configured refresh cap when deciding whether an update is due', () => {
    expect(ask({ now: hours(2), refreshHours: 2 })).toEqual({ reuse: false, reason: 'baseline-update-due' });
    expect(ask({ now: hours(15.9), refreshHours: 720 }).reuse).toBe(true);
  });
});

describe('analyseWithHomeSignals', () => {
  const subpages = [
    { url: `${SITE}hoi-dap/1.html`, model: model(portal({ top: HIDDEN_GAMBLING }), `${SITE}hoi-dap/1.html`) },
  ];
  const carried = [signal('subpage-spam', 40, `${SITE}cu.html`)];

  it.each([
    ['a clean page', portal()],
    ['a defaced page', DEFACE_PAGE],
    ['a page with hidden gambling links', portal({ top: HIDDEN_GAMBLING })],
  ])('gives what analysePage gives for %s, from its earlier home signals', (_, html) => {
    const input = { model: model(html), baseline, keywords: ['Thanh Hóa'], siteUrl: SITE, finalUrl: SITE };
    const earlier = analysePage(input, NOW).defacement.signals.filter((s) => s.kind !== 'subpage-spam');
    const fresh = analysePage({ ...input, subpages, carried }, NOW);
    expect(fresh.defacement.signals.filter((s) => s.kind === 'subpage-spam').map((s) => s.url)).toEqual([
      subpages[0]!.url,
      carried[0]!.url,
    ]);
    const reused = analyseWithHomeSignals({ homeSignals: earlier, baseline, subpages, carried });
    expect(reused.defacement).toEqual(fresh.defacement);
    expect(reused.baselineAction).toBe('keep');
  });
});
