import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { IGNORE_EVENTS, tokenize } from '../../checks/analysis/html-tokenizer.ts';
import { seededRandom } from '../../checks/simulator/random.ts';

/**
 * Every callback call with its arguments, in order. isInForeignContext is logged too and answered
 * from a small model (inside <svg> or <math>, by the names the tokenizer reports), so that both
 * tokenizers take their foreign-content paths at the same points.
 */
function record(html: string, run: (cbs: TokenizerCallbacks) => void): unknown[][] {
  const log: unknown[][] = [];
  let foreignDepth = 0;
  const name = (start: number, end: number): string => html.slice(start, end).toLowerCase();
  const cbs: TokenizerCallbacks = {
    onattribdata: (start, end) => void log.push(['attribdata', start, end]),
    onattribentity: (codepoint) => void log.push(['attribentity', codepoint]),
    onattribend: (quote, end) => void log.push(['attribend', quote, end]),
    onattribname: (start, end) => void log.push(['attribname', start, end]),
    oncdata: (start, end, offset) => void log.push(['cdata', start, end, offset]),
    onclosetag(start, end) {
      log.push(['closetag', start, end]);
      const closed = name(start, end);
      if ((closed === 'svg' || closed === 'math') && foreignDepth > 0) foreignDepth--;
    },
    oncomment: (start, end, offset) => void log.push(['comment', start, end, offset]),
    ondeclaration: (start, end) => void log.push(['declaration', start, end]),
    onend: () => void log.push(['end']),
    onopentagend: (end) => void log.push(['opentagend', end]),
    onopentagname(start, end) {
      log.push(['opentagname', start, end]);
      const opened = name(start, end);
      if (opened === 'svg' || opened === 'math') foreignDepth++;
    },
    onprocessinginstruction: (start, end) => void log.push(['processinginstruction', start, end]),
    onselfclosingtag: (end) => void log.push(['selfclosingtag', end]),
    ontext: (start, end) => void log.push(['text', start, end]),
    ontextentity: (codepoint, end) => void log.push(['textentity', codepoint, end]),
    isInForeignContext() {
      log.push(['isInForeignContext', foreignDepth > 0]);
      return foreignDepth > 0;
    },
  };
  run(cbs);
  return log;
}

function theirs(html: string): unknown[][] {
  return record(html, (cbs) => {
    const tokenizer = new Tokenizer({ decodeEntities: false }, cbs);
    tokenizer.write(html);
    tokenizer.end();
  });
}

function ours(html: string): unknown[][] {
  return record(html, (cbs) => tokenize(html, cbs));
}

