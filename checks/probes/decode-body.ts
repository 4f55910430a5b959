import { TextDecoder } from 'node:util';

/** How far into a page a `<meta charset>` is looked for, as the HTML standard does. */
const META_SNIFF_BYTES = 1024;

/**
 * The charset, as a WHATWG encoding name, by the BOM, then the Content-Type charset, then a `<meta>`
 * declaration in the first 1 KB, else UTF-8 (the HTML standard's order, minus the locale guess).
 * Cheap, so every probe records it; the costly decoding (about 0.6 ms a page) waits for content
 * analysis to ask for the text.
 */
export function detectCharset(bytes: Uint8Array, contentType: string | undefined): string {
  const label = bomCharset(bytes) ?? headerCharset(contentType) ?? metaCharset(bytes) ?? 'utf-8';
  return (makeDecoder(label) ?? new TextDecoder('utf-8')).encoding;
}

/** Decodes with a charset from `detectCharset`, to NFC, so windows-1258's combining tone marks compare equal to precomposed UTF-8. */
export function decodeWith(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes).normalize('NFC');
}

function makeDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null; // An unknown label falls back to UTF-8, as browsers do.
  }
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

export function headerCharset(contentType: string | undefined): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return match?.[1]?.toLowerCase() ?? null;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, META_SNIFF_BYTES));
  const match = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i);
  return match?.[1]?.toLowerCase() ?? null;
}
