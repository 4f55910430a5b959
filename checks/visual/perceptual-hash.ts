import sharp from 'sharp';

/**
 * dHash: the image shrunk to 9×8 grey pixels, one bit per horizontal neighbour pair (is the left one
 * brighter?), as 16 hex digits. Blind to scale, compression and small edits; a page replaced by
 * another layout flips a large share of its 64 bits. Kept beside a baseline, it costs 16 bytes.
 * Shrunk with a linear kernel: lanczos rings near edges, and on the flat areas web pages are made of
 * that ringing sets random bits (a WebP copy of a portal screenshot moved 5 bits with lanczos, 3 here).
 */
export async function differenceHash(image: Buffer): Promise<string> {
  const pixels = await sharp(image)
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(9, 8, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  let hash = 0n;
  for (let row = 0; row < 8; row += 1) {
    for (let column = 0; column < 8; column += 1) {
      const left = pixels[row * 9 + column]!;
      const right = pixels[row * 9 + column + 1]!;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  }
  return hash.toString(16).padStart(16, '0');
}

/** How many of the 64 bits differ between two `differenceHash` values (0 = same picture, 64 = opposite). */
export function hammingDistance(a: string, b: string): number {
  let bits = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (bits > 0n) {
    count += Number(bits & 1n);
    bits >>= 1n;
  }
  return count;
}
