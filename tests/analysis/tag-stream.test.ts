import { describe, expect, it } from 'vitest';
import { equalsAsciiCaseless, isAsciiBlank, streamTags } from '../../checks/analysis/tag-stream.ts';

/** The text events of a page, each with the innermost open element. */
function texts(html: string): [string, string][] {
  const open: string[] = [];
  const out: [string, string][] = [];
  streamTags(
    html,
    {
      kindOf: () => null,
      open: (name) => void open.push(name),
      close: () => void open.pop(),
      text: (data) => void out.push([open[open.length - 1] ?? '#root', data]),
    },
    [],
  );
  return out;
}

describe('isAsciiBlank', () => {
  it.each([
    ['indentation', '\n    \t', true],
    ['form feed, vertical tab and carriage return', '\f\v\r\n', true],
    ['empty', '', true],
    ['a word', '  a ', false],
    ['a no-break space (not ASCII)', ' \u00a0 ', false],
    ['a zero-width space (not ASCII)', '\u200b', false],
  ])('%s', (_, text, expected) => {
    expect(isAsciiBlank(`<p>${text}</p>`, 3, 3 + text.length)).toBe(expected);
  });
});

describe('streamTags text', () => {
  it('passes whitespace-only text between elements as one space', () => {
    expect(texts('<ul>\n  <li>a &amp; b</li>\n</ul>')).toEqual([
      ['ul', ' '],
      ['li', 'a & b'],
      ['ul', ' '],
    ]);
  });

  it('keeps whitespace inside script and style as written', () => {
    expect(texts('<script>\n\t</script><style>  </style><title>\n</title>')).toEqual([
      ['script', '\n\t'],
      ['style', '  '],
      ['title', ' '],
    ]);
  });

  it('decodes entities everywhere but in an HTML script or style (raw text)', () => {
    expect(texts('<script>a &amp;&amp; b</script><style>p::after{content:"&amp;"}</style><p>x &amp; y</p>')).toEqual([
      ['script', 'a &amp;&amp; b'],
      ['style', 'p::after{content:"&amp;"}'],
      ['p', 'x & y'],
    ]);
  });

  it('reads an SVG script as markup: entities decoded before and after a child element, the HTML script after it still raw', () => {
    expect(
      texts('<svg><script>a &amp; b<g></g>c &amp; d</script></svg><script>e &amp; f</script><p>g &amp; h</p>'),
    ).toEqual([
      ['script', 'a & b'],
      ['script', 'c & d'],
      ['script', 'e &amp; f'],
      ['p', 'g & h'],
    ]);
  });

  it('keeps text with non-ASCII whitespace as written', () => {
    expect(texts('<p>\u00a0</p>')).toEqual([['p', '\u00a0']]);
  });
});

describe('equalsAsciiCaseless', () => {
  it.each([
    ['same case', '<a href=x>', 3, 'href', true],
    ['upper and mixed case', '<a HreF=x>', 3, 'href', true],
    ['another name of the same length', '<a hreg=x>', 3, 'href', false],
    ['a non-ASCII look-alike', '<a \u0130d=x>', 3, 'id', false],
    ['with a hyphen', '<meta HTTP-EQUIV=refresh>', 6, 'http-equiv', true],
  ])('%s', (_, html, start, name, expected) => {
    expect(equalsAsciiCaseless(html, start, name)).toBe(expected);
  });
});

describe('streamTags attributes', () => {
  /** The wanted attributes of every element, by name. */
  function attributes(html: string, wanted: readonly string[]): Record<string, string | undefined>[] {
    const out: Record<string, string | undefined>[] = [];
    streamTags(
      html,
      {
        kindOf: () => null,
        open: (_, _kind, attrs) => void out.push(Object.fromEntries(wanted.map((name, i) => [name, attrs[i]]))),
        close: () => {},
        text: () => {},
      },
      wanted,
    );
    return out;
  }

  it('reads wanted names in any ASCII case, the first value of a repeated one, and nothing else', () => {
    expect(
      attributes('<a HREF="/a" href="/b" hreflang=en Class="x &amp; y" data-id=1 id=z>', [
        'class',
        'id',
        'href',
        'src',
      ]),
    ).toEqual([{ class: 'x & y', id: 'z', href: '/a', src: undefined }]);
  });

  it('forgets the values of one element before the next', () => {
    expect(attributes('<img src=a.png><img alt=b>', ['src', 'alt'])).toEqual([
      { src: 'a.png', alt: undefined },
      { src: undefined, alt: 'b' },
    ]);
  });
});

