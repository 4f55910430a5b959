import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../checks/probes/read-body.ts';

// A portal-sized page (about 300 KB, several decompressor output chunks), served compressed by a real server.
const page = Buffer.from(
  `<!doctype html><html lang="vi"><body>${'<p>Cổng thông tin điện tử tỉnh Ví Dụ — tin tức số </p>\n'.repeat(5000)}</body></html>`,
);
const encoded: Record<string, Buffer> = {
  gzip: gzipSync(page),
  deflate: deflateSync(page),
  br: brotliCompressSync(page),
  zstd: zstdCompressSync(page),
  identity: page,
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const encoding = req.url!.slice(1);
    res.writeHead(200, encoding === 'identity' ? {} : { 'content-encoding': encoding });
    res.end(encoded[encoding]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function fetchBody(encoding: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(`${base}/${encoding}`, (res) =>
      readBody(res, res.headers['content-encoding'], maxBytes, new AbortController().signal).then(resolve, reject),
    ).on('error', reject);
  });
}

describe('readBody', () => {
  it.each(Object.keys(encoded))('%s: a body of several output chunks comes out byte for byte', async (encoding) => {
    const body = await fetchBody(encoding, 10_000_000);
    expect(body.length).toBe(page.length);
    expect(body.equals(page)).toBe(true);
  });

  it.each(['gzip', 'br', 'zstd'])('%s: the cap applies to the decompressed size', async (encoding) => {
    await expect(fetchBody(encoding, page.length - 1)).rejects.toMatchObject({
      reason: 'too-large',
      code: 'BODY_TOO_LARGE',
      message: `the decompressed body exceeded the ${page.length - 1}-byte cap`,
    });
  });
});
