import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { ProbeError } from './probe-error.ts';

/**
 * Reads a response body up to `maxBytes`, decompressing gzip, deflate, brotli and zstd itself so the
 * cap applies to the decompressed size too: a 1 MB gzip bomb that inflates to 1 GB stops at the cap.
 * The wire size is capped as well. Exceeding either throws `too-large`. `charge` is told each
 * decompressed chunk's size before it is kept, and may make the read wait (the run's byte budget).
 *
 * A brotli or zstd decoder also holds its window (the last output, up to 16 and 8 MiB), native
 * memory outside the JS heap that stays allocated while a read waits on the budget: with 128
 * hostile sites at once, paused brotli bombs (4 MiB windows) took a run to 890 MB. So each output
 * chunk of theirs is charged twice until the window is covered (a small page's decoder sizes its
 * window to the page: 0.19 MB for a 190 KB page, measured), and the window part is given back when
 * the read ends.
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
  const window = WINDOW_BYTES[encoding ?? ''] ?? 0;
  /** What was charged for the decoder's window so far. */
  let windowCharged = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge('decompressed', maxBytes);
      const forWindow = Math.min(chunk.length, window - windowCharged);
      windowCharged += forWindow;
      // The run's byte budget (run/byte-budget.ts): waiting here stops reading, so the socket and the
      // decompressor pause too. The concatenated copy below is charged as it is made.
      await charge(chunk.length + forWindow);
      chunks.push(chunk);
    }
  };
  const decoder = decoderFor(encoding);
  try {
    if (decoder) await pipeline(body, wireLimit(maxBytes), decoder, collect, { signal });
    else await pipeline(body, collect, { signal });
  } catch (error) {
    // The bytes read so far are dropped with the failure: the budget has them back now, not when the site's check ends.
    refund(chunks.reduce((n, chunk) => n + chunk.length, windowCharged));
    chunks.length = 0;
    throw error;
  }
  refund(windowCharged); // the decoder is done
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

/**
 * The most a decoder's window holds. Brotli's is at most 16 MiB without the large-window extension
 * (which Node leaves off); zstd's is capped at 8 MiB below (RFC 8878 asks HTTP decoders to accept
 * no more), where Node's default would let a server make it 128 MiB. Gzip and deflate: 32 KiB.
 */
const WINDOW_BYTES: Readonly<Record<string, number>> = { br: 16 * 1024 * 1024, zstd: 8 * 1024 * 1024 };
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

function wireLimit(maxBytes: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge('compressed', maxBytes));
      else done(null, chunk);
    },
  });
}

function tooLarge(which: string, maxBytes: number): ProbeError {
  return new ProbeError('too-large', 'BODY_TOO_LARGE', `the ${which} body exceeded the ${maxBytes}-byte cap`);
}
