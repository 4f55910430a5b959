import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  COMPARE_SIZE,
  compareScreenshots,
  isVisuallyChanged,
  VISUAL_THRESHOLDS,
} from '../../checks/visual/compare-screenshots.ts';
import { differenceHash, hammingDistance } from '../../checks/visual/perceptual-hash.ts';
import { visualChangeSignal } from '../../checks/visual/visual-signal.ts';
import { SignalSchema } from '../../checks/schemas/defacement.ts';
import { PORTAL_SHAPES, svgPng } from './fixtures/images.ts';

describe('compareScreenshots', () => {
  it('finds no difference between a screenshot and itself', async () => {
    const portal = await svgPng(PORTAL_SHAPES);
    const result = await compareScreenshots(portal, portal);
    expect(result).toEqual({ diffRatio: 0, hashDistance: 0, changed: false });
  });

  it('lets a changed headline through: a small share of pixels, same layout', async () => {
    const before = await svgPng(PORTAL_SHAPES);
    const after = await svgPng(`${PORTAL_SHAPES}<rect x="80" y="520" width="700" height="10" fill="#333"/>`);
    const result = await compareScreenshots(before, after);
    expect(result.diffRatio).toBeGreaterThan(0);
    expect(result.diffRatio).toBeLessThan(0.02);
    expect(result.changed).toBe(false);
  });

  it('calls a page replaced by a black "hacked by" page changed, with a diff image', async () => {
    const portal = await svgPng(PORTAL_SHAPES);
    const defaced = await svgPng(
      '<rect x="200" y="150" width="880" height="60" fill="#f00"/><rect x="300" y="260" width="680" height="20" fill="#0f0"/>',
      1280,
      800,
      '#000',
    );
    const result = await compareScreenshots(portal, defaced, { diffImage: true });
    expect(result.changed).toBe(true);
    expect(result.diffRatio).toBeGreaterThan(0.8);
    const meta = await sharp(result.diffPng!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', COMPARE_SIZE.width, COMPARE_SIZE.height]);
  });

  it('compares screenshots of different heights by their top part', async () => {
    const normal = await svgPng(PORTAL_SHAPES);
    const tall = await svgPng(PORTAL_SHAPES, 1280, 1600);
    const result = await compareScreenshots(normal, tall);
    expect(result.changed).toBe(false);
    expect(result.diffRatio).toBeLessThan(0.01);
  });

  it('tolerates a lossy WebP copy of the baseline', async () => {
    const portal = await svgPng(PORTAL_SHAPES);
    const webp = await sharp(portal).resize(640).webp({ quality: 50 }).toBuffer();
    const result = await compareScreenshots(webp, portal);
    expect(result.changed).toBe(false);
    expect(result.diffRatio).toBeLessThan(0.05);
  });
});

describe('isVisuallyChanged', () => {
  it.each([
    [0, 0, false],
    [0.23, 0, false], // the carousel on another slide
    [0.399, 19, false],
    [0.4, 0, true], // enough pixels, whatever the hash says
    [0.95, 29, true],
    [0.05, 20, true], // a new layout on a similar background: the hash alone decides
  ])('diffRatio %f, hash distance %i → %s', (diffRatio, hashDistance, expected) => {
    expect(isVisuallyChanged(diffRatio, hashDistance)).toBe(expected);
  });
});

describe('differenceHash', () => {
  it('gives all ones for a left-to-right darkening gradient and all zeros for a flat image', async () => {
    const gradient = await svgPng(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs><rect width="1280" height="800" fill="url(#g)"/>',
    );
    const flat = await svgPng('', 1280, 800, '#777');
    expect(await differenceHash(gradient)).toBe('ffffffffffffffff');
    expect(await differenceHash(flat)).toBe('0000000000000000');
  });

  it('counts differing bits', () => {
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('00000000000000f0', '0000000000000010')).toBe(3);
    expect(hammingDistance('8000000000000001', '8000000000000001')).toBe(0);
  });
});

describe('visualChangeSignal', () => {
  it('is null for an unchanged page', () => {
    expect(visualChangeSignal({ diffRatio: 0.1, hashDistance: 3, changed: false }, [])).toBeNull();
  });

  it('weighs 25 at the threshold and 45 for a page changed entirely, and fits the signal schema', () => {
    const atThreshold = visualChangeSignal(
      { diffRatio: VISUAL_THRESHOLDS.changedRatio, hashDistance: 12, changed: true },
      ['evidence/a/diff.webp'],
    );
    const whole = visualChangeSignal({ diffRatio: 1, hashDistance: 40, changed: true }, ['evidence/a/diff.webp']);
    expect(atThreshold?.weight).toBe(25);
    expect(whole).toEqual({
      kind: 'visual-change',
      weight: 45,
      detail:
        'the screenshot differs from the baseline screenshot in 100 % of its pixels (perceptual hash: 40 of 64 bits differ)',
      evidence: ['evidence/a/diff.webp'],
    });
    expect(SignalSchema.parse(whole)).toEqual(whole);
  });

  it('weighs a change found only by the hash at the threshold weight', () => {
    expect(visualChangeSignal({ diffRatio: 0.12, hashDistance: 30, changed: true }, [])?.weight).toBe(25);
  });
});
