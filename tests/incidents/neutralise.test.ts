import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { defang, escapeMarkdownText, neutraliseBlock, neutraliseInline } from '../../checks/incidents/neutralise.ts';

// Page text a defacer controls, and what an issue body quotes of it.
const HOSTILE: readonly (readonly [name: string, input: string, inline: string])[] = [
  ['mention', '@ministry-admin please see', '`@ministry-admin please see`'],
  ['HTML', '<img src=x onerror=alert(1)>', '`<img src=x onerror=alert(1)>`'],
  ['forged marker', '<!-- canhgac:incident site=x track=y -->', '`<! -- canhgac:incident site=x track=y -- >`'],
  ['comment edges', '<!---->', '`<! ---- >`'],
  ['link', '[click](https://evil.example/)', '`[click](hxxps://evil[.]example/)`'],
  ['image', '![x](https://evil.example/p.png)', '`![x](hxxps://evil[.]example/p.png)`'],
  ['URL', 'https://nhacai88.bet', '`hxxps://nhacai88[.]bet`'],
  ['www name', 'www.nha-cai.com', '`www[.]nha-cai[.]com`'],
  ['e-mail', 'lien he admin@nhacai88.bet', '`lien he admin[@]nhacai88[.]bet`'],
  ['backtick runs', 'a ` b `` c ``` d', '````a ` b `` c ``` d````'],
  ['backtick at the start', '`rm -rf`', '`` `rm -rf` ``'],
  ['references', '#1 GH-2 owner/repo#3', '`#1 GH-2 owner/repo#3`'],
  ['bidi override', 'invoice\u202Egnp.exe\u202C ok \u2066x\u2069\u200E', '`invoicegnp.exe ok x`'],
  ['zero-width inside a scheme', 'h\u200Bttps://x.com', '`hxxps://x[.]com`'],
  ['newlines', 'line 1\nline 2\r\n\tline 3', '`line 1 line 2 line 3`'],
  ['table pipes', '| a | b |\n|---|---|\n| <b>c</b> | d |', '`¦ a ¦ b ¦ ¦---¦---¦ ¦ <b>c</b> ¦ d ¦`'],
  ['heading', '# Hacked by X', '`# Hacked by X`'],
  ['task list', '- [ ] @team', '`- [ ] @team`'],
  ['controls', 'a\u0000b\u0007c\u009Bd', '`abcd`'],
  ['entities', '&lt;script&gt; &#64;user', '`&lt;script&gt; &#64;user`'],
  ['Vietnamese abbreviations stay', 'UBND TP.HCM, Q.1, index.html, v1.2.3', '`UBND TP.HCM, Q.1, index.html, v1.2.3`'],
];

describe('neutraliseInline', () => {
  it.each(HOSTILE)('%s', (_, input, expected) => {
    expect(neutraliseInline(input, 200)).toBe(expected);
  });

  it('cuts long Vietnamese text at a character boundary, ellipsis included in maxLength', () => {
    const text = 'Nhà cái uy tín số một Việt Nam 🎰🎰 đăng ký nhận thưởng 👨‍👩‍👧 ngay hôm nay tại trang chủ';
    expect(neutraliseInline(text, 33)).toBe('`Nhà cái uy tín số một Việt Nam 🎰…`');
    // 34: the second 🎰 (a surrogate pair) fits; 40: the family emoji (5 code points) would not fit whole.
    expect(neutraliseInline(text, 34)).toBe('`Nhà cái uy tín số một Việt Nam 🎰🎰…`');
    expect(neutraliseInline(text, 57)).toBe('`Nhà cái uy tín số một Việt Nam 🎰🎰 đăng ký nhận thưởng…`');
    for (let max = 1; max < 90; max++) {
      const content = neutraliseInline(text, max).slice(1, -1);
      expect([...content].length).toBeLessThanOrEqual(max);
      expect(content.isWellFormed()).toBe(true);
    }
  });

  it('keeps decomposed Vietnamese whole by composing it first', () => {
    expect(neutraliseInline('Co\u0302\u0309ng thông tin', 5)).toBe('`Cổng…`');
  });

  it('renders empty text as a visible placeholder', () => {
    expect(neutraliseInline(' \n\u200B ', 10)).toBe('*(trống / empty)*');
  });

  it('refuses a maxLength below 1', () => {
    expect(() => neutraliseInline('x', 0)).toThrow('maxLength must be a positive integer, got 0');
  });
});

