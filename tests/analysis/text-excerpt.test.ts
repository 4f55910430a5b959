import { describe, expect, it } from 'vitest';
import { textExcerpt } from '../../checks/analysis/text-excerpt.ts';

describe('textExcerpt', () => {
  it('breaks after sentence ends and separators', () => {
    expect(textExcerpt('ủy ban nhân dân tỉnh ví dụ. tin tức | văn bản | hỏi đáp liên hệ: 0243 000 000')).toBe(
      'ủy ban nhân dân tỉnh ví dụ.\ntin tức |\nvăn bản |\nhỏi đáp liên hệ:\n0243 000 000',
    );
  });

  it('wraps long sentences at words, and cuts a word longer than a line', () => {
    const words = Array.from({ length: 30 }, (_, i) => `từ${i}`).join(' ');
    const lines = textExcerpt(words).split('\n');
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines.join(' ')).toBe(words);
    expect(
      textExcerpt('x'.repeat(250))
        .split('\n')
        .map((l) => l.length),
    ).toEqual([100, 100, 50]);
  });

  it('keeps whole lines up to the cap', () => {
    const text = Array.from({ length: 100 }, (_, i) => `câu số ${i}.`).join(' ');
    const excerpt = textExcerpt(text, 60);
    expect(excerpt.length).toBeLessThanOrEqual(60);
    expect(excerpt.split('\n').at(-1)).toMatch(/^câu số \d+\.$/);
    expect(textExcerpt('')).toBe('');
  });
});
