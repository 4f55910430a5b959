import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanOutput } from '../support/scan-output.ts';

/** The leak test is only as good as its search: each hiding place a marker could take is found. */
function pngWithChunk(type: string, data: Buffer): Buffer {
  const chunk = (t: string, d: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(d.length);
    return Buffer.concat([length, Buffer.from(t, 'latin1'), d, Buffer.alloc(4)]); // CRC unchecked by the scanner
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.alloc(13)),
    chunk(type, data),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CASES: [file: string, content: Buffer, where: string][] = [
  ['plain.html', Buffer.from('<p>LEAKMARK-CONTACT-1</p>'), 'bytes'],
  ['lower.json', Buffer.from('{"h":"leakmark-responder-3"}'), 'bytes'],
  ['utf8.xml', Buffer.from('<t>Trần LEAKMARK-ERROR-2 Đà</t>'), 'bytes'],
  ['b64-0.txt', Buffer.from(Buffer.from('LEAKMARK-X').toString('base64')), 'bytes, base64'],
  ['b64-1.txt', Buffer.from(Buffer.from('aLEAKMARK-X').toString('base64')), 'bytes, base64'],
  ['b64-2.txt', Buffer.from(Buffer.from('abLEAKMARK-X').toString('base64')), 'bytes, base64'],
  [
    'z.png',
    pngWithChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync('LEAKMARK-SIGNAL-4')])),
    'png text chunk',
  ],
  [
    'i.png',
    pngWithChunk('iTXt', Buffer.concat([Buffer.from('Comment\0\x01\0en\0\0'), deflateSync('LEAKMARK-SIGNAL-5')])),
    'png text chunk',
  ],
  ['page.html.gz', gzipSync('LEAKMARK-EVIDENCE-6'), 'gunzip'],
  ['leakmark-name.txt', Buffer.from('clean'), 'file name'],
  ['phone.html', Buffer.from('<a href="tel:+84970000001">'), 'bytes, literal'],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-scan-'));
  await mkdir(path.join(dir, 'clean', 'deep'), { recursive: true });
  await writeFile(path.join(dir, 'clean', 'deep', 'ok.html'), 'nothing to see, LEAK MARK, leak-mark');
  for (const [file, content] of CASES) await writeFile(path.join(dir, file), content);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scanOutput', () => {
  it('finds a marker in every hiding place and nothing in clean files', async () => {
    const scan = await scanOutput(dir, { pattern: /leakmark/i, literals: ['+84970000001'], base64Word: 'LEAKMARK' });
    expect(scan.files).toBe(CASES.length + 1);
    for (const [file, , where] of CASES)
      expect(
        scan.hits.filter((h) => h.file === file).map((h) => h.where),
        file,
      ).toContain(where);
    expect(scan.hits.filter((h) => h.file.startsWith('clean/'))).toEqual([]);
  });
});
