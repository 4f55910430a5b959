import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { DECODER_HEADER_BYTES, decoderMemoryBytes } from './decoder-memory.ts';
import { ProbeError } from './probe-error.ts';

/**
 * Reads a response body up to `maxBytes`, decompressing gzip, deflate, brotli and zstd itself so the
 * cap applies to the decompressed size too: a 1 MB gzip bomb that inflates to 1 GB stops at the cap.
 * The wire size is capped as well. Exceeding either throws `too-large`. `charge` is told each
 * decompressed chunk's size before it is kept, and may make the read wait (the run's byte budget).
 *
 * A brotli or zstd decoder also holds native memory outside the JS heap (its window: up to 16 and
 * 8 MiB), which stays allocated while a read waits on the budget. It is charged from the body's
 * first bytes before the decoder sees them (decoder-memory.ts), so a read waiting for it holds no
 * decoder yet, and given back when the read ends.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
  charge: (bytes: number) => Promise<void> = async () => {},
  refund: (bytes: number) => void = () => {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const encoding = contentEncoding?.trim().toLowerCase();
  /** What was charged for the decoder's memory. */
  let decoderCharged = 0;
  const chargeDecoder = async (head: Uint8Array) => {
    const bytes = decoderMemoryBytes(encoding, head);
    if (bytes === 0) return;
    await charge(bytes);
    decoderCharged = bytes;
  };
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge('decompressed', maxBytes);
      // The run's byte budget (run/byte-budget.ts): waiting here stops reading, so the socket and the
      // decompressor pause too. The concatenated copy below is charged as it is made.
      await charge(chunk.length);
      chunks.push(chunk);
    }
  };
  const decoder = decoderFor(encoding);
  try {
    if (decoder) await pipeline(body, wireLimit(maxBytes, chargeDecoder), decoder, collect, { signal });
    else await pipeline(body, collect, { signal });
  } catch (error) {
    // The bytes read so far are dropped with the failure: the budget has them back now, not when the site's check ends.
    refund(chunks.reduce((n, chunk) => n + chunk.length, decoderCharged));
    chunks.length = 0;
    throw error;
  }
  refund(decoderCharged); // the decoder is done
  if (chunks.length === 1) return chunks[0]!;
  const whole = Buffer.concat(chunks, size);
  chunks.length = 0;
  return whole;
}

/**
 * Output chunk of the decompressors. zlib's default of 16 KB takes a thread-pool round trip and a
 * stream hop per 16 KB, about 11 for a 165 KB portal page; at 64 KB it is 3. Measured on the bench
 * portals' gzipped pages: 0.73 → 0.42 ms of CPU a page (all threads), the same bytes out.
 */
const DECOMPRESS_CHUNK_BYTES = 64 * 1024;

/** zstd's window is capped at 8 MiB (RFC 8878 asks HTTP decoders to accept no more), where Node's default would let a server make it 128 MiB. */
const ZSTD_WINDOW_LOG_MAX = 23;

function decoderFor(encoding: string | undefined): Transform | null {
  const options = { chunkSize: DECOMPRESS_CHUNK_BYTES };
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(options);
    case 'deflate':
      return zlib.createInflate(options);
    case 'br':
      return zlib.createBrotliDecompress(options);
    case 'zstd':
      return zlib.createZstdDecompress({
        ...options,
        params: { [zlib.constants.ZSTD_d_windowLogMax]: ZSTD_WINDOW_LOG_MAX },
      });
    default:
      return null; // identity, or an encoding we cannot undo: keep the bytes as they came.
  }
}

/**
 * Caps the compressed size, and holds the body's first bytes back until `beforeDecoding` (told
 * them) has finished, so the decoder allocates nothing while the read waits on the budget.
 */
function wireLimit(maxBytes: number, beforeDecoding: (head: Uint8Array) => Promise<void>): Transform {
  let size = 0;
  let held: Buffer[] | null = [];
  let heldBytes = 0;
  const release = (done: (error?: Error | null, data?: Buffer) => void) => {
    const head = Buffer.concat(held!, heldBytes);
    held = null;
    beforeDecoding(head).then(() => done(null, head), done);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge('compressed', maxBytes));
      if (!held) return done(null, chunk);
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < DECODER_HEADER_BYTES) return done();
      release(done);
    },
    flush(done) {
      if (held && heldBytes > 0) release(done);
      else done();
    },
  });
}

function tooLarge(which: string, maxBytes: number): ProbeError {
  return new ProbeError('too-large', 'BODY_TOO_LARGE', `the ${which} body exceeded the ${maxBytes}-byte cap`);
}
