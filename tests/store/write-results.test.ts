import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryFileSchema } from '../../checks/schemas/history.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { toJson } from '../../checks/store/atomic-write.ts';
import { writeResults } from '../../checks/store/write-results.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function status(id: string, total: number): StatusFile {
  return {
    id,
    checkedAt: '2026-01-01T03:00:00.000Z',
    state: 'up',
    reason: null,
    error: null,
    attempts: 1,
    firstReason: null,
    url: `https://${id}.example.org/`,
    http: {
      status: 200,
      finalUrl: `https://${id}.example.org/`,
      redirects: [],
      timings: { dns: 1, connect: 1, tls: 1, ttfb: 1, total },
      headers: {},
      bytes: 1,
      charset: 'utf-8',
    },
    tls: null,
    dns: null,
    defacement: null,
  } as StatusFile;
}

describe('writeResults', () => {
  it('writes every status as given and a history for each, leaving no temporary files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-write-'));
    dirs.push(dir);
    const statuses = ['a', 'b', 'c'].map((id, i) => status(id, 100 + i));
    expect(await writeResults(dir, statuses, 'Asia/Ho_Chi_Minh', '2026-01-01T03:00:00.000Z')).toEqual([]);
    for (const s of statuses) {
      expect(await readFile(path.join(dir, 'status', `${s.id}.json`), 'utf8')).toBe(toJson(s));
      const history = HistoryFileSchema.parse(
        JSON.parse(await readFile(path.join(dir, 'history', `${s.id}.json`), 'utf8')),
      );
      expect(history).toMatchObject({ id: s.id, state: 'up', today: { checks: 1, up: 1 } });
    }
    expect((await readdir(path.join(dir, 'status'))).sort()).toEqual(['a.json', 'b.json', 'c.json']);
    expect((await readdir(path.join(dir, 'history'))).sort()).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('moves a history that does not parse aside, says where, and starts it afresh', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-write-'));
    dirs.push(dir);
    const file = path.join(dir, 'history', 'a.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ not json');
    const notices = await writeResults(dir, [status('a', 100)], 'Asia/Ho_Chi_Minh', '2026-01-01T03:00:00.000Z');
    const aside = `${file}.corrupt-2026-01-01T030000000Z`;
    expect(notices).toHaveLength(1);
    expect(notices[0]!.file).toBe(file);
    expect(notices[0]!.message.startsWith('history did not parse (')).toBe(true);
    expect(notices[0]!.message.endsWith(`); moved to ${aside} and started afresh`)).toBe(true);
    expect(await readFile(aside, 'utf8')).toBe('{ not json');
    expect(HistoryFileSchema.parse(JSON.parse(await readFile(file, 'utf8')))).toMatchObject({
      id: 'a',
      today: { checks: 1 },
    });
  });
});
