/**
 * The two classes of issue #12 end to end (analysePage with the site's names and a learned
 * baseline), on pages written here: a page replaced wholesale without attack words is `defaced`,
 * a redesign that keeps the agency's name never is; news about hacking is `clean`, a "hacked by
 * <handle>" banner on an intact page is `defaced`.
 */
import { describe, expect, it } from 'vitest';
import { analysePage } from '../../checks/analysis/analyse-page.ts';
import type { Baseline } from '../../checks/analysis/baseline.ts';
import { learnedBaseline, model, NOW, portal, SITE, SITE_NAMES } from './fixtures.ts';

function judge(html: string, baseline: Baseline | null, names: readonly string[] = SITE_NAMES) {
  const { defacement } = analysePage(
    { model: model(html), baseline, keywords: [], names, siteUrl: SITE, finalUrl: SITE },
    NOW,
  );
  return { verdict: defacement.verdict, kinds: defacement.signals.map((s) => s.kind).sort(), score: defacement.score };
}

/** A political message in Russian, no attack words, no links: the shape of 6 % of real defacements. */
const RUSSIAN_MESSAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Свобода народу</title>
<style>body{background:#fff;font-family:serif;text-align:center}</style></head>
<body><h1>Свобода народу!</h1><p>Мы требуем справедливости для всех народов. Правда победит.
Весь мир должен услышать наш голос. Слава героям.</p><img src="/images/flag.jpg" alt=""></body></html>`;

/** An image-only page: nothing to read but a picture. */
const IMAGE_ONLY = `<html><head><title></title></head><body style="margin:0"><img src="/img/a.jpg" width="100%"></body></html>`;

/** The same province's portal on a new template: another layout, title and favicon, the name kept. */
const REDESIGN = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Trang chủ - UBND tỉnh Thanh Hóa</title><link rel="icon" href="/new/favicon.svg">
<script src="https://cdn.jsdelivr.net/npm/bootstrap@5/dist/js/bootstrap.min.js"></script></head>
<body><header class="navbar"><a class="brand" href="/"><span>Ủy ban nhân dân tỉnh Thanh Hóa</span></a>
<nav>${['Trang chủ', 'Giới thiệu', 'Tin tức', 'Chính quyền', 'Công dân', 'Doanh nghiệp', 'Du lịch'].map((m, i) => `<a class="nav-link" href="/vi/${i}">${m}</a>`).join('')}</nav></header>
<main><section class="hero"><h2>Chào mừng đến với tỉnh Thanh Hóa</h2></section>
<section class="cards">${Array.from({ length: 12 }, (_, i) => `<article class="card"><a href="/vi/tin/${i}"><h3>Bản tin điện tử số ${i + 1} năm 2025 của tỉnh</h3></a><p>Cập nhật hoạt động chỉ đạo, điều hành của tỉnh trong tuần.</p></article>`).join('')}</section></main>
<footer><p>Bản quyền thuộc Ủy ban nhân dân tỉnh Thanh Hóa</p></footer></body></html>`;

describe('a page replaced wholesale, without attack words', () => {
  it('is defaced when it no longer names the agency nor links the site (the identity signal on top of the change)', () => {
    const baseline = learnedBaseline(5, SITE_NAMES);
    const russian = judge(RUSSIAN_MESSAGE, baseline);
    expect(russian.verdict).toBe('defaced');
    expect(russian.kinds).toContain('identity-lost');
    expect(russian.kinds).not.toContain('defacer-signature');
    expect(judge(IMAGE_ONLY, baseline).verdict).toBe('defaced');
  });

  it('stays suspected where the registry gives no names to learn (the explicit form is checks.keywords)', () => {
    const baseline = learnedBaseline();
    expect(judge(RUSSIAN_MESSAGE, baseline, []).verdict).toBe('suspected');
  });

  it('a redesign that keeps the agency name is never defaced', () => {
    const baseline = learnedBaseline(5, SITE_NAMES);
    const redesign = judge(REDESIGN, baseline);
    expect(redesign.verdict).not.toBe('defaced');
    expect(redesign.kinds).not.toContain('identity-lost');
    expect(redesign.kinds).toContain('structure-collapse');
  });
});

describe('news about hacking against a signature', () => {
  const baseline = learnedBaseline(5, SITE_NAMES);

  it.each([
    'Cảnh báo: nhiều trang thông tin điện tử bị hack bởi nhóm tin tặc nước ngoài trong dịp lễ',
    'Hàng loạt website giáo dục bị hack bởi các đối tượng cài quảng cáo cờ bạc',
    'Foreign ministry site hacked by a pro-Russian group, experts warn',
  ])('a headline in the news list stays clean: %s', (headline) => {
    const news = judge(portal({ news: [headline, 'Hội nghị triển khai nhiệm vụ năm 2025'] }), baseline);
    expect(news.verdict).toBe('clean');
  });

  it.each([
    ['an English banner', '<div class="alert"><h2>Hacked by Shadow_Cr3w</h2></div>', ['defacer-signature']],
    [
      'a Vietnamese banner',
      '<div style="background:#000;color:red;font-size:40px">Trang web đã bị hack bởi VN-Gh0st</div>',
      ['defacer-signature'],
    ],
    [
      'a banner in a marquee',
      '<marquee>hacked by xXr00tXx - greetz to all crew</marquee>',
      ['defacer-signature', 'defacer-structure'],
    ],
  ])('%s on the intact page is defaced', (_, banner, kinds) => {
    const page = judge(portal({ top: banner }), baseline);
    expect(page.verdict).toBe('defaced');
    expect(page.kinds).toEqual(kinds);
  });

  it('a title saying "Hacked by" on the intact page is defaced', () => {
    expect(judge(portal({ title: 'Hacked by Mr.Kr4k3n' }), baseline).verdict).toBe('defaced');
  });
});
