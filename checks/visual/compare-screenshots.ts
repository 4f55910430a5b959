import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { differenceHash, hammingDistance } from './perceptual-hash.ts';

/** Both screenshots are shrunk to this before comparing: a quarter of the pixels, and sub-pixel text rendering noise averages out. */
export const COMPARE_SIZE = { width: 640, height: 400 } as const;

/**
 * When a screenshot counts as changed. Measured on the test portal (tests/visual/fixtures): the same
 * page twice differs in 0 pixels; one headline changed, 0.35 %; the carousel on another slide, 23 %;
 * the page replaced by a white "hacked by" page, 48 % and 23 hash bits; by a black one, 95 % and 29
 * bits. Against a lossy WebP copy of the baseline, add about 1 % and 3 bits.
 * - `pixelThreshold`: pixelmatch's per-pixel colour distance (0–1) under which two pixels are equal.
 * - `changedRatio`: share of differing pixels from which the page is changed, whatever the hash says:
 *   a news update or a rotating banner stays well under it, a replaced page far over it.
 * - `hashDistance`: dHash bits (of 64) from which the page is changed, whatever the pixels say:
 *   catches a new layout on a similar background, where fewer pixels differ.
 */
export const VISUAL_THRESHOLDS = {
  pixelThreshold: 0.1,
  changedRatio: 0.4,
  hashDistance: 20,
} as const;

export interface ScreenshotComparison {
  /** Share of differing pixels at COMPARE_SIZE, 0–1. */
  readonly diffRatio: number;
  /** dHash distance, 0–64. */
  readonly hashDistance: number;
  readonly changed: boolean;
  /** Differing pixels in red over a faded current screenshot, COMPARE_SIZE, when asked for. */
  readonly diffPng?: Buffer;
}

/**
 * Compares a baseline screenshot with a new one (PNG, WebP or JPEG buffers of any size; both are
 * normalised to COMPARE_SIZE, top-aligned). Pure: same buffers, same answer.
 */
export async function compareScreenshots(
  baseline: Buffer,
  current: Buffer,
  options: { diffImage?: boolean } = {},
): Promise<ScreenshotComparison> {
  const [before, after, hashBefore, hashAfter] = await Promise.all([
    normalise(baseline),
    normalise(current),
    differenceHash(baseline),
    differenceHash(current),
  ]);
  const { width, height } = COMPARE_SIZE;
  const output = options.diffImage ? new Uint8Array(width * height * 4) : null;
  // pixelmatch compares its second image against its first; the diff is drawn over the first, so the current page goes first.
  const differing = pixelmatch(after, before, output, width, height, {
    threshold: VISUAL_THRESHOLDS.pixelThreshold,
    alpha: 0.25,
  });
  const diffRatio = differing / (width * height);
  const hashDistance = hammingDistance(hashBefore, hashAfter);
  const changed = isVisuallyChanged(diffRatio, hashDistance);
  const diffPng = output
    ? await sharp(output, { raw: { width, height, channels: 4 } })
        .png()
        .toBuffer()
    : undefined;
  return { diffRatio, hashDistance, changed, ...(diffPng ? { diffPng } : {}) };
}

/** The decision `compareScreenshots` makes, on its two measures (see VISUAL_THRESHOLDS). */
export function isVisuallyChanged(diffRatio: number, hashDistance: number): boolean {
  return diffRatio >= VISUAL_THRESHOLDS.changedRatio || hashDistance >= VISUAL_THRESHOLDS.hashDistance;
}

async function normalise(image: Buffer): Promise<Uint8Array> {
  const { width, height } = COMPARE_SIZE;
  const raw = await sharp(image)
    .resize(width, height, { fit: 'cover', position: 'top' })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer();
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}
