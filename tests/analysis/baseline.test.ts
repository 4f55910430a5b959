import { describe, expect, it } from 'vitest';
import { createBaseline, stableHashes, updateBaseline, WINDOW } from '../../checks/analysis/baseline.ts';
import { learnedBaseline, model, NOW, portal, POLICE_ARTICLE } from './fixtures.ts';

describe('baseline', () => {
  it('starts from the first clean observation', () => {
    const m = model(portal());
    const b = createBaseline(m, NOW);
    expect(b).toMatchObject({
      version: 1,
      capturedAt: '2025-03-01T02:00:00.000Z',
      updatedAt: '2025-03-01T02:00:00.000Z',
      observations: 1,
      domain: 'thanhhoa.gov.vn',
      title: 'cổng thông tin điện tử tỉnh thanh hóa',
      lang: 'vi',
      favicon: 'https://thanhhoa.gov.vn/favicon.ico',
      hints: ['youtube'],
      spamTerms: [],
    });
    expect(b.domains.script).toEqual(['googletagmanager.com']);
    expect(b.structure.hashes).toEqual(m.structure);
    expect(b.structure.seen.every((n) => n === 1)).toBe(true);
  });

  it('is plain JSON and small', () => {
    const b = learnedBaseline(10);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
    expect(JSON.stringify(b).length).toBeLessThan(20_000);
  });

  it('learns which parts are volatile: rotating headlines stay out of the stable text', () => {
    const b = learnedBaseline(6);
    expect(b.observations).toBe(6);
    const stableText = stableHashes(b.text, b.observations).length;
    expect(stableText).toBeGreaterThan(0);
    expect(stableText).toBeLessThan(b.text.hashes.length);
    // The layout does not rotate: nearly all of it is stable.
    expect(stableHashes(b.structure, b.observations).length).toBeGreaterThan(b.structure.hashes.length * 0.8);
  });

  it('remembers terms an accepted page already had', () => {
    const b = updateBaseline(
      createBaseline(model(portal()), NOW),
      model(portal({ article: POLICE_ARTICLE })),
      new Date('2025-03-02T00:00:00Z'),
    );
    expect(b.spamTerms).toEqual(expect.arrayContaining(['đánh bạc', 'cá độ', 'game bài đổi thưởng', 'tài xỉu']));
    expect(b.updatedAt).toBe('2025-03-02T00:00:00.000Z');
    expect(b.capturedAt).toBe('2025-03-01T02:00:00.000Z');
  });

  it('halves its counts at the end of the window so old layouts fade', () => {
    let b = createBaseline(model(portal()), NOW);
    for (let i = 1; i < WINDOW; i++) b = updateBaseline(b, model(portal({ views: i })), NOW);
    expect(b.observations).toBe(WINDOW / 2);
    expect(b.totalObservations).toBe(WINDOW);
    expect(Math.max(...b.structure.seen)).toBe(WINDOW / 2);
  });
});
