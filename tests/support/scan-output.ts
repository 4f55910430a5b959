import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface MarkerHit {
  /** Path relative to the scanned dir. */
  readonly file: string;
  /** The text found, with up to 40 characters either side. */
  readonly excerpt: string;
  /** Where in the file: `bytes`, `file name`, `png zTXt`, `gunzip`, `base64`, … */
  readonly where: string;
}

/** Every file under `dir`, relative, with `/` separators. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The base64 forms of `word` that any base64 text containing it must contain, whatever its
 * alignment: for each of the three offsets, the characters that depend on `word` alone.
 */
function base64Forms(word: string): string[] {
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.from('\0'.repeat(shift) + word)
      .toString('base64')
      .replace(/=+$/, '');
    const start = shift === 0 ? 0 : shift + 1; // the characters mixing padding and word are dropped
    const end = encoded.length - ((shift + word.length) % 3 === 0 ? 0 : 1);
    return encoded.slice(start, end);
  });
}

/** Texts hidden inside a PNG's compressed chunks (zTXt, compressed iTXt). */
function pngTexts(bytes: Buffer): Buffer[] {
  const texts: Buffer[] = [];
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) return texts;
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    try {
      if (type === 'zTXt') texts.push(inflateSync(data.subarray(data.indexOf(0) + 2)));
      if (type === 'iTXt' && data[data.indexOf(0) + 1] === 1) {
        let p = data.indexOf(0) + 3;
        p = data.indexOf(0, p) + 1; // language tag
        p = data.indexOf(0, p) + 1; // translated keyword
        texts.push(inflateSync(data.subarray(p)));
      }
    } catch {
      texts.push(Buffer.from(`(unreadable ${type} chunk)`));
    }
    at += 12 + length;
  }
  return texts;
}

/**
 * Searches every file under `dir` for `pattern` (case-insensitive, over the raw bytes as latin-1, so
 * binary files are searched too), for each literal in `literals`, in file names, inside compressed
 * PNG text chunks and .gz/.br files, and for the base64 forms of `base64Word`.
 */
export async function scanOutput(
  dir: string,
  options: { pattern: RegExp; literals?: readonly string[]; base64Word?: string },
): Promise<{ files: number; bytes: number; hits: MarkerHit[] }> {
  const files = await listFiles(dir);
  const hits: MarkerHit[] = [];
  const pattern = new RegExp(options.pattern.source, 'gi');
  const literals = (options.literals ?? []).map((l) => Buffer.from(l, 'utf8').toString('latin1'));
  const b64 = options.base64Word
    ? [...base64Forms(options.base64Word), ...base64Forms(options.base64Word.toLowerCase())]
    : [];
  let bytes = 0;
  const search = (file: string, text: string, where: string) => {
    for (const m of text.matchAll(pattern))
      hits.push({ file, where, excerpt: text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40) });
    for (const literal of literals) {
      const at = text.indexOf(literal);
      if (at >= 0)
        hits.push({
          file,
          where: `${where}, literal`,
          excerpt: text.slice(Math.max(0, at - 40), at + literal.length + 40),
        });
    }
    for (const form of b64) {
      const at = text.indexOf(form);
      if (at >= 0)
        hits.push({
          file,
          where: `${where}, base64`,
          excerpt: text.slice(Math.max(0, at - 40), at + form.length + 40),
        });
    }
  };
  for (const file of files) {
    search(file, file, 'file name');
    const content = await readFile(path.join(dir, file));
    bytes += content.length;
    search(file, content.toString('latin1'), 'bytes');
    for (const text of pngTexts(content)) search(file, text.toString('latin1'), 'png text chunk');
    try {
      if (file.endsWith('.gz')) search(file, gunzipSync(content).toString('latin1'), 'gunzip');
      if (file.endsWith('.br')) search(file, brotliDecompressSync(content).toString('latin1'), 'brotli');
    } catch (error) {
      hits.push({ file, where: 'decompress', excerpt: `could not decompress: ${(error as Error).message}` });
    }
  }
  return { files: files.length, bytes, hits };
}
