import { describe, expect, it } from 'vitest';
import { parseSitemap, rotatingSample, sameSiteLinks } from '../../checks/defacement/sample-pages.ts';

describe('subpage candidates', () => {
  it('reads page and child-sitemap locations, tolerating namespaces and junk', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://a.gov.vn/tin-tuc/1.html </loc></url><url><loc>https://a.gov.vn/?p=2&amp;x=1</loc></url><url><oops></urlset>`;
    expect(parseSitemap(xml)).toEqual({ pages: ['https://a.gov.vn/tin-tuc/1.html', 'https://a.gov.vn/?p=2&x=1'], sitemaps: [] });
    expect(parseSitemap('<sitemapindex><sitemap><loc>https://a.gov.vn/s1.xml</loc></sitemap></sitemapindex>')).toEqual({ pages: [], sitemaps: ['https://a.gov.vn/s1.xml'] });
  });

  it('keeps same-site links only (subdomains included), without fragments, once each', () => {
    const html = `<a href="/gioi-thieu#top">1</a><a href="https://www.a.gov.vn/gioi-thieu">2</a><a href="https://tinh.a.gov.vn/x">3</a>
      <a href="https://nhacai88.example/">4</a><a href="mailto:x@a.gov.vn">5</a><a href="javascript:void(0)">6</a><a href="/gioi-thieu">7</a>`;
    expect(sameSiteLinks(html, 'https://www.a.gov.vn/')).toEqual(['https://www.a.gov.vn/gioi-thieu', 'https://tinh.a.gov.vn/x']);
  });

  it('rotates through every candidate over successive runs', () => {
    const pages = ['/a', '/b', '/c', '/d', '/e'];
    const seen = new Set<string>();
    for (let run = 0; run < 3; run++) for (const p of rotatingSample(pages, 2, run)) seen.add(p);
    expect([...seen].sort()).toEqual(pages);
    expect(rotatingSample(pages, 2, 0)).toEqual(['/a', '/b']);
    expect(rotatingSample(pages, 2, 2)).toEqual(['/e', '/a']);
    expect(rotatingSample(['/a'], 3, 7)).toEqual(['/a']);
    expect(rotatingSample([], 3, 7)).toEqual([]);
  });
});