const SNIPPETS: readonly string[] = [
  '',
  'plain text',
  'a < b',
  'a <',
  '<',
  '<<',
  '<<p>',
  '< p>',
  '<1>',
  '<p',
  '<p ',
  '<p>',
  '<P CLASS=X>',
  '<p>text</p>',
  '<div a b c>',
  '<div a=1 b="2" c=\'3\'>',
  '<div a = "1" b= 2 c =3>',
  '<div a="x>y">',
  '<div a=x/>',
  '<div a=/x/ >',
  '<div a=>',
  '<div a= >',
  '<div =a>',
  '<div a==b>',
  '<div "a"=b>',
  '<div a"b=c>',
  '<div a="b"c="d">',
  '<div a=""b>',
  '<div a="',
  "<div a='x",
  '<div a=x',
  '<div a=',
  '<div a= ',
  '<div a',
  '<div a ',
  '<div a/',
  '<div a/>',
  '<br/>',
  '<br />',
  '<br/ >',
  '<br / x>',
  '<br//>',
  '<br/',
  '<br /',
  '<br/x>',
  '<a\thref\n=\f"x"\r>',
  '<a\vb>',
  '</p>',
  '</P >',
  '</p foo="bar">',
  '</p',
  '</p ',
  '</p x',
  '</',
  '</>',
  '</ p>',
  '</1>',
  '</#x',
  '<!---->',
  '<!-- a -->',
  '<!-->',
  '<!--->',
  '<!---->x',
  '<!-- a --!>',
  '<!-- a --!-->',
  '<!-- a ---->',
  '<!-- a -- b -->',
  '<!-- a -!>',
  '<!-- a ->',
  '<!--',
  '<!--a',
  '<!--a-',
  '<!--a--',
  '<!--a--!',
  '<!--a--!x',
  '<!--a---',
  '<!---',
  '<!----',
  '<!--!',
  '<!--->-->',
  '<!--<!-- -->',
  '<!-',
  '<!->',
  '<!-x>',
  '<!',
  '<!>',
  '<!x>',
  '<!x',
  '<!doctype html>',
  '<!DOCTYPE html PUBLIC "x">',
  '<!DocType>',
  '<!doctypefoo>',
  '<!doctype',
  '<!doctype ',
  '<!doc',
  '<!doc>',
  '<!docx>',
  '<![CDATA[x]]>',
  '<![CDATA[x]]]>',
  '<![CDATA[]]>',
  '<![CDATA[x]>]]>',
  '<![CDATA[x',
  '<![CDATA[',
  '<![CDAT',
  '<![cdata[x]]>',
  '<![>',
  '<![x>',
  '<![',
  '<svg><![CDATA[x]]></svg>',
  '<?xml version="1.0"?>',
  '<?>',
  '<?',
  '<?x',
  '<script>a<b</script>',
  '<script>if (a < b && c > d) x = "</scr" + "ipt>";</script>',
  '<script></script >',
  '<script></SCRIPT>',
  '<script></script',
  '<script></script x="y">z',
  '<script>a</scripta></script>',
  '<script>a<</script>',
  '<script>a</</script>',
  '<script>a',
  '<script>',
  '<script',
  '<scr',
  '<scri',
  '<scrip>',
  '<scripts>x</scripts>',
  '<script/>x</script>',
  '<script a=1>x</script>',
  '<SCRIPT>x</script>',
  '<script>\u001c\u000fscript>y',
  '<script>x<\u000fscript>y',
  '<script>x</scripta\u001c/script>y',
  '<style>p{}</style>',
  '<style>a</styl</style>',
  '<sty',
  '<title>a &amp; b</title>',
  '<title>a\u001c\u000ftitle>y',
  '<title><b></title>',
  '<titl',
  '<textarea>x</textarea>',
  '<textarea>x</title></textarea>',
  '<tex',
  '<iframe>x</iframe>',
  '<noembed>x</noembed>',
  '<noframes>x</noframes>',
  '<noe',
  '<nof',
  '<noscript>x</noscript>',
  '<plaintext>x</plaintext><p>',
  '<plaintext/>x',
  '<plain',
  '<xmp><b></xmp>',
  '<xm',
  '<svg><script>a<b></b></script></svg><script>c<d></script>',
  '<svg><style>x</style><title>t</title></svg>',
  '<math><title>x<b></title></math>',
  '<svg><svg></svg><script><p></script></svg>',
  'a &amp; b &#38; &lt;',
  '<a href="?a=1&amp;b=2">',
  'x\u0000y<p\u0000>\u0000</p\u0000>',
  '<p>\ud800</p>\udfff<\ud83d\ude00>',
  '<\u00e9>',
  '<p \u00e9=\u00e8>',
  'caf\u00e9 <b>na\u00efve</b>',
];

const FRAGMENTS: readonly string[] = [
  '<',
  '</',
  '<!--',
  '-->',
  '--!>',
  '-',
  '--',
  '!',
  '<!',
  '<?',
  '<![CDATA[',
  ']]>',
  ']',
  '<!doctype',
  '<!DOCTYPE html>',
  '<script>',
  '</script>',
  '</script >',
  '</SCRIPT',
  '<script',
  '<style',
  '</style>',
  '<title>',
  '</title>',
  '<textarea>',
  '</textarea>',
  '<iframe>',
  '</iframe>',
  '<noembed>',
  '<noframes>',
  '<plaintext>',
  '<xmp>',
  '</xmp>',
  '<svg>',
  '</svg>',
  '<math>',
  '</math>',
  '<p>',
  '</p>',
  '<div ',
  '<a href=',
  '<img src="x" />',
  '"',
  "'",
  '=',
  '/',
  '>',
  '/>',
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\v',
  'a',
  'b',
  'x',
  'S',
  'T',
  'script',
  'style',
  'title',
  '1',
  '9',
  '&amp;',
  '&',
  ';',
  '\u0000',
  '\u001c',
  '\u000f',
  '\u00e9',
  '\u4e2d',
  '\ud800',
  '\ud83d\ude00',
];

function soup(next: () => number): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 40);
  for (let k = 0; k < count; k++) parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!);
  const html = parts.join('');
  // A random truncation in one document of three: unfinished constructs at the end.
  return next() < 0.33 ? html.slice(0, Math.floor(next() * (html.length + 1))) : html;
}

