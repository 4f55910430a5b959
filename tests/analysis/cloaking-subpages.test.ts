import { describe, expect, it } from 'vitest';
import { cloakingSignals } from '../../checks/analysis/signals/cloaking.ts';
import { subpageSpamSignals } from '../../checks/analysis/signals/subpage-spam.ts';
import { DEFACE_PAGE, learnedBaseline, model, portal, SITE } from './fixtures.ts';

const SPAM =
  '<div><h2>Nhà cái uy tín</h2><p>Link vào 8xbet, kubet chính thức. Chơi tài xỉu, nổ hũ, xóc đĩa online, đăng ký nhận giftcode.</p><a href="https://8xbet.bz/">8xbet</a></div>';
const summary = (signals: { kind: string; weight: number; url?: string }[]) =>
  signals.map((s) => [s.kind, s.weight, s.url]);

describe('cloakingSignals', () => {
  it('flags spam served only to Googlebot', () => {
    const signals = cloakingSignals({
      model: model(portal()),
      baseline: learnedBaseline(),
      variants: { googlebot: model(portal({ bottom: SPAM })) },
      siteUrl: SITE,
    });
    expect(summary(signals)).toEqual([['cloaking', 60, SITE]]);
    expect(signals[0]!.detail).toMatch(/^Only Googlebot gets spam \(/);
  });

  it('flags a redirect only for visitors from a Google search', () => {
    const redirected = model('<p>Nhà cái</p>', 'https://kubet-vn.club/');
    const signals = cloakingSignals({
      model: model(portal()),
      baseline: learnedBaseline(),
      variants: { googleReferer: redirected },
      siteUrl: SITE,
    });
    expect(summary(signals)).toEqual([['cloaking', 50, 'https://kubet-vn.club/']]);
    expect(signals[0]!.detail).toBe('Only a visitor from Google search gets a redirect to kubet-vn.club.');
  });

  it('is quiet when the variants see the same page, or spam that everyone sees', () => {
    const same = model(portal());
    expect(
      cloakingSignals({
        model: same,
        baseline: null,
        variants: { googlebot: same, googleReferer: same },
        siteUrl: SITE,
      }),
    ).toEqual([]);
    const spammed = model(portal({ bottom: SPAM }));
    expect(
      cloakingSignals({ model: spammed, baseline: null, variants: { googlebot: spammed }, siteUrl: SITE }),
    ).toEqual([]);
    expect(cloakingSignals({ model: same, baseline: null, siteUrl: SITE })).toEqual([]);
  });

  it('counts a merely different page a little (bot walls answer crawlers differently)', () => {
    const wall = model(
      '<html><head><title>Just a moment...</title></head><body><div id="challenge"><p>Checking your browser</p></div></body></html>',
    );
    expect(
      summary(
        cloakingSignals({ model: model(portal()), baseline: null, variants: { googlebot: wall }, siteUrl: SITE }),
      ),
    ).toEqual([['cloaking', 20, SITE]]);
  });
});

describe('subpageSpamSignals', () => {
  it('reports spam and defacements on internal pages with their URLs', () => {
    const qa = `${SITE}hoi-dap/cau-hoi-1234`;
    const signals = subpageSpamSignals([
      { url: `${SITE}tin-tuc`, model: model(portal()) },
      { url: qa, model: model(portal({ bottom: SPAM }), qa) },
      { url: `${SITE}upload/x.html`, model: model(DEFACE_PAGE) },
    ]);
    expect(summary(signals)).toEqual([
      ['subpage-spam', 70, qa],
      ['subpage-spam', 70, `${SITE}upload/x.html`],
    ]);
    expect(signals[0]!.detail).toMatch(
      /^Internal page https:\/\/thanhhoa\.gov\.vn\/hoi-dap\/cau-hoi-1234: Gambling\/spam terms/,
    );
  });
});
