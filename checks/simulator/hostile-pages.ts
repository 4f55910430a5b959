import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress as brotliCallback, constants as zlibConstants, gzip as gzipCallback } from 'node:zlib';

/**
 * What a hostile bench portal serves, on every path (home page, variants, subpages, sitemap):
 * - `long-line`: a 4 MB page that is one line of text (under the default 5 MiB cap, so it is modelled);
 * - `deep-nesting`: 100,000 nested elements;
 * - `endless`: a chunked body that never ends;
 * - `gzip-bomb` / `brotli-bomb`: a few hundred KB on the wire that inflate to 64 MiB of zeros (12× the default cap);
 * - `binary`: 1 MB of random bytes labelled text/html;
 * - `nul`: 2 MB of NUL bytes labelled text/html.
 */
export const HOSTILE_KINDS = [
  'long-line',
  'deep-nesting',
  'endless',
  'gzip-bomb',
  'brotli-bomb',
  'binary',
  'nul',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

interface Prepared {
  readonly body: Buffer;
  readonly encoding: 'gzip' | 'br' | null;
}

export type HostileBodies = ReadonlyMap<Exclude<HostileKind, 'endless'>, Prepared>;

const gzipAsync = promisify(gzipCallback);
const brotliAsync = promisify(brotliCallback);
const BOMB_BYTES = 64 * 1024 * 1024;

/** The bodies, built once per process (the bombs take a second or two of compression). */
export async function prepareHostileBodies(seed: number): Promise<HostileBodies> {
  const longLine = Buffer.from(
    `<!doctype html><html><head><title>x</title></head><body><p>${'Lorem ipsum dolor sit amet '.repeat(150_000)}</p></body></html>`,
  );
  const deep = Buffer.from(
    `<!doctype html><html><head><title>x</title></head><body>${'<div>'.repeat(100_000)}sâu${'</div>'.repeat(100_000)}</body></html>`,
  );
  const zeros = Buffer.alloc(BOMB_BYTES);
  const [longGz, deepGz, gzipBomb, brotliBomb] = await Promise.all([
    gzipAsync(longLine, { level: 1 }),
    gzipAsync(deep, { level: 1 }),
    gzipAsync(zeros, { level: 9 }),
    brotliAsync(zeros, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
  ]);
  const binary = Buffer.alloc(1_000_000);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < binary.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    binary[i] = state >>> 24;
  }
  return new Map<Exclude<HostileKind, 'endless'>, Prepared>([
    ['long-line', { body: longGz, encoding: 'gzip' }],
    ['deep-nesting', { body: deepGz, encoding: 'gzip' }],
    ['gzip-bomb', { body: gzipBomb, encoding: 'gzip' }],
    ['brotli-bomb', { body: brotliBomb, encoding: 'br' }],
    ['binary', { body: binary, encoding: null }],
    ['nul', { body: Buffer.alloc(2_000_000), encoding: null }],
  ]);
}

const ENDLESS_CHUNK = Buffer.from(`<p>${'không bao giờ hết '.repeat(3_000)}</p>\n`);

/** Answers one request of a hostile portal; `endless` writes as fast as the client reads until it goes away. */
export function serveHostile(res: ServerResponse, kind: HostileKind, bodies: HostileBodies): void {
  const headers = { server: 'nginx', 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
  if (kind === 'endless') {
    res.writeHead(200, headers); // no length: chunked, forever
    const pump = () => {
      while (!res.destroyed && res.write(ENDLESS_CHUNK));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.once('close', () => res.off('drain', pump));
    pump();
    return;
  }
  const prepared = bodies.get(kind)!;
  res.writeHead(200, {
    ...headers,
    ...(prepared.encoding ? { 'content-encoding': prepared.encoding } : {}),
    'content-length': prepared.body.length,
  });
  res.end(prepared.body);
}
