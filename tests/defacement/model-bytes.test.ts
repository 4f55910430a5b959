import { describe, expect, it } from 'vitest';
import { extractPageModel } from '../../checks/analysis/page-model.ts';
import { modelBytes } from '../../checks/defacement/model-bytes.ts';

describe('modelBytes', () => {
  it('counts strings at two bytes a character, numbers at eight, and a header and a slot per object entry', () => {
    expect(modelBytes('ab')).toBe(16 + 4);
    expect(modelBytes([1, 2, 3])).toBe(32 + 3 * 8);
    expect(modelBytes({ a: 'xy', b: [7], c: null })).toBe(32 + 3 * 8 + (16 + 4) + (32 + 8));
  });

  it('holds a Vietnamese page model at least at its text and hidden text, UTF-16, and grows with them', () => {
    const page = (paragraphs: number) =>
      `<html><head><title>Sở Tư pháp</title></head><body>${'<p>Thông báo lịch tiếp công dân của Sở Tư pháp tỉnh.</p>'.repeat(paragraphs)}<div style="display:none">ẩn</div></body></html>`;
    const small = extractPageModel(page(10), 'https://stp.example.gov.vn/');
    const large = extractPageModel(page(1_000), 'https://stp.example.gov.vn/');
    expect(modelBytes(small)).toBeGreaterThanOrEqual(2 * (small.text.length + small.hiddenText.length));
    expect(modelBytes(large)).toBeGreaterThanOrEqual(2 * (large.text.length + large.hiddenText.length));
    expect(modelBytes(large) - modelBytes(small)).toBeGreaterThanOrEqual(2 * (large.text.length - small.text.length));
  });
});
