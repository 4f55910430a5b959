import path from 'node:path';
import sharp from 'sharp';
import { SITE_ID_PATTERN } from '../schemas/site.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';

/**
 * Evidence images for the internal page: WebP, 640 px wide, quality 50. A 1280×800 portal
 * screenshot comes to 10–20 KB and its diff image less; enough to see a defacement, small enough to
 * keep in the data repository.
 */
export const EVIDENCE_WEBP = { width: 640, quality: 50 } as const;

export type EvidenceKind = 'screenshot' | 'diff' | 'baseline';

/** Encodes a screenshot or diff image (PNG or anything sharp reads) as evidence WebP. */
export async function encodeEvidence(image: Buffer): Promise<Buffer> {
  return sharp(image)
    .resize({ width: EVIDENCE_WEBP.width, withoutEnlargement: true })
    .webp({ quality: EVIDENCE_WEBP.quality, effort: 4 })
    .toBuffer();
}

/**
 * `evidence/<site-id>/<kind>-<timestamp>.webp`, relative to the data dir and with `/` separators:
 * the form signals carry and the site links to. The timestamp is UTC to the second, without colons
 * (`2026-05-12T03-00-00Z`), so names sort by time and are valid on every file system.
 */
export function evidencePath(siteId: string, kind: EvidenceKind, at: Date): string {
  // Ids come from validated site files; a bad one here is a bug, and must never become `../`.
  if (!SITE_ID_PATTERN.test(siteId)) throw new Error(`not a site id: ${JSON.stringify(siteId)}`);
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  return `evidence/${siteId}/${kind}-${stamp}.webp`;
}

/**
 * Encodes `image` and writes it under `dataDir` atomically (temp file, then rename), so the site
 * build never sees half an image. Returns the path relative to `dataDir` (see `evidencePath`).
 */
export async function writeEvidence(
  dataDir: string,
  siteId: string,
  kind: EvidenceKind,
  image: Buffer,
  at: Date,
): Promise<string> {
  const relative = evidencePath(siteId, kind, at);
  const file = path.join(dataDir, ...relative.split('/'));
  await writeFileAtomic(file, await encodeEvidence(image));
  return relative;
}
