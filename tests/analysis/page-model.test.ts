import { describe, expect, it } from 'vitest';
import { extractPageModel } from '../../checks/analysis/page-model.ts';
import type { WordIndex } from '../../checks/analysis/term-matcher.ts';
import { normaliseText } from '../../checks/analysis/text-fold.ts';
import { DEFACE_PAGE, HIDDEN_GAMBLING, portal, SITE } from './fixtures.ts';

const at = (html: string, options = {}) => extractPageModel(html, SITE, options);

describe('extractPageModel', () => {
  it('reads title, lang, text, alt text, canonical and favicon of a portal page', () => {
    const m = at(portal());
    expect(m.title).toBe('cổng thông tin điện tử tỉnh thanh hóa');
    expect(m.lang).toBe('vi');
    expect(m.domain).toBe('thanhhoa.gov.vn');
    expect(m.text).toContain('liên hệ tin nổi bật hội nghị triển khai nhiệm vụ');
    expect(m.text).not.toContain('quốc huy');
    expect(m.altText).toBe('quốc huy - cổng thông tin điện tử tỉnh thanh hóa');
    expect(m.textLength).toBe(m.text.length);
    expect(m.canonical).toBe('https://thanhhoa.gov.vn/');
    expect(m.favicon).toBe('https://thanhhoa.gov.vn/favicon.ico');
    expect(m.structure.length).toBeGreaterThan(20);
    expect([...m.structure].sort((a, b) => a - b)).toEqual(m.structure);
  });

  it('normalises text: NFC, lowercase, collapsed whitespace, entities decoded', () => {
    const decomposed = 'Ho\u0300a Bi\u0300nh';
    const m = at(`<p>  ${decomposed}\n\n&amp;   &#272;À&nbsp;NẴNG  </p>`);
    expect(m.text).toBe('hòa bình & đà nẵng');
  });

  it('leaves script, style, noscript and template contents out of the text', () => {
    const m = at(
      '<body><script>var hacked = "by me";</script><style>.x{}</style><noscript>Bật JavaScript</noscript><template><p>mẫu</p></template><p>Nội dung</p></body>',
    );
    expect(m.text).toBe('nội dung');
  });

  it('records external registrable domains per element kind, not the site own', () => {
    const m = at(`<head><script src="https://cdn.evil-js.net/a.js"></script><script src="/local.js"></script>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css"><link rel="stylesheet" href="https://static.thanhhoa.gov.vn/s.css"></head>
      <body><iframe src="https://www.youtube.com/embed/x"></iframe><img src="//i.imgur.com/a.png">
      <a href="https://chinhphu.vn/">CP</a><form action="https://collect.phish.example/post"></form></body>`);
    expect(m.domains).toEqual({
      script: ['evil-js.net'],
      iframe: ['youtube.com'],
      // googleapis.com is a private public suffix: each of its hosts is its own domain.
      stylesheet: ['fonts.googleapis.com'],
      img: ['imgur.com'],
      a: ['chinhphu.vn'],
      form: ['phish.example'],
    });
  });

  it('reads meta refresh and literal script redirects, resolved against the page', () => {
    const m = at(`<head><meta http-equiv="Refresh" content="0; URL='https://nhacai.example/'"></head>
      <script>if (x) { window.location.href = "https://go.spam.example/in"; } location.replace('/trang-moi'); var y = "location.href" + 1;</script>`);
    expect(m.metaRefresh).toEqual({ delay: 0, url: 'https://nhacai.example/' });
    expect(m.scriptRedirects).toEqual(['https://go.spam.example/in', 'https://thanhhoa.gov.vn/trang-moi']);
  });

  it('does not take share buttons for redirects', () => {
    const m = at(
      `<script>function share() { window.open('https://www.facebook.com/sharer/sharer.php?u=' + location.href); }</script>`,
    );
    expect(m.scriptRedirects).toEqual([]);
  });

  it('reads defacer wording that a script types onto the page, and images hot-linked in style attributes', () => {
    const m = at(`<div id="t" style="background-image:url(https://media.giphy.com/x.gif)"></div>
      <script>var lines = ["Connecting...", "THIS DOMAIN HAS BEEN SEIZED"]; type(lines, "Hacked By Anon7");</script>`);
    expect(m.scriptSignatures).toEqual([
      'var lines = ["connecting...", "this domain has been seized"]; type(lines, "hacked by anon7");',
      'onnecting...", "this domain has been seized"]; type(lines, "hacked by anon7");',
    ]);
    expect(m.hints).toEqual([{ kind: 'hotlinked-image', evidence: 'https://media.giphy.com/x.gif' }]);
  });

  it('finds links to other domains hidden by inline style, with their text and how they are hidden', () => {
    const m = at(portal({ bottom: HIDDEN_GAMBLING }));
    expect(m.hiddenLinks).toEqual([
      { href: 'https://8xbet-vn.bz/', domain: '8xbet-vn.bz', text: 'nhà cái uy tín 8xbet', reason: 'off-screen' },
      { href: 'https://nohu-club.net/', domain: 'nohu-club.net', text: 'nổ hũ đổi thưởng', reason: 'off-screen' },
      { href: 'https://taixiu-online.win/', domain: 'taixiu-online.win', text: 'tài xỉu online', reason: 'off-screen' },
    ]);
    expect(m.hiddenText).toBe('nhà cái uy tín 8xbet nổ hũ đổi thưởng tài xỉu online');
    expect(m.text).not.toContain('8xbet');
  });

  it.each([
    ['display:none', '<div style="display: none">', 'display:none'],
    ['visibility', '<div style="visibility:hidden">', 'visibility:hidden'],
    ['font-size 0', '<p style="font-size:0px">', 'font-size:0'],
    ['tiny box', '<div style="height:1px;width:1px;overflow:hidden">', 'tiny box'],
    ['opacity', '<span style="opacity:0">', 'opacity:0'],
    ['fixed off-screen', '<div style="position:fixed;top:-3000px">', 'off-screen'],
    ['hidden attribute', '<div hidden>', 'hidden attribute'],
  ])('treats %s as hidden', (_, open, reason) => {
    const tag = /^<(\w+)/.exec(open)![1];
    const m = at(`<body>${open}<a href="https://spam.example/">x</a></${tag}></body>`);
    expect(m.hiddenLinks.map((l) => l.reason)).toEqual([reason]);
  });

  it('treats classes and ids hidden by an inline stylesheet as hidden, even when the style comes later', () => {
    const m =
      at(`<body><div class="box seo-x"><a href="https://a.example/">a</a></div><p id="k"><a href="https://b.example/">b</a></p>
      <div class="box"><a href="https://c.example/">visible</a></div>
      <style>.seo-x{display:none} #k{position:absolute;left:-5000px} .box{color:red}</style></body>`);
    expect(m.hiddenLinks.map((l) => [l.domain, l.reason])).toEqual([
      ['a.example', '.seo-x: display:none'],
      ['b.example', '#k: off-screen'],
    ]);
  });

  it('does not count same-site hidden links (skip links, collapsed menus)', () => {
    const m = at(
      '<a href="#main" style="position:absolute;left:-9999px">Bỏ qua</a><ul style="display:none"><li><a href="/gioi-thieu">Giới thiệu</a></li></ul>',
    );
    expect(m.hiddenLinks).toEqual([]);
  });

  it('collects the structural hints of a defacement page', () => {
    const m = at(DEFACE_PAGE);
    expect(m.hints.map((h) => h.kind).sort()).toEqual([
      'audio',
      'black-background',
      'hotlinked-image',
      'marquee',
      'right-click-block',
      'telegram',
    ]);
  });

  it('drops ignored subtrees from text and structure', () => {
    const html = portal();
    const plain = at(html);
    const ignoring = at(html, { ignoreSelectors: ['.stats', 'div.hot-news', '#footer', 'iframe', 'not a selector >'] });
    expect(ignoring.text).not.toContain('lượt truy cập');
    expect(ignoring.text).not.toContain('tin nổi bật');
    expect(ignoring.text).not.toContain('cơ quan chủ quản');
    expect(ignoring.structureTotal).toBeLessThan(plain.structureTotal);
  });

  it('hands the word index of the model text to keepWords, which changes nothing in the model', () => {
    const html = portal();
    const plain = at(html);
    const kept: [unknown, WordIndex][] = [];
    const model = extractPageModel(html, SITE, {}, (m, words) => kept.push([m, words]));
    expect(kept).toHaveLength(1);
    expect(kept[0]![0]).toBe(model);
    expect(kept[0]![1].text).toBe(model.text);
    expect(model).toEqual(plain);
  });

  it('keeps the visible text of headings and banners, and of links, one entry each; counts links to the site itself', () => {
    const m = at(
      `<h1>Sở Y tế <small>tỉnh Mẫu</small></h1><marquee>Chào mừng</marquee><h2 style="display:none">ẩn</h2>
      <ul><li><a href="/tin/1">Tin <b>một</b></a></li><li><a href="https://thanhhoa.gov.vn/tin/2">Tin hai</a></li>
      <li><a href="https://other.example/x">Bên ngoài</a></li><li><a href="#top">Lên đầu</a></li>
      <li><a href="mailto:a@b.vn">Thư</a></li><li><a href="javascript:void(0)">JS</a></li><li><a>No href</a></li></ul>`,
    );
    expect(m.headings).toBe('sở y tế tỉnh mẫu | chào mừng');
    // Kept raw (normalised only when defacer wording makes a signal read it).
    expect(normaliseText(m.linkText)).toBe('tin một | tin hai | bên ngoài | lên đầu | thư | js');
    expect(m.ownLinks).toBe(2);
  });

  it('never throws on hostile or broken HTML', () => {
    const hostile = [
      '',
      '<',
      '<<<>>>',
      '<div'.repeat(5000),
      '<a href="javascript:alert(1)"><svg><script>x</script><p/></svg>',
      '<table><tr><td><p><li><a href=//x.example>a<a href=//y.example>b</table></b></i></u>',
      '\u0000\uffff\ud800<title>\ud800</title>',
      '<meta http-equiv="refresh" content="abc"><link rel="icon" href="http://[::1">',
      '<meta http-equiv="refresh" content="0; url=https://a.example/\nx">',
    ];
    for (const html of hostile) expect(() => at(html)).not.toThrow();
    expect(at('<p>a<p>b<div>c</div>').text).toBe('a b c');
  });
});