describe('tokenize (differential against htmlparser2 12 Tokenizer)', () => {
  it.each(SNIPPETS.map((html) => [JSON.stringify(html), html]))('%s', (_, html) => {
    expect(ours(html)).toEqual(theirs(html));
  });

  it('has at least 80 hand-written cases', () => {
    expect(SNIPPETS.length).toBeGreaterThanOrEqual(80);
  });

  it('matches on 5,000 seeded tag-soup documents, a third of them cut short', () => {
    const next = seededRandom(20_260_101);
    let checked = 0;
    for (let n = 0; n < 5000; n++) {
      const html = soup(next);
      const mine = ours(html);
      const reference = theirs(html);
      // One readable failure, naming the input, rather than thousands of assertions.
      if (JSON.stringify(mine) !== JSON.stringify(reference)) expect({ html, mine }).toEqual({ html, mine: reference });
      checked++;
    }
    expect(checked).toBe(5000);
  });

  it('matches at every prefix of a snippet mix (every end-of-input state)', () => {
    const html = SNIPPETS.join('');
    for (let end = 0; end <= html.length; end++) {
      const prefix = html.slice(0, end);
      if (JSON.stringify(ours(prefix)) !== JSON.stringify(theirs(prefix))) expect(ours(prefix)).toEqual(theirs(prefix));
    }
  });

  it('works without isInForeignContext', () => {
    const html = '<svg><script>a<b></script></svg>';
    const strip = (cbs: TokenizerCallbacks): TokenizerCallbacks => {
      const { isInForeignContext: _, ...rest } = cbs;
      return rest;
    };
    const mine = record(html, (cbs) => tokenize(html, strip(cbs)));
    const reference = record(html, (cbs) => {
      const tokenizer = new Tokenizer({ decodeEntities: false }, strip(cbs));
      tokenizer.write(html);
      tokenizer.end();
    });
    expect(mine).toEqual(reference);
  });
});

describe('tokenize: the blank argument of ontext', () => {
  /** Per ontext call: the third argument, and whether the text is only ASCII whitespace. */
  function blankFlags(html: string): [boolean | undefined, boolean][] {
    const out: [boolean | undefined, boolean][] = [];
    tokenize(html, {
      ...IGNORE_EVENTS,
      ontext: (start, end, blank) => void out.push([blank, /^[ \t\n\v\f\r]*$/.test(html.slice(start, end))]),
    });
    return out;
  }

  it('says the indentation between tags is blank, and text is not', () => {
    expect(blankFlags('<ul>\n  <li>a b</li>\n\t</ul>\r\n<p> \u00a0</p>')).toEqual([
      [true, true],
      [false, false],
      [true, true],
      [true, true],
      [false, false],
    ]);
  });

  it('says nothing of raw text and of text at the end of the input', () => {
    expect(blankFlags('<script> </script><title> </title> ')).toEqual([
      [undefined, true],
      [undefined, true],
      [undefined, true],
    ]);
  });

  it('is right whenever it says, on the snippets, their prefixes and 5,000 tag-soup documents', () => {
    const next = seededRandom(20_260_102);
    const mix = SNIPPETS.join('');
    const documents = [...SNIPPETS, ...Array.from({ length: mix.length + 1 }, (_, end) => mix.slice(0, end))];
    for (let n = 0; n < 5000; n++) documents.push(soup(next));
    let said = 0;
    for (const html of documents) {
      for (const [blank, actual] of blankFlags(html)) {
        if (blank === undefined) continue;
        said++;
        if (blank !== actual) expect({ html, blank }).toEqual({ html, blank: actual });
      }
    }
    expect(said).toBeGreaterThan(1000);
  });
});

describe('tokenize on hostile pages', () => {
  const NOOP: TokenizerCallbacks = IGNORE_EVENTS;

  const elapsed = (html: string): number => {
    const start = performance.now();
    tokenize(html, NOOP);
    return performance.now() - start;
  };

  it('reads a 4 MB single-line page in well under a second', () => {
    const unit = '<p class="a b" data-x=1>text &amp; more <!-- c --><a href=\'/x\'>link</a></p>\u0000';
    const html = unit.repeat(Math.ceil(4_000_000 / unit.length));
    expect(elapsed(html)).toBeLessThan(500);
  });

  it('reads unterminated constructs over 4 MB in well under a second', () => {
    for (const head of ['<!--', '<script>', '<title>', '<a b="', '<![CDATA[', '<!doctype', '</x ', '<?']) {
      expect(elapsed(head + '<-- -! ]] x</scrip '.repeat(200_000))).toBeLessThan(500);
    }
  });

  it('reads 100,000 nested elements in well under a second', () => {
    const html = '<div><span>'.repeat(50_000) + '</span></div>'.repeat(50_000);
    expect(elapsed(html)).toBeLessThan(500);
  });
});
