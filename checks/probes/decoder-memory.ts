/**
 * Native memory a brotli or zstd decoder will hold for a body, from the body's first bytes, so the
 * run's byte budget can be charged before the decoder allocates it.
 *
 * Why before: a read that waits on the budget keeps its decoder, and a brotli bomb's first block
 * declares up to 16 MiB of output, so its decoder sizes its ring buffer to the whole window on the
 * first bytes. Charged by the output instead, 86 paused bombs held 176 MB of ring buffers that the
 * budget saw as 11 MB (heaptrack, 100 healthy + 300 hostile sites: the largest thing at the run's
 * peak). Gzip and deflate keep 32 KiB and are not counted.
 */

/** Enough of a brotli stream for its window and its first meta-block header (at most 4 bytes). */
export const DECODER_HEADER_BYTES = 8;

/** Huffman tables and the decoder's own state, beside its ring buffer (a few KB each, measured). */
const DECODER_STATE_BYTES = 64 * 1024;

/** The most a zstd decoder may hold: read-body.ts caps its window at 8 MiB, plus a block of 128 KiB. */
export const ZSTD_DECODER_BYTES = 8 * 1024 * 1024 + 128 * 1024 + DECODER_STATE_BYTES;

/** The most a brotli decoder may hold: its largest window (Node leaves the large-window extension off). */
export const BROTLI_DECODER_BYTES = 16 * 1024 * 1024 + DECODER_STATE_BYTES;

/**
 * Bytes the decoder for `encoding` will hold, from `head` (the body's first bytes, at least
 * `DECODER_HEADER_BYTES` unless the body is shorter); 0 for encodings whose decoders are small.
 *
 * zstd: its largest window, whatever the header says, since a later frame may ask for more than the
 * first (zstd bodies are rare on portals). Brotli (RFC 7932, section 9): the window from the stream
 * header; when the first meta-block is the last, the decoder's ring buffer only needs to cover that
 * block (the decoder halves the window while half still holds it: a 190 KB page takes 256 KiB),
 * otherwise later blocks may grow it to the whole window.
 */
export function decoderMemoryBytes(encoding: string | undefined, head: Uint8Array): number {
  if (encoding === 'zstd') return ZSTD_DECODER_BYTES;
  if (encoding !== 'br') return 0;
  const header = readBrotliHeader(head);
  if (!header) return BROTLI_DECODER_BYTES;
  const window = 2 ** header.windowBits;
  if (header.lastBlockLength === null) return window + DECODER_STATE_BYTES;
  let ring = window;
  const needed = Math.max(1024, header.lastBlockLength);
  while (ring / 2 >= needed) ring /= 2;
  return ring + DECODER_STATE_BYTES;
}

interface BrotliHeader {
  readonly windowBits: number;
  /** The first meta-block's length when it is the stream's last (0 for an empty stream), else null. */
  readonly lastBlockLength: number | null;
}

/** The stream header and first meta-block header, or null when they cannot be read from `head`. */
function readBrotliHeader(head: Uint8Array): BrotliHeader | null {
  const bits = bitReader(head);
  const windowBits = readWindowBits(bits);
  if (windowBits === null) return null;
  const isLast = bits(1);
  if (isLast === null) return null;
  if (isLast === 0) return { windowBits, lastBlockLength: null };
  const isLastEmpty = bits(1);
  if (isLastEmpty === null) return null;
  if (isLastEmpty === 1) return { windowBits, lastBlockLength: 0 };
  const nibbleCode = bits(2);
  // 3 is a metadata block, which cannot be last with content: leave it to the decoder, charged in full.
  if (nibbleCode === null || nibbleCode === 3) return null;
  const lengthMinusOne = bits(4 * (nibbleCode + 4));
  if (lengthMinusOne === null) return null;
  return { windowBits, lastBlockLength: lengthMinusOne + 1 };
}

/** WBITS, RFC 7932 section 9.1; null when the header is cut short or uses the large-window marker. */
function readWindowBits(bits: (count: number) => number | null): number | null {
  const first = bits(1);
  if (first === null) return null;
  if (first === 0) return 16;
  const n = bits(3);
  if (n === null) return null;
  if (n !== 0) return 17 + n;
  const m = bits(3);
  if (m === null || m === 1) return null;
  return m === 0 ? 17 : 8 + m;
}

/** Reads `count` bits (up to 24) least significant first, as brotli packs them; null past the end. */
function bitReader(bytes: Uint8Array): (count: number) => number | null {
  let position = 0;
  return (count) => {
    if (position + count > bytes.length * 8) return null;
    let value = 0;
    for (let i = 0; i < count; i++, position++) {
      const bit = (bytes[position >> 3]! >> (position & 7)) & 1;
      value += bit * 2 ** i;
    }
    return value;
  };
}
