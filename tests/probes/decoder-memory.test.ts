import { brotliCompressSync, constants, createBrotliCompress, gzipSync, zstdCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BROTLI_DECODER_BYTES,
  DECODER_HEADER_BYTES,
  decoderMemoryBytes,
  ZSTD_DECODER_BYTES,
} from '../../checks/probes/decoder-memory.ts';

const STATE = 64 * 1024;
const page = Buffer.from('<p>Cổng thông tin điện tử tỉnh Ví Dụ — tin tức số </p>\n'.repeat(5000)); // 370,000 bytes
const brotli = (input: Buffer, lgwin: number) =>
  brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_LGWIN]: lgwin } });
const head = (body: Buffer) => body.subarray(0, DECODER_HEADER_BYTES);

function streamedWithFlush(input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const encoder = createBrotliCompress();
    const out: Buffer[] = [];
    encoder.on('data', (chunk: Buffer) => out.push(chunk));
    encoder.on('end', () => resolve(Buffer.concat(out)));
    encoder.on('error', reject);
    encoder.write(input.subarray(0, 1000));
    encoder.flush(constants.BROTLI_OPERATION_FLUSH, () => encoder.end(input.subarray(1000)));
  });
}

describe('decoderMemoryBytes', () => {
  it('brotli in one last block: the ring buffer covers the block, halved from the window while half still holds it', () => {
    expect(page.length).toBe(370_000);
    expect(decoderMemoryBytes('br', head(brotli(page, 22)))).toBe(512 * 1024 + STATE);
    expect(decoderMemoryBytes('br', head(brotli(page, 24)))).toBe(512 * 1024 + STATE);
  });

  it('a tiny brotli page is stored as an uncompressed block, which is never the last: charged its whole window', () => {
    expect(decoderMemoryBytes('br', head(brotli(Buffer.from('<p>x</p>'), 22)))).toBe(4 * 1024 * 1024 + STATE);
  });

  it.each([10, 16, 17, 18])('brotli whose first block is not its last: the whole window (lgwin %i)', (lgwin) => {
    // A window smaller than the page splits it into blocks.
    expect(decoderMemoryBytes('br', head(brotli(page, lgwin)))).toBe(2 ** lgwin + STATE);
  });

  it('a brotli bomb declares its window at once: 4 MiB for lgwin 22, 16 MiB for 24', () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    expect(decoderMemoryBytes('br', head(brotli(zeros, 22)))).toBe(4 * 1024 * 1024 + STATE);
    expect(decoderMemoryBytes('br', head(brotli(zeros, 24)))).toBe(16 * 1024 * 1024 + STATE);
  });

  it('a streamed brotli body (flushed, several blocks) is charged its whole window', async () => {
    expect(decoderMemoryBytes('br', head(await streamedWithFlush(page)))).toBe(4 * 1024 * 1024 + STATE);
  });

  it('an empty brotli body holds nearly nothing', () => {
    expect(decoderMemoryBytes('br', brotliCompressSync(Buffer.alloc(0)))).toBe(1024 + STATE);
  });

  it('a brotli header cut short, or garbage with the large-window marker, is charged the most a decoder holds', () => {
    expect(decoderMemoryBytes('br', new Uint8Array([]))).toBe(BROTLI_DECODER_BYTES);
    expect(decoderMemoryBytes('br', new Uint8Array([0b0001_0001]))).toBe(BROTLI_DECODER_BYTES); // 1, n=0, m=1
  });

  it('zstd: its largest window, whatever the first frame says; gzip, deflate and identity: nothing', () => {
    expect(decoderMemoryBytes('zstd', head(zstdCompressSync(page)))).toBe(ZSTD_DECODER_BYTES);
    expect(decoderMemoryBytes('gzip', head(gzipSync(page)))).toBe(0);
    expect(decoderMemoryBytes('deflate', new Uint8Array([0x78, 0x9c]))).toBe(0);
    expect(decoderMemoryBytes(undefined, page)).toBe(0);
  });
});