describe('neutraliseBlock', () => {
  it('fences with more backticks than any run inside and keeps the lines', () => {
    expect(neutraliseBlock('Hacked by @x\n```\n<!-- canhgac:event -->\n````\tend  \n\n', 500)).toBe(
      '\n`````\nHacked by @x\n```\n<! -- canhgac:event -- >\n````    end\n`````\n',
    );
  });

  it('uses three backticks when there are none, and defangs', () => {
    expect(neutraliseBlock('\r\nvisit https://nhacai88.bet\r\n# now\u202E', 500)).toBe(
      '\n```\nvisit hxxps://nhacai88[.]bet\n# now\n```\n',
    );
  });

  it('truncates by code points', () => {
    expect(neutraliseBlock('một\nhai\nba', 6)).toBe('\n```\nmột\nh…\n```\n');
  });
});

describe('defang', () => {
  it.each([
    ['https://nhacai88.bet/x.html?a=b.c', 'hxxps://nhacai88[.]bet/x.html?a=b.c'],
    ['HTTP://EVIL.COM', 'hxxp://EVIL[.]COM'],
    ['ftp://files.example.org/a', 'fxp://files[.]example[.]org/a'],
    ['http://user:pw@10.0.0.1:8080/', 'hxxp://user:pw[@]10[.]0[.]0[.]1:8080/'],
    ['xem abc.com hoặc www.x.vn', 'xem abc[.]com hoặc www[.]x[.]vn'],
    ['cổng.vn', 'cổng[.]vn'],
    ['first.last@sub.x.vn', 'first.last[@]sub[.]x[.]vn'],
    ['@mention stays', '@mention stays'],
    ['TP.HCM, index.html, 3.14, e.g. this', 'TP.HCM, index.html, 3.14, e.g. this'],
  ])('%s → %s', (input, expected) => {
    expect(defang(input)).toBe(expected);
    expect(defang(expected)).toBe(expected);
  });
});

describe('escapeMarkdownText', () => {
  it('backslash-escapes ASCII punctuation and joins lines', () => {
    expect(escapeMarkdownText('Sở *A* [B] <b>&amp;_x_\n# 1.')).toBe(
      'Sở \\*A\\* \\[B\\] \\<b\\>\\&amp\\;\\_x\\_ \\# 1\\.',
    );
  });
});

// A real GFM renderer (satteri, through astro): whatever the page said, the rendered issue holds no
// link, image or HTML of its making, and every @, # and URL it brought sits inside <code>.
describe('rendered with GFM', () => {
  const html = (markdown: string) => markdownToHtml(markdown).html;
  const outsideCode = (rendered: string) => rendered.replace(/<code>[^<]*<\/code>/g, '<code></code>');
  const texts = [
    ...HOSTILE.map(([, input]) => input),
    '<a href="https://evil.example">x</a> <script>alert(1)</script>',
    'x`y``z<b>`',
    'user@example.com www.example.com',
  ];

  it.each(texts)('%s', (input) => {
    const inline = neutraliseInline(input, 300);
    const block = neutraliseBlock(input, 300);
    const documents = [
      `- Lỗi / Error: ${inline}`,
      inline,
      `| Evidence | Weight |\n| --- | --- |\n| ${inline} | 5 |`,
      `### Bằng chứng / Evidence\n${block}\n- after`,
    ];
    for (const doc of documents) {
      expect(doc).not.toContain('<!--');
      expect(doc).not.toContain('-->');
      const rendered = outsideCode(html(doc));
      expect(rendered).not.toMatch(/<a[\s>]|<img|<script|<b>|<input/);
      expect(rendered).not.toMatch(/@\p{L}|#\d|GH-\d|https?:|www\./u);
    }
  });

  it('would have let the raw text through (the checks above can fail)', () => {
    const rendered = html(`- Lỗi / Error: ${HOSTILE.map(([, input]) => input).join(' ')}`);
    expect(rendered).toMatch(/<a href="https:\/\/evil.example\/">/);
    expect(rendered).toMatch(/<img src=x onerror=alert\(1\)>/);
    expect(rendered).toContain('<!-- canhgac:incident site=x track=y -->');
    expect(rendered).toMatch(/<a href="http:\/\/www.nha-cai.com">/);
    expect(outsideCode(rendered)).toMatch(/@ministry-admin/);
  });

  it('table cell stays one cell', () => {
    const rendered = html(`| Evidence | Weight |\n| --- | --- |\n| ${neutraliseInline('a | <b>b</b> | c', 100)} | 5 |`);
    expect(rendered).toContain('<td><code>a ¦ &lt;b&gt;b&lt;/b&gt; ¦ c</code></td>');
  });

  it('escaped config text renders as the same literal text', () => {
    const name = 'Sở *A* [B](x) <i>i</i> `c` _d_ ~~e~~ &amp; | f';
    expect(html(escapeMarkdownText(name))).toBe(
      '<p>Sở *A* [B](x) &lt;i&gt;i&lt;/i&gt; `c` _d_ ~~e~~ &amp;amp; | f</p>\n',
    );
  });
});
