import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A gzip body of about 1 MB that inflates to 1 GiB of zeros. Compressing 1 GiB takes seconds, so
 * the body is assembled instead: one MiB of zeros compressed with a full flush (which resets the
 * compressor's history, making every such block byte-identical), repeated 1024 times, then an empty
 * final block and the gzip trailer. It is a valid single-member gzip stream, CRC and length included.
 */
export interface GzipBomb {
  /** Parts to write in order; `block` repeats `repeat` times between `header` and `trailer`. */
  readonly header: Buffer;
  readonly block: Buffer;
  readonly repeat: number;
  readonly trailer: Buffer;
  readonly compressedBytes: number;
  readonly inflatedBytes: number;
}

const MIB = 1024 * 1024;
let cached: GzipBomb | undefined;

export function gzipBomb(): GzipBomb {
  if (cached) return cached;
  const repeat = 1024;
  const zeros = Buffer.alloc(MIB);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const finalBlock = deflateRawSync(Buffer.alloc(0)); // BFINAL=1, empty fixed-Huffman block
  // RFC 1952 header: magic, CM=deflate, no flags, mtime 0, XFL=2 (max compression), OS=3 (Unix).
  const header = Buffer.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3);
  let crc = 0;
  for (let i = 0; i < repeat; i++) crc = crc32(zeros, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((repeat * MIB) % 2 ** 32, 4);
  const tail = Buffer.concat([finalBlock, trailer]);
  cached = {
    header,
    block,
    repeat,
    trailer: tail,
    compressedBytes: header.length + block.length * repeat + tail.length,
    inflatedBytes: repeat * MIB,
  };
  return cached;
}
