import { describe, expect, it } from 'vitest';
import { extractPageModel } from '../../checks/analysis/page-model.ts';
import { capText, CUT_MARK, MAX_MODEL_TEXT, MAX_SKETCHED_TEXT } from '../../checks/analysis/page-model/text-cap.ts';
import { scoreSpam } from '../../checks/analysis/signals/gambling-spam.ts';

describe('capText', () => {
  it('keeps a text that fits as it is', () => {
    expect(capText('abcdef', 6)).toBe('abcdef');
  });

  it('keeps the head and the tail of a longer one, marked where it was cut', () => {
    expect(capText('abcdefghij', 4)).toBe(`ab${CUT_MARK}ij`);
    expect(capText('abcdefghij', 5)).toBe(`ab${CUT_MARK}hij`);
  });

  it('never splits a surrogate pair at either cut', () => {
    // "a😀b…" : the head would end inside the emoji, and the tail start inside the other one.
    const text = `a😀${'x'.repeat(20)}😀b`;
    const head = capText(text, 4); // head half 2 units ends between the emoji's two units
    expect(head).toBe(`a${CUT_MARK}b`);
    expect(capText(text, 6)).toBe(`a😀${CUT_MARK}😀b`);
    for (const max of [3, 4, 5, 6, 7, 8]) expect(capText(text, max).isWellFormed()).toBe(true);
  });
});

describe('extractPageModel on a page with more visible text than a model keeps', () => {
  const filler = 'tin tức hoạt động của sở ban ngành '.repeat(12_000); // 420,000 characters
  const html = `<html><head><title>Sở Y tế</title></head><body><p>nhà cái uy tín đầu trang</p><p>${filler}</p><p>giữa trang nổ hũ</p><p>${filler}</p><p>cuối trang: nhà cái uy tín, nổ hũ, tài xỉu, link vào 188bet</p></body></html>`;
  const model = extractPageModel(html, 'https://soyte.example.gov.vn/');

  it('keeps the head and the tail of the text, and the whole length', () => {
    expect(model.text.length).toBe(MAX_MODEL_TEXT + CUT_MARK.length);
    expect(model.text.startsWith('nhà cái uy tín đầu trang')).toBe(true);
    expect(model.text.endsWith('link vào 188bet')).toBe(true);
    expect(model.text).not.toContain('giữa trang');
    expect(model.textLength).toBeGreaterThan(840_000);
  });

  it('sketches the whole text up to MAX_SKETCHED_TEXT, not only what is kept', () => {
    expect(model.textLength).toBeLessThan(MAX_SKETCHED_TEXT);
    // The filler repeats eight words: the middle paragraph's shingles are what tell the pages apart.
    const withoutMiddle = extractPageModel(
      html.replace('<p>giữa trang nổ hũ</p>', ''),
      'https://soyte.example.gov.vn/',
    );
    expect(model.textShingleTotal).toBeGreaterThan(withoutMiddle.textShingleTotal);
    const kept = extractPageModel(`<html><body><p>${model.text}</p></body></html>`, 'https://soyte.example.gov.vn/');
    expect(model.textSketch.filter((hash) => !kept.textSketch.includes(hash)).length).toBeGreaterThan(0);
  });

  it('matches terms in the head and the tail, not in the cut middle', () => {
    const { terms } = scoreSpam({ model, baseline: null });
    expect(terms).toEqual(['nhà cái uy tín', 'nổ hũ', 'tài xỉu', '188bet']);
  });

  it('sketches the head and the tail of a text longer than MAX_SKETCHED_TEXT, as it keeps those of a model', () => {
    // 1.4 million characters: the middle paragraph falls in the part not sketched, so it changes nothing.
    const longHtml = html.replaceAll(filler, filler.repeat(2));
    const long = extractPageModel(longHtml, 'https://soyte.example.gov.vn/');
    const withoutMiddle = extractPageModel(
      longHtml.replace('<p>giữa trang nổ hũ</p>', ''),
      'https://soyte.example.gov.vn/',
    );
    expect(long.textLength).toBeGreaterThan(MAX_SKETCHED_TEXT);
    expect(long.textSketch).toEqual(withoutMiddle.textSketch);
    expect(long.textShingleTotal).toBe(withoutMiddle.textShingleTotal);
    // The sketched head and tail still differ from the kept ones: the sketch reaches further in.
    const kept = extractPageModel(`<html><body><p>${long.text}</p></body></html>`, 'https://soyte.example.gov.vn/');
    expect(long.textShingleTotal).toBeGreaterThan(kept.textShingleTotal);
  });
});
