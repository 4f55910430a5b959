import { describe, expect, it } from 'vitest';
import { hiddenLinksSignals } from '../../checks/analysis/signals/hidden-links.ts';
import { newExternalDomainSignals } from '../../checks/analysis/signals/new-external-domain.ts';
import { offsiteRedirectSignals } from '../../checks/analysis/signals/offsite-redirect.ts';
import { createBaseline } from '../../checks/analysis/baseline.ts';
import { HIDDEN_GAMBLING, learnedBaseline, model, NOW, portal, SITE } from './fixtures.ts';

const summary = (signals: { kind: string; weight: number }[]) => signals.map((s) => [s.kind, s.weight]);

describe('hiddenLinksSignals', () => {
  it('reports hidden links to other domains, by how many domains', () => {
    const signals = hiddenLinksSignals({
      model: model(portal({ bottom: HIDDEN_GAMBLING })),
      baseline: learnedBaseline(),
    });
    expect(summary(signals)).toEqual([['hidden-links', 35]]);
    expect(signals[0]!.detail).toBe(
      '3 hidden link(s) to 3 other domain(s) (off-screen): 8xbet-vn.bz, nohu-club.net, taixiu-online.win.',
    );
    expect(signals[0]!.evidence[0]).toBe('8xbet-vn.bz "nhà cái uy tín 8xbet" (off-screen)');
  });

  it('halves plain hidden menus on a first look, and forgets those the baseline had', () => {
    const menu =
      '<ul style="display:none"><li><a href="https://chinhphu.vn/">Chính phủ</a></li><li><a href="https://quochoi.vn/">Quốc hội</a></li></ul>';
    const m = model(portal({ bottom: menu }));
    expect(summary(hiddenLinksSignals({ model: m, baseline: null }))).toEqual([['hidden-links', 13]]);
    expect(hiddenLinksSignals({ model: m, baseline: createBaseline(m, NOW) })).toEqual([]);
  });
});

describe('newExternalDomainSignals', () => {
  it('weighs an unknown script domain fully and a mainstream one a little', () => {
    const head =
      '<script src="https://cdn.jsredir.info/x.js"></script><script src="https://connect.facebook.net/sdk.js"></script>';
    const signals = newExternalDomainSignals({ model: model(portal({ head })), baseline: learnedBaseline() });
    expect(summary(signals)).toEqual([['new-external-domain', 29]]);
    expect(signals[0]!.detail).toBe('New external domains: script facebook.net, script jsredir.info.');
  });

  it('adds weight for an invisible iframe from an unknown domain', () => {
    const frame = '<iframe src="https://counter-stat.xyz/c.php" width="1" height="1"></iframe>';
    expect(
      summary(newExternalDomainSignals({ model: model(portal({ bottom: frame })), baseline: learnedBaseline() })),
    ).toEqual([['new-external-domain', 45]]);
  });

  it('needs a baseline, and is quiet for domains it knows', () => {
    expect(newExternalDomainSignals({ model: model(portal()), baseline: null })).toEqual([]);
    expect(newExternalDomainSignals({ model: model(portal()), baseline: learnedBaseline() })).toEqual([]);
  });

  it('counts other government domains as mainstream for a government site', () => {
    const head = '<script src="https://dichvucong.gov.vn/widget.js"></script>';
    expect(summary(newExternalDomainSignals({ model: model(portal({ head })), baseline: learnedBaseline() }))).toEqual([
      ['new-external-domain', 4],
    ]);
  });
});

describe('offsiteRedirectSignals', () => {
  const base = { siteUrl: SITE, finalUrl: SITE };
  it('flags a literal script redirect to another domain', () => {
    const m = model(portal({ bottom: '<script>window.location.href = "https://tinyurl.com/abc";</script>' }));
    const signals = offsiteRedirectSignals({ ...base, model: m, baseline: learnedBaseline() });
    expect(summary(signals)).toEqual([['offsite-redirect', 35]]);
    expect(signals[0]!.detail).toBe('An inline script sends visitors to tinyurl.com.');
  });

  it('weighs a meta refresh to a betting domain more', () => {
    const m = model(portal({ head: '<meta http-equiv="refresh" content="0;url=https://link-vao-fb88.com/">' }));
    expect(summary(offsiteRedirectSignals({ ...base, model: m, baseline: learnedBaseline() }))).toEqual([
      ['offsite-redirect', 65],
    ]);
  });

  it('flags a redirect chain ending on another domain, unless the baseline was taken there', () => {
    const m = model(portal(), 'https://nhacai.example/');
    expect(
      summary(
        offsiteRedirectSignals({
          siteUrl: SITE,
          finalUrl: 'https://nhacai.example/',
          model: m,
          baseline: learnedBaseline(),
        }),
      ),
    ).toEqual([['offsite-redirect', 40]]);
    expect(
      offsiteRedirectSignals({
        siteUrl: SITE,
        finalUrl: 'https://nhacai.example/',
        model: m,
        baseline: createBaseline(m, NOW),
      }),
    ).toEqual([]);
  });

  it('stays below suspected on a first look at a page that forwards elsewhere', () => {
    const m = model(
      '<meta http-equiv="refresh" content="2;url=https://www.youtube.com/playlist"><script>location.replace("https://www.youtube.com/playlist")</script>',
    );
    expect(summary(offsiteRedirectSignals({ ...base, model: m, baseline: null }))).toEqual([['offsite-redirect', 25]]);
  });

  it('ignores same-site redirects', () => {
    const m = model('<script>location.href = "/tin-tuc"; window.location = "https://www.thanhhoa.gov.vn/en"</script>');
    expect(offsiteRedirectSignals({ ...base, model: m, baseline: null })).toEqual([]);
  });
});
