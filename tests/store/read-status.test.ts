import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Signal } from '../../checks/schemas/defacement.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { toJson } from '../../checks/store/atomic-write.ts';
import { moveAside } from '../../checks/store/move-aside.ts';
import { readLastStatus } from '../../checks/store/read-status.ts';

const STAMP = '2026-11-25T01:05:00.000Z';
const dirs: string[] = [];
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-read-status-'));
  dirs.push(dir);
  file = path.join(dir, 'status', 'so-a.json');
  await mkdir(path.dirname(file), { recursive: true });
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const doorway: Signal = {
  kind: 'subpage-spam',
  weight: 70,
  detail: 'Internal page https://so-a.example.org/tin/khuyen-mai.html: gambling terms.',
  evidence: ['nhà cái uy tín'],
  url: 'https://so-a.example.org/tin/khuyen-mai.html',
};
const baselineLost = {
  at: '2026-11-20T00:00:00.000Z',
  file: 'baselines/so-a.json.corrupt-2026-11-20T000000000Z',
};
const status: StatusFile = {
  id: 'so-a',
  checkedAt: '2026-11-25T01:00:00.000Z',
  state: 'up',
  reason: null,
  error: null,
  attempts: 1,
  firstReason: null,
  url: 'https://so-a.example.org/',
  http: null,
  tls: null,
  dns: null,
  defacement: {
    verdict: 'defaced',
    score: 70,
    signals: [{ kind: 'title-change', weight: 20, detail: 'The title changed.', evidence: [] }, doorway],
    baseline: { capturedAt: '2026-11-20T00:00:00.000Z' },
    baselineLost,
  },
};
const aside = () => `${file}.corrupt-2026-11-25T010500000Z`;

describe('readLastStatus', () => {
  it('reads a valid status, and takes a missing one as absent', async () => {
    expect(await readLastStatus(dir, 'so-a', STAMP)).toEqual({ status: null, defacement: null, notice: null });
    await writeFile(file, toJson(status));
    expect(await readLastStatus(dir, 'so-a', STAMP)).toEqual({
      status,
      defacement: status.defacement,
      notice: null,
    });
  });

  it('moves a status that does not validate aside, names both files, and keeps its flagged internal pages and lost baseline', async () => {
    // A field this version does not know (a newer writer, a hand edit): the strict schema refuses the file.
    const text = toJson({ ...status, state: 'sideways' });
    await writeFile(file, text);
    const last = await readLastStatus(dir, 'so-a', STAMP);
    expect(last).toEqual({
      status: null,
      defacement: { verdict: 'unknown', score: 0, signals: [doorway], baseline: null, baselineLost },
      notice: {
        file,
        message: `status did not parse (state: Invalid option: expected one of "up"|"degraded"|"down"); moved to ${aside()}, kept from it: 1 flagged internal page and the lost baseline of 2026-11-20T00:00:00.000Z`,
      },
    });
    expect(await readFile(aside(), 'utf8')).toBe(text);
    expect(await readdir(path.dirname(file))).toEqual([path.basename(aside())]);
  });

  it('moves a truncated status aside with a notice, when nothing in it can be read', async () => {
    await writeFile(file, '{"id":"so-a","defacement":{"signals":[');
    expect(await readLastStatus(dir, 'so-a', STAMP)).toEqual({
      status: null,
      defacement: null,
      notice: {
        file,
        message: `status did not parse (Unexpected end of JSON input); moved to ${aside()}, nothing in it could be kept`,
      },
    });
    expect(await readFile(aside(), 'utf8')).toBe('{"id":"so-a","defacement":{"signals":[');
  });

  it("moves aside a status naming another site, and keeps nothing of it: its pages are not this site's", async () => {
    await writeFile(file, toJson({ ...status, id: 'so-b' }));
    expect(await readLastStatus(dir, 'so-a', STAMP)).toEqual({
      status: null,
      defacement: null,
      notice: {
        file,
        message: `status did not parse (its id is "so-b", not "so-a"); moved to ${aside()}, nothing in it could be kept`,
      },
    });
  });

  it('throws for a status that is there but cannot be read: that is not absence', async () => {
    await mkdir(file);
    await expect(readLastStatus(dir, 'so-a', STAMP)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('moveAside', () => {
  it('never overwrites an earlier damaged copy moved with the same stamp', async () => {
    await writeFile(file, 'first');
    expect(await moveAside(file, STAMP)).toBe(aside());
    await writeFile(file, 'second');
    expect(await moveAside(file, STAMP)).toBe(`${aside()}-2`);
    expect(await readFile(aside(), 'utf8')).toBe('first');
    expect(await readFile(`${aside()}-2`, 'utf8')).toBe('second');
  });
});
