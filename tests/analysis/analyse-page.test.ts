import { describe, expect, it } from 'vitest';
import { analysePage, type AnalysisInput } from '../../checks/analysis/analyse-page.ts';
import { createBaseline, updateBaseline, type Baseline } from '../../checks/analysis/baseline.ts';
import { DefacementSchema } from '../../checks/schemas/defacement.ts';
import {
  DEFACE_PAGE,
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

function analyse(html: string | null, baseline: Baseline | null, extra: Partial<AnalysisInput> = {}) {
  const result = analysePage(
    {
      model: html === null ? null : model(html),
      baseline,
      keywords: ['Thanh Hóa'],
      siteUrl: SITE,
      finalUrl: SITE,
      ...extra,
    },
    NOW,
  );
  DefacementSchema.parse(result.defacement);
  return result;
}
const outcome = (r: ReturnType<typeof analyse>) => [
  r.defacement.verdict,
  r.baselineAction,
  r.defacement.signals.map((s) => s.kind),
];

describe('analysePage', () => {
  it('trusts the first clean observation and creates the baseline', () => {
    const r = analyse(portal(), null);
    expect(outcome(r)).toEqual(['clean', 'create', ['defacer-structure']]);
    expect(r.defacement.baseline).toBeNull();
  });

  it('updates the baseline with clean observations', () => {
    const b = learnedBaseline();
    const r = analyse(portal({ news: ['Tin mới'], views: 1 }), b);
    expect(outcome(r)).toEqual(['clean', 'update', []]);
    expect(r.defacement).toMatchObject({ score: 0, baseline: { capturedAt: '2025-03-01T02:00:00.000Z' } });
  });

  it('calls a replaced page defaced and keeps the baseline', () => {
    const r = analyse(DEFACE_PAGE, learnedBaseline());
    expect(outcome(r)).toEqual([
      'defaced',
      'keep',
      [
        'defacer-signature',
        'structure-collapse',
        'defacer-structure',
        'keyword-missing',
        'title-change',
        'favicon-change',
      ],
    ]);
    expect(r.defacement.score).toBe(100);
  });

  it('does not adopt a defaced page as the first baseline', () => {
    expect(outcome(analyse(DEFACE_PAGE, null))).toEqual([
      'defaced',
      'keep',
      ['defacer-signature', 'defacer-structure', 'keyword-missing'],
    ]);
  });

  it('calls injected hidden gambling links defaced', () => {
    expect(outcome(analyse(portal({ bottom: HIDDEN_GAMBLING }), learnedBaseline()))).toEqual([
      'defaced',
      'keep',
      ['gambling-spam', 'hidden-links'],
    ]);
  });

  it('calls a "hacked by <handle>" banner on an intact page defaced, in English and in Vietnamese', () => {
    const b = learnedBaseline();
    expect(outcome(analyse(portal({ top: '<h1>Hacked by Anon7</h1>' }), b))).toEqual([
      'defaced',
      'keep',
      ['defacer-signature'],
    ]);
    expect(
      outcome(analyse(portal({ top: '<div class="banner">Trang web đã bị hack bởi VN_Gh0st_Team</div>' }), b)),
    ).toEqual(['defaced', 'keep', ['defacer-signature']]);
  });

  it('calls a script redirect and a foreign iframe suspected', () => {
    const b = learnedBaseline();
    expect(outcome(analyse(portal({ bottom: '<script>location.replace("https://bit.ly/x")</script>' }), b))).toEqual([
      'suspected',
      'keep',
      ['offsite-redirect'],
    ]);
    expect(
      outcome(
        analyse(
          portal({ bottom: '<iframe src="https://ads.popcash-cdn.net/a" width="300" height="250"></iframe>' }),
          b,
        ),
      ),
    ).toEqual(['suspected', 'keep', ['new-external-domain']]);
  });

  it('calls spam served only to Googlebot defaced', () => {
    const googlebot = model(
      portal({ bottom: '<p>Nhà cái uy tín 8xbet, tài xỉu, nổ hũ, link vào fb88, đăng ký nhận giftcode, nạp tiền</p>' }),
    );
    expect(outcome(analyse(portal(), learnedBaseline(), { variants: { googlebot } }))).toEqual([
      'defaced',
      'keep',
      ['cloaking'],
    ]);
  });

  it.each([
    ['sports odds', SPORTS_ARTICLE],
    ['police news about a gambling ring', POLICE_ARTICLE],
    ['lottery results', LOTTERY_ARTICLE],
  ])('keeps %s clean, with and without a baseline', (_, article) => {
    expect(analyse(portal({ article }), learnedBaseline()).defacement.verdict).toBe('clean');
    expect(analyse(portal({ article }), null).defacement.verdict).toBe('clean');
  });

  it('reports subpage spam on a clean home page', () => {
    const url = `${SITE}hoi-dap/1`;
    const r = analyse(portal(), learnedBaseline(), {
      subpages: [{ url, model: model(portal({ bottom: HIDDEN_GAMBLING }), url) }],
    });
    // The home page itself is clean, so it still teaches (or becomes) the baseline.
    expect(outcome(r)).toEqual(['defaced', 'update', ['subpage-spam']]);
    expect(r.defacement.signals[0]!.url).toBe(url);
    expect(
      outcome(analyse(portal(), null, { subpages: [{ url, model: model(portal({ bottom: HIDDEN_GAMBLING }), url) }] })),
    ).toEqual(['defaced', 'create', expect.arrayContaining(['subpage-spam'])]);
  });

  it('counts findings carried from earlier runs in the verdict', () => {
    const carried = [
      {
        kind: 'subpage-spam' as const,
        weight: 70,
        detail: 'Not re-read this run (the page did not answer): Internal page …',
        evidence: ['nhà cái'],
        url: `${SITE}x.html`,
      },
    ];
    const r = analyse(portal(), learnedBaseline(), { carried });
    expect(outcome(r)).toEqual(['defaced', 'update', ['subpage-spam']]);
    expect(r.defacement.signals).toEqual(carried);
  });

  it('calls a redesign suspected, never defaced: it changes everything but attacks nothing', () => {
    const redesign = `<!doctype html><html lang="vi"><head><title>UBND tỉnh Thanh Hóa | Trang thông tin chính thức</title>
      <link rel="icon" href="/assets/img/logo-2025.svg"><script src="https://cdn.jsdelivr.net/npm/bootstrap@5/dist/js/bootstrap.min.js"></script></head>
      <body><header class="site-header"><nav class="navbar"><a class="brand" href="/">Thanh Hóa</a><button class="toggler">☰</button></nav></header>
      <main><section class="hero"><h1>Ủy ban nhân dân tỉnh Thanh Hóa</h1><p>Chính quyền số phục vụ người dân và doanh nghiệp.</p></section>
      <section class="cards">${['Tin tức', 'Dịch vụ công', 'Văn bản', 'Hỏi đáp'].map((t) => `<article class="card"><h3>${t}</h3><p>Xem thêm các nội dung mới nhất.</p></article>`).join('')}</section></main>
      <footer><p>Bản quyền thuộc Ủy ban nhân dân tỉnh Thanh Hóa.</p></footer></body></html>`;
    const r = analyse(redesign, learnedBaseline());
    expect(outcome(r)).toEqual([
      'suspected',
      'keep',
      ['structure-collapse', 'title-change', 'favicon-change', 'new-external-domain'],
    ]);
    expect(r.defacement.score).toBe(50);
  });

  it('is unknown without a page, and keeps the baseline', () => {
    const b = learnedBaseline();
    expect(analyse(null, b)).toEqual({
      defacement: { verdict: 'unknown', score: 0, signals: [], baseline: { capturedAt: b.capturedAt } },
      baselineAction: 'keep',
    });
    expect(analyse('', null).defacement.verdict).toBe('unknown');
  });

  it('stays clean across a season of ordinary edits fed back into the baseline', () => {
    let b = createBaseline(model(portal()), NOW);
    for (let day = 1; day <= 40; day++) {
      const html = portal({
        news: [`Tin ngày ${day}: hội nghị tổng kết`, `Thông báo số ${day * 3}/TB-UBND`, 'Lịch tiếp công dân'],
        views: 10_000_000 + day * 5000,
        title: day % 10 === 0 ? 'Cổng thông tin điện tử tỉnh Thanh Hóa - Trang chủ' : undefined,
      });
      const r = analyse(html, b);
      expect(r.defacement.verdict).toBe('clean');
      b = updateBaseline(b, model(html), NOW);
    }
    expect(JSON.stringify(b).length).toBeLessThan(20_000);
  });
});
