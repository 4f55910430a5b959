import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZSTD_DECODER_BYTES } from '../../checks/probes/decoder-memory.ts';
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

function fetchBody(
  encoding: string,
  maxBytes: number,
  charge?: (bytes: number) => Promise<void>,
  refund?: (bytes: number) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(`${base}/${encoding}`, (res) =>
      readBody(res, res.headers['content-encoding'], maxBytes, new AbortController().signal, charge, refund).then(
        resolve,
        reject,
      ),
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

  it.each([
    ['br', 512 * 1024 + 64 * 1024],
    ['zstd', ZSTD_DECODER_BYTES],
    ['gzip', 0],
    ['identity', 0],
  ])(
    "%s: the decoder's memory (%i bytes) is charged first, before any output, and given back when the read ends",
    async (encoding, decoderBytes) => {
      const charges: number[] = [];
      let charged = 0;
      let most = 0;
      let refunded = 0;
      const body = await fetchBody(
        encoding,
        10_000_000,
        async (bytes) => {
          charges.push(bytes);
          charged += bytes;
          most = Math.max(most, charged - refunded);
        },
        (bytes) => {
          refunded += bytes;
        },
      );
      expect(body.length).toBe(page.length);
      if (decoderBytes > 0) expect(charges[0]).toBe(decoderBytes);
      expect(most).toBe(page.length + decoderBytes);
      expect(charged - refunded).toBe(page.length); // what stays charged is the page the caller keeps
    },
  );

  it('a read waiting for its decoder charge has fed its decoder nothing: a paused brotli bomb holds no ring buffer', async () => {
    // The bomb's first block declares 64 MiB of zeros: its decoder's ring buffer is the 4 MiB window.
    encoded['br-bomb'] = brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), {
      params: { [constants.BROTLI_PARAM_LGWIN]: 22 },
    });
    let release!: () => void;
    const charges: number[] = [];
    const read = new Promise<Buffer>((resolve, reject) => {
      get(`${base}/br-bomb`, (res) =>
        readBody(res, 'br', 5 * 1024 * 1024, new AbortController().signal, (bytes) => {
          charges.push(bytes);
          return charges.length === 1 ? new Promise<void>((resume) => (release = resume)) : Promise.resolve();
        }).then(resolve, reject),
      ).on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(charges).toEqual([4 * 1024 * 1024 + 64 * 1024]); // waiting on the window; no output yet
    release();
    await expect(read).rejects.toMatchObject({ reason: 'too-large' });
    expect(charges.length).toBeGreaterThan(1);
  });

  it("gives back the decoder's charge and the bytes read when a brotli body fails at the cap", async () => {
    let charged = 0;
    let refunded = 0;
    await expect(
      fetchBody(
        'br',
        page.length - 1,
        async (bytes) => {
          charged += bytes;
        },
        (bytes) => {
          refunded += bytes;
        },
      ),
    ).rejects.toMatchObject({ reason: 'too-large' });
    expect(charged).toBeGreaterThan(0);
    expect(refunded).toBe(charged);
  });

  it('refuses a zstd frame whose window is over 8 MiB (a server could make the decoder hold 128 MiB)', async () => {
    // 12 MB that do not repeat within 8 MiB: the frame needs its 16 MiB window.
    const noise = Buffer.alloc(12 * 1024 * 1024);
    let state = 7;
    for (let i = 0; i < noise.length; i++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      noise[i] = state >>> 24;
    }
    const wide = zstdCompressSync(noise, {
      params: { [constants.ZSTD_c_windowLog]: 24, [constants.ZSTD_c_contentSizeFlag]: 0 },
    });
    encoded['zstd-wide'] = wide;
    await expect(
      new Promise((resolve, reject) => {
        get(`${base}/zstd-wide`, (res) =>
          readBody(res, 'zstd', 64 * 1024 * 1024, new AbortController().signal).then(resolve, reject),
        ).on('error', reject);
      }),
    ).rejects.toThrow(/window|memory/i);
  });
});
