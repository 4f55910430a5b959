import { describe, expect, it } from 'vitest';
import { isAsciiBlank, streamTags } from '../../checks/analysis/tag-stream.ts';

/** The text events of a page, each with the innermost open element. */
function texts(html: string): [string, string][] {
  const open: string[] = [];
  const out: [string, string][] = [];
  streamTags(html, {
    open: (name) => void open.push(name),
    close: () => void open.pop(),
    text: (data) => void out.push([open[open.length - 1] ?? '#root', data]),
  }, []);
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

  it('keeps text with non-ASCII whitespace as written', () => {
    expect(texts('<p>\u00a0</p>')).toEqual([['p', '\u00a0']]);
  });
});
