import sharp from 'sharp';
import { formatDateTime } from './format.ts';
import type { Overall, SiteState } from './status-model.ts';
import { STRINGS } from './strings.ts';

/**
 * The Open Graph image (`/og.png`, 1200×630): what a link to the status page shows in chats and social
 * networks — the overall state in Vietnamese, counts by state and who runs the page. Drawn as SVG
 * (pure, below) and rasterised by sharp (librsvg) at build time. Fonts: the generic `sans-serif`,
 * which fontconfig maps to an installed face with Vietnamese glyphs (DejaVu Sans, Liberation Sans).
 */
export interface OgInput {
  readonly organisation: string;
  readonly overall: Overall;
  readonly counts: Readonly<Record<SiteState, number>>;
  /** When the data is from (the last run), or the build time before any run. */
  readonly at: string;
  readonly timeZone: string;
}

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const OVERALL_COLOR = {
  operational: '#1a7f37',
  partial: '#9a6700',
  major: '#cf222e',
  maintenance: '#0969da',
} as const satisfies Record<Overall, string>;
const COUNTED = ['operational', 'degraded', 'down', 'maintenance', 'unknown'] as const satisfies readonly SiteState[];

/** Text as SVG character data or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** SVG cannot measure text: long names are cut by characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

export function ogImageSvg(input: OgInput): string {
  const s = STRINGS.vi;
  const color = OVERALL_COLOR[input.overall];
  const total = COUNTED.reduce((n, k) => n + input.counts[k], 0);
  const counts = COUNTED.filter((k) => input.counts[k] > 0).map(
    (k) => `${input.counts[k]} ${s.state[k].toLocaleLowerCase('vi')}`,
  );
  const lines = [
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${OG_WIDTH}" height="24" fill="${color}"/>`,
    `<text x="80" y="130" font-family="sans-serif" font-size="40" fill="#1f2328">${escapeXml(clip(input.organisation, 48))}</text>`,
    `<text x="80" y="190" font-family="sans-serif" font-size="32" fill="#59636e">${escapeXml(s.title)}</text>`,
    `<circle cx="112" cy="305" r="32" fill="${color}"/>`,
    `<text x="172" y="327" font-family="sans-serif" font-size="64" font-weight="bold" fill="${color}">${escapeXml(s.overall[input.overall])}</text>`,
    `<text x="80" y="420" font-family="sans-serif" font-size="36" fill="#1f2328">${escapeXml(s.sitesLabel(total))}</text>`,
    // Five counts at most, on their own line: at 32 px they fit in 1,040 px.
    `<text x="80" y="474" font-family="sans-serif" font-size="32" fill="#1f2328">${escapeXml(counts.join(' · '))}</text>`,
    `<text x="80" y="560" font-family="sans-serif" font-size="28" fill="#59636e">${escapeXml(`Cập nhật ${formatDateTime(input.at, input.timeZone)}`)}</text>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">\n${lines.join('\n')}\n</svg>\n`;
}

/** The PNG for `/og.png`; no metadata is carried over from anything. */
export async function ogImagePng(input: OgInput): Promise<Buffer> {
  return sharp(Buffer.from(ogImageSvg(input)), { density: 72 })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
