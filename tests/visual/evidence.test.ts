import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { EVIDENCE_WEBP, evidencePath, writeEvidence } from '../../checks/visual/evidence.ts';
import { PORTAL_SHAPES, svgPng } from './fixtures/images.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('evidence', () => {
  it('names files by site, kind and UTC second, without colons', () => {
    expect(evidencePath('ubnd-hoa-binh', 'diff', new Date('2026-05-12T03:04:05.678Z'))).toBe(
      'evidence/ubnd-hoa-binh/diff-2026-05-12T03-04-05Z.webp',
    );
  });

  it('refuses a site id that could leave the evidence folder', () => {
    expect(() => evidencePath('../etc', 'screenshot', new Date())).toThrow('not a site id: "../etc"');
    expect(() => evidencePath('Bo_Cong_An', 'screenshot', new Date())).toThrow('not a site id');
  });

  it('writes a small 640 px WebP atomically and returns its path relative to the data dir', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-evidence-'));
    dirs.push(dataDir);
    // Busy on purpose (many edges, as text is): a worst case for size.
    const busy = await svgPng(
      `${PORTAL_SHAPES}${Array.from({ length: 60 }, (_, i) => `<rect x="${(i * 71) % 1200}" y="${(i * 37) % 760}" width="${20 + (i % 9) * 7}" height="6" fill="#${(i * 123457).toString(16).slice(-6).padStart(6, '0')}"/>`).join('')}`,
    );
    const relative = await writeEvidence(
      dataDir,
      'ubnd-hoa-binh',
      'screenshot',
      busy,
      new Date('2026-05-12T03:04:05Z'),
    );
    expect(relative).toBe('evidence/ubnd-hoa-binh/screenshot-2026-05-12T03-04-05Z.webp');
    const file = path.join(dataDir, relative);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect((await stat(file)).size).toBeLessThanOrEqual(40 * 1024);
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([EVIDENCE_WEBP.width, 400]);
    expect(await readdir(path.dirname(file))).toEqual(['screenshot-2026-05-12T03-04-05Z.webp']); // no temp file left behind
  });
});
