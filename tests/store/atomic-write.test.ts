import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryFileSchema } from '../../checks/schemas/history.ts';
import { StatusFileSchema } from '../../checks/schemas/status.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// A child that writes results for 50 sites over and over, as a run does, until it is killed.
const WRITER = `
import { writeResults } from ${JSON.stringify(path.resolve('checks/store/write-results.ts'))};
const dir = process.argv[2];
let n = 0;
const statuses = (i) => Array.from({ length: 50 }, (_, k) => ({
  id: 'site-' + k, checkedAt: new Date(Date.UTC(2026, 0, 1) + i * 300000).toISOString(), state: (i + k) % 3 === 0 ? 'down' : 'up',
  reason: (i + k) % 3 === 0 ? 'timeout' : null, error: null, attempts: 1, firstReason: null, url: 'https://x.example.org/',
  http: (i + k) % 3 === 0 ? null : { status: 200, finalUrl: 'https://x.example.org/', redirects: [], timings: { dns: 1, connect: 1, tls: 1, ttfb: 1, total: 100 + k }, headers: {}, bytes: 1, charset: 'utf-8' },
  tls: null, dns: null, defacement: null }));
process.stdout.write('ready\\n');
for (;;) {
  await writeResults(dir, statuses(n++), 'Asia/Ho_Chi_Minh', 'x');
  process.stdout.write('pass\\n');
}
`;

describe('atomic writes', () => {
  it('leave every status and history file parseable when the writer is killed at random instants', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-kill-'));
    dirs.push(dir);
    const script = path.join(dir, 'writer.ts');
    await writeFile(script, WRITER);
    for (let trial = 0; trial < 12; trial++) {
      const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      // The first writer completes one whole pass before it is killed, so every site has its files
      // (a loaded machine can otherwise kill each writer before it reaches the last sites).
      const awaited = trial === 0 ? 'pass' : 'ready';
      await new Promise<void>((resolve) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes(awaited)) resolve();
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 120));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      for (const [sub, schema] of [
        ['status', StatusFileSchema],
        ['history', HistoryFileSchema],
      ] as const) {
        const files = (await readdir(path.join(dir, sub)).catch(() => [])).filter((f) => f.endsWith('.json'));
        for (const file of files) {
          const parsed = schema.safeParse(JSON.parse(await readFile(path.join(dir, sub, file), 'utf8')));
          expect(parsed.success, `${sub}/${file} after kill #${trial}`).toBe(true);
        }
      }
    }
    const statusFiles = (await readdir(path.join(dir, 'status'))).filter((f) => f.endsWith('.json'));
    expect(statusFiles).toHaveLength(50);
  }, 60_000);
});
