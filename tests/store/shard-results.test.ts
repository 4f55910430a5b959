import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunFile } from '../../checks/schemas/run.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { inShard } from '../../checks/run/shard.ts';
import { exportShard, importShards } from '../../checks/store/shard-results.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'canhgac-shards-'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

const ids = Array.from({ length: 12 }, (_, i) => `so-${i}`);
const mine = (k: number) => ids.filter((id) => inShard(id, { index: k, count: 2 }));
const status = (id: string): StatusFile => ({
  id,
  checkedAt: '2026-12-06T01:00:00.000Z',
  state: 'down',
  reason: 'connect-refused',
  error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
  attempts: 2,
  firstReason: 'connect-refused',
  url: `https://${id}.example.org/`,
  http: null,
  tls: null,
  dns: null,
  defacement: null,
});
const run = (k: number): RunFile => ({
  startedAt: '2026-12-06T01:00:00.000Z',
  finishedAt: '2026-12-06T01:00:05.000Z',
  durationMs: 5000,
  shard: { index: k, count: 2 },
  sites: mine(k).length,
  up: 0,
  degraded: 0,
  down: mine(k).length,
  registryErrors: 0,
  registryWarnings: 0,
});

async function exportOf(k: number): Promise<string> {
  const results = path.join(root, `results-${k}`);
  const dir = path.join(root, 'shards', `shard-${k}-of-2`);
  const [first] = mine(k);
  await mkdir(path.join(results, 'baselines'), { recursive: true });
  // A WebP header is all the importer checks of an image.
  await writeFile(
    path.join(results, 'baselines', `${first}.webp`),
    Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(16)]),
  );
  await exportShard(dir, results, {
    shard: { index: k, count: 2 },
    run: run(k),
    statuses: mine(k).map(status),
    files: [
      { file: path.join(results, 'baselines', `${first}.webp`), removed: false },
      { file: path.join(results, 'baselines', `${first}.accept`), removed: true },
    ],
  });
  return dir;
}

describe('shard export and import', () => {
  it('round-trips every shard’s statuses, images, deletions and run file; a shard that did not report is simply absent', async () => {
    await exportOf(1);
    await exportOf(2);
    const results = path.join(root, 'results');
    const imported = await importShards(path.join(root, 'shards'), results, new Set(ids), 2);
    expect(imported.problems).toEqual([]);
    expect(imported.present).toEqual(['1/2', '2/2']);
    expect(imported.statuses.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(imported.runs.map((r) => r.shard.index)).toEqual([1, 2]);
    expect(imported.carried.get(path.join(results, 'baselines', `${mine(1)[0]}.accept`))).toBeNull();
    expect(
      imported.carried
        .get(path.join(results, 'baselines', `${mine(2)[0]}.webp`))
        ?.subarray(8, 12)
        .toString(),
    ).toBe('WEBP');

    await rm(path.join(root, 'shards', 'shard-2-of-2', 'manifest.json'));
    const partial = await importShards(path.join(root, 'shards'), results, new Set(ids), 2);
    expect(partial.present).toEqual(['1/2']);
    expect(partial.problems).toEqual([
      'shard-2-of-2: no manifest.json (the shard did not finish); its sites keep their previous results',
    ]);
  });

  it('refuses what a compromised check job could send: other shards’ sites, unknown paths, bad JSON, non-images, links', async () => {
    const dir = await exportOf(1);
    const other = mine(2)[0]!;
    const [first, second] = mine(1) as [string, string];
    await writeFile(path.join(dir, 'status', `${other}.json`), JSON.stringify(status(other)));
    await mkdir(path.join(dir, 'sites'), { recursive: true });
    await writeFile(path.join(dir, 'sites', 'evil.yml'), 'url: http://169.254.169.254/\n');
    await writeFile(path.join(dir, 'status', `${second}.json`), '{"id":');
    await writeFile(path.join(dir, 'baselines', `${first}.json`), JSON.stringify({ hello: 'world' }));
    await mkdir(path.join(dir, 'evidence', first), { recursive: true });
    await writeFile(
      path.join(dir, 'evidence', first, 'screenshot-2026-12-06T01-00-00Z.webp'),
      '<script>alert(1)</script>',
    );
    await symlink('/etc/passwd', path.join(dir, 'baselines', `${second}.webp`));
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.files.push(
      `status/${other}.json`,
      'sites/evil.yml',
      '../config.yml',
      `baselines/${first}.json`,
      `evidence/${first}/screenshot-2026-12-06T01-00-00Z.webp`,
      `baselines/${second}.webp`,
    );
    manifest.deleted.push(`status/${first}.json`);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));

    const imported = await importShards(path.join(root, 'shards'), path.join(root, 'results'), new Set(ids), 2);
    expect(imported.problems).toEqual([
      `shard-1-of-2/status/${second}.json: not JSON (Unexpected end of JSON input); refused`,
      `shard-1-of-2/status/${other}.json: site "${other}" is not registered in this shard; refused`,
      'shard-1-of-2/sites/evil.yml: not a file a check writes; refused',
      'shard-1-of-2/../config.yml: not a file a check writes; refused',
      `shard-1-of-2/baselines/${first}.json: version: Invalid input: expected 1; capturedAt: Invalid input: expected string, received undefined; updatedAt: Invalid input: expected string, received undefined (and 19 more); refused`,
      `shard-1-of-2/evidence/${first}/screenshot-2026-12-06T01-00-00Z.webp: not a WebP image; refused`,
      `shard-1-of-2/baselines/${second}.webp: not a regular file; refused`,
      `shard-1-of-2: may not delete status/${first}.json`,
    ]);
    expect(imported.statuses.map((s) => s.id).sort()).toEqual(
      mine(1)
        .filter((id) => id !== second)
        .sort(),
    );
  });

  it('ignores a shard of another tick’s plan and a shard reported twice', async () => {
    await exportOf(1);
    const imported = await importShards(path.join(root, 'shards'), path.join(root, 'results'), new Set(ids), 3);
    expect(imported.problems).toEqual(["shard-1-of-2: shard 1/2 is not one of this tick's 3 shards; ignored"]);
    expect(imported.statuses).toEqual([]);
  });
});
