import { describe, expect, it } from 'vitest';
import { collectInlineStyles, ownHidingReason } from '../../checks/analysis/page-model/element-hiding.ts';
import { parseRefresh } from '../../checks/analysis/page-model/head-fields.ts';
import { normaliseLines } from '../../checks/analysis/page-model/offsite-links.ts';
import { OpenElements } from '../../checks/analysis/page-model/open-elements.ts';
import { isTiny, WANTED_ATTRIBUTES } from '../../checks/analysis/page-model/page-reader.ts';
import { isBlank, PageText } from '../../checks/analysis/page-model/page-text.ts';
import { hidingSelectors } from '../../checks/analysis/css-hiding.ts';

const PAGE = 'https://thanhhoa.gov.vn/tin-tuc/';

describe('WANTED_ATTRIBUTES', () => {
  // PageReader.open reads attributes by these literal positions.
  it.each([
    ['class', 0],
    ['id', 1],
    ['style', 2],
    ['hidden', 3],
    ['href', 4],
    ['src', 5],
    ['data', 6],
    ['rel', 7],
    ['content', 8],
    ['http-equiv', 9],
    ['lang', 10],
    ['bgcolor', 11],
    ['background', 12],
    ['action', 13],
    ['alt', 14],
    ['oncontextmenu', 15],
    ['width', 16],
    ['height', 17],
  ])('%s is at %i', (name, index) => {
    expect(WANTED_ATTRIBUTES.indexOf(name)).toBe(index);
  });

  it('has no other attribute', () => {
    expect(WANTED_ATTRIBUTES).toHaveLength(18);
  });
});

describe('collectInlineStyles', () => {
  it.each([
    ['one block', '<style>.a{}</style>', '.a{}'],
    ['attributes and two blocks', '<style media="x">.a{}</style><p></p><style>\n.b{}</style >', '.a{}\n\n.b{}'],
    ['a longer tag name is not <style>', '<styles>.a{}</styles>', ''],
    ['an unclosed block runs to the end', '<style>.a{display:none}', '.a{display:none}'],
    ['uppercase is left to the parse', '<STYLE>.a{}</STYLE>', ''],
    ['no style at all', '<p>style</p>', ''],
    ['"yle" everywhere but in <style>', '<p style="a">styles<st yle<sty>le</p><style>.a{}</style>', '.a{}'],
    ['a block at the very start and one right after it', '<style>.a{}</style><style>.b{}</style>', '.a{}\n.b{}'],
    ['the end tag read as a start tag is not one', '<style/>.a{}</style/><style\t>.b{}', '.a{}\n.b{}'],
  ])('%s', (_, html, expected) => {
    expect(collectInlineStyles(html)).toBe(expected);
  });
});

describe('ownHidingReason', () => {
  const rules = hidingSelectors('.seo{display:none} #k{position:absolute;left:-5000px}');
  it.each([
    ['nothing', 'div', undefined, undefined, undefined, undefined, null],
    ['an inline style', 'div', 'display:none', undefined, undefined, undefined, 'display:none'],
    ['the hidden attribute', 'div', undefined, '', undefined, undefined, 'hidden attribute'],
    ['the hidden attribute on an input (a form value)', 'input', undefined, '', undefined, undefined, null],
    ['a class rule, case-insensitively', 'div', undefined, undefined, 'box SEO', undefined, '.seo: display:none'],
    ['an id rule', 'p', undefined, undefined, undefined, 'k', '#k: off-screen'],
    ['the style before the class', 'div', 'opacity:0', undefined, 'seo', undefined, 'opacity:0'],
  ])('%s', (_, tag, style, hidden, cls, id, expected) => {
    expect(ownHidingReason(tag, style, hidden, cls, id, rules)).toBe(expected);
  });
});

describe('parseRefresh', () => {
  it.each([
    ['delay and URL', '5; url=https://a.example/x', { delay: 5, url: 'https://a.example/x' }],
    ['quoted relative URL', "0;URL='/moi'", { delay: 0, url: 'https://thanhhoa.gov.vn/moi' }],
    ['a reload', '30', { delay: 30, url: null }],
    ['a fractional delay', '1.9, url=/x', { delay: 1, url: 'https://thanhhoa.gov.vn/x' }],
    ['no delay', 'url=https://b.example/', { delay: 0, url: 'https://b.example/' }],
    ['not a URL', 'abc', { delay: 0, url: 'https://thanhhoa.gov.vn/tin-tuc/abc' }],
    ['a line break inside the URL', '0; url=https://a.example/\nx', { delay: 0, url: 'https://a.example/x' }],
    ['a line break before the URL', '5;\nurl=/next', { delay: 5, url: 'https://thanhhoa.gov.vn/next' }],
  ])('%s', (_, content, expected) => {
    expect(parseRefresh(content, PAGE)).toEqual(expected);
  });
});

describe('isBlank', () => {
  it.each([
    ['empty', '', true],
    ['indentation', '\n\t  \r\f', true],
    ['zero-width and no-break characters', ' \u200b\u2060\ufeff ', true],
    ['no-break and ideographic spaces', '\u00a0\u3000', true],
    ['a word after indentation', '\n  a', false],
    ['a Vietnamese word', 'Đà', false],
  ])('%s', (_, data, expected) => {
    expect(isBlank(data)).toBe(expected);
  });
});

describe('normaliseLines', () => {
  it('normalises each line like normaliseText', () => {
    expect(normaliseLines(['  Nhà  CÁI\u00a0uy tín ', 'Ho\u0300a', ''])).toEqual(['nhà cái uy tín', 'hòa', '']);
    expect(normaliseLines([])).toEqual([]);
  });
});

describe('isTiny', () => {
  it.each([
    ['0', true],
    ['1px', true],
    [' 2 ', true],
    ['2.5', true],
    ['3', false],
    ['10', false],
    ['100%', false],
    [undefined, false],
  ])('%s', (size, expected) => {
    expect(isTiny(size)).toBe(expected);
  });
});

describe('PageText', () => {
  it('separates the words of adjacent elements with one space, written only before more text', () => {
    const t = new PageText();
    t.boundary(null);
    expect(t.add('a', null)).toBe(true);
    t.boundary(null);
    t.boundary(null);
    expect(t.add(' ', null)).toBe(false);
    t.add('b', null);
    t.add('spam', 'display:none');
    t.boundary('display:none');
    t.add('more', 'display:none');
    t.boundary(null);
    t.addAlt('logo');
    t.addAlt('ảnh');
    expect(t.joined()).toEqual({ visible: ' a b', hidden: 'spam more', alt: 'logo | ảnh' });
  });
});

describe('OpenElements', () => {
  it('reuses one object per depth', () => {
    const open = new OpenElements();
    const root = open.current;
    const first = open.enter();
    first.tag = 'div';
    expect(open.current).toBe(first);
    expect(open.leave()).toBe(first);
    expect(open.current).toBe(root);
    const second = open.enter();
    expect(second).toBe(first);
    expect(open.enter()).not.toBe(first);
  });
});
