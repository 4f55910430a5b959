import { describe, expect, it } from 'vitest';
import {
  MAX_CHILD_SITEMAPS,
  orphanSample,
  parseSitemap,
  readSitemap,
  rotatingSample,
  sameSiteLinks,
} from '../../checks/defacement/sample-pages.ts';

describe('subpage candidates', () => {
  it('reads page and child-sitemap locations, tolerating namespaces and junk', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://a.gov.vn/tin-tuc/1.html </loc><lastmod> 2026-11-20 </lastmod></url><url><loc>https://a.gov.vn/?p=2&amp;x=1</loc></url><url><oops></urlset>`;
    expect(parseSitemap(xml)).toEqual({
      pages: [
        { url: 'https://a.gov.vn/tin-tuc/1.html', lastmod: '2026-11-20' },
        { url: 'https://a.gov.vn/?p=2&x=1', lastmod: null },
      ],
      sitemaps: [],
    });
    expect(parseSitemap('<sitemapindex><sitemap><loc>https://a.gov.vn/s1.xml</loc></sitemap></sitemapindex>')).toEqual({
      pages: [],
      sitemaps: ['https://a.gov.vn/s1.xml'],
    });
  });

  it('reads CDATA locations, prefixed element names and self-closing elements', () => {
    const xml = `<s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"><s:url><s:loc><![CDATA[https://a.gov.vn/a?x=1&y=2]]></s:loc><image:image/></s:url><s:url><s:loc>https://a.gov.vn/b</s:loc><s:lastmod/></s:url></s:urlset>`;
    expect(parseSitemap(xml)).toEqual({
      pages: [
        { url: 'https://a.gov.vn/a?x=1&y=2', lastmod: null },
        { url: 'https://a.gov.vn/b', lastmod: null },
      ],
      sitemaps: [],
    });
  });

  it('reads 100,000 nested elements in linear time (htmlparser2 Parser took 15 s of the main thread)', () => {
    const depth = 100_000;
    const xml = `<urlset>${'<x>'.repeat(depth)}<url><loc>https://a.gov.vn/sau</loc></url>${'</x>'.repeat(depth)}</urlset>`;
    const started = performance.now();
    expect(parseSitemap(xml).pages).toEqual([{ url: 'https://a.gov.vn/sau', lastmod: null }]);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('keeps same-site links only (subdomains included), without fragments, once each', () => {
    const html = `<a href="/gioi-thieu#top">1</a><a href="https://www.a.gov.vn/gioi-thieu">2</a><a href="https://tinh.a.gov.vn/x">3</a>
      <a href="https://nhacai88.example/">4</a><a href="mailto:x@a.gov.vn">5</a><a href="javascript:void(0)">6</a><a href="/gioi-thieu">7</a>`;
    expect(sameSiteLinks(html, 'https://www.a.gov.vn/')).toEqual([
      'https://www.a.gov.vn/gioi-thieu',
      'https://tinh.a.gov.vn/x',
    ]);
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

  it('reads a sitemap index: up to the cap of same-site children per read, rotating, a failed child skipped', async () => {
    const children = ['s1', 's2', 's3', 's4', 's5'].map((n) => `https://a.gov.vn/${n}.xml`);
    const index = `<sitemapindex>${[...children, 'https://nhacai.example/s.xml'].map((u) => `<sitemap><loc>${u}</loc><lastmod>2026-11-01</lastmod></sitemap>`).join('')}</sitemapindex>`;
    const asked: string[] = [];
    const fetchXml = async (url: string) => {
      asked.push(url);
      if (url === 'https://a.gov.vn/sitemap.xml') return index;
      if (url.endsWith('s2.xml')) return null;
      return `<urlset><url><loc>${url.replace('.xml', '.html')}</loc></url></urlset>`;
    };
    const first = await readSitemap('https://a.gov.vn/sitemap.xml', 0, fetchXml);
    expect(asked).toEqual(['https://a.gov.vn/sitemap.xml', ...children.slice(0, MAX_CHILD_SITEMAPS)]);
    expect(first).toEqual([
      { url: 'https://a.gov.vn/s1.html', lastmod: null },
      { url: 'https://a.gov.vn/s3.html', lastmod: null },
    ]);
    // The next read goes on where this one stopped; the foreign child is never fetched.
    asked.length = 0;
    await readSitemap('https://a.gov.vn/sitemap.xml', 1, fetchXml);
    expect(asked).toEqual(['https://a.gov.vn/sitemap.xml', children[3], children[4], children[0]]);
    expect(await readSitemap('https://a.gov.vn/sitemap.xml', 0, async () => null)).toEqual([]);
  });

  it('fetches the newest orphan on every sitemap read, and walks the rest over successive reads', () => {
    const orphans = ['/a', '/b', '/c', '/d', '/e'].map((url, i) => ({ url, lastmod: `2026-10-0${i + 1}` }));
    const doorway = { url: '/tin-tuc/khuyen-mai.html', lastmod: '2026-11-24T22:00:00+07:00' };
    const all = [doorway, ...orphans];
    expect(orphanSample(all, 1, 0)).toEqual(['/tin-tuc/khuyen-mai.html', '/a']);
    const seen = new Set<string>();
    for (let read = 0; read < 5; read++) for (const url of orphanSample(all, 1, read).slice(1)) seen.add(url);
    expect([...seen].sort()).toEqual(['/a', '/b', '/c', '/d', '/e']);
    // Without any lastmod there is no newest: the rotation alone.
    expect(
      orphanSample(
        orphans.map(({ url }) => ({ url, lastmod: null })),
        2,
        1,
      ),
    ).toEqual(['/c', '/d']);
    // An unreadable lastmod counts as none; nothing at all when the share is 0.
    expect(
      orphanSample(
        [
          { url: '/x', lastmod: 'hôm qua' },
          { url: '/y', lastmod: '2026-01-01' },
        ],
        1,
        0,
      ),
    ).toEqual(['/y', '/x']);
    expect(orphanSample(all, 0, 3)).toEqual([]);
  });
});