describe('streamTags names', () => {
  it('opens and closes lowercase names, common or not, in any case in the page', () => {
    const events: string[] = [];
    streamTags(
      '<DIV><Span>a</SPAN><x-Widget></X-WIDGET><svg><Path/></svg></div>',
      {
        kindOf: () => null,
        open: (name) => void events.push(name),
        close: (name) => void events.push(`/${name}`),
        text: () => {},
      },
      [],
    );
    expect(events).toEqual(['div', 'span', '/span', 'x-widget', '/x-widget', 'svg', 'path', '/path', '/svg', '/div']);
  });

  /** Open and close events, "/name" for a close. */
  function events(html: string): string[] {
    const out: string[] = [];
    streamTags(
      html,
      {
        kindOf: () => null,
        open: (name) => void out.push(name),
        close: (name) => void out.push(`/${name}`),
        text: () => {},
      },
      [],
    );
    return out;
  }

  it('closes the elements a start tag implies the end of, and only those', () => {
    expect(events('<ul><li>a<li>b</ul>')).toEqual(['ul', 'li', '/li', 'li', '/li', '/ul']);
    expect(events('<p>a<div>b</div>')).toEqual(['p', '/p', 'div', '/div']);
    expect(events('<p>a<span>b</span>')).toEqual(['p', 'span', '/span', '/p']);
    expect(events('<table><tr><td>a<td>b<tr><th>c</table>')).toEqual([
      'table',
      'tr',
      'td',
      '/td',
      'td',
      '/td',
      '/tr',
      'tr',
      'th',
      '/th',
      '/tr',
      '/table',
    ]);
    expect(events('<h1>a<h2>b<p>c')).toEqual(['h1', '/h1', 'h2', 'p', '/p', '/h2']);
    expect(events('<select><option>a<optgroup><option>b</select>')).toEqual([
      'select',
      'option',
      '/option',
      'optgroup',
      'option',
      '/option',
      '/optgroup',
      '/select',
    ]);
  });

  it('closes void elements at once, ignores their end tags and end tags of elements not open', () => {
    expect(events('<p>a<br>b</br></span><img src=x></p>')).toEqual(['p', 'br', '/br', 'img', '/img', '/p']);
  });

  it('closes an element by an end tag in another case, ASCII or not, and everything inside it', () => {
    expect(events('<DIV><b><i>x</Div>')).toEqual(['div', 'b', 'i', '/i', '/b', '/div']);
    expect(events('<x\u00c9><b>y</X\u00e9>')).toEqual(['x\u00e9', 'b', '/b', '/x\u00e9']);
  });

  it('asks the kind of each interned name once per page (and of img for <image>), of other names at every element', () => {
    const asked: string[] = [];
    const kinds: string[] = [];
    const long = `x-${'a'.repeat(30)}`;
    streamTags(
      `<div><p>a</p><p>b</p></div><${long}></${long}><${long}></${long}><image><img><svg><image/></svg>`,
      {
        kindOf: (name) => {
          asked.push(name);
          return `kind of ${name}`;
        },
        open: (name, kind) => void kinds.push(`${name}: ${kind}`),
        close: () => {},
        text: () => {},
      },
      [],
    );
    expect(asked).toEqual(['div', 'p', long, long, 'image', 'img', 'img', 'svg']);
    expect(kinds).toEqual([
      'div: kind of div',
      'p: kind of p',
      'p: kind of p',
      `${long}: kind of ${long}`,
      `${long}: kind of ${long}`,
      'img: kind of img',
      'img: kind of img',
      'svg: kind of svg',
      'image: kind of image',
    ]);
  });

  it('reads <image> as <img> outside SVG only', () => {
    expect(events('<image src=x><svg><image/></svg>')).toEqual(['img', '/img', 'svg', 'image', '/image', '/svg']);
  });
});
