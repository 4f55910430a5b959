import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageCarried, writeCarried } from '../../checks/store/carried-files.ts';
import { pathExists } from '../../checks/store/path-exists.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'carried-test-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const at = (...parts: string[]) => path.join(dir, ...parts);

describe('stageCarried and writeCarried', () => {
  it('put the files the checks wrote back after the results dir was reset, from copies on disk', async () => {
    await mkdir(at('baselines'), { recursive: true });
    await writeFile(at('baselines', 'a.json'), '{"site":"a"}\n');
    await writeFile(at('baselines', 'b.webp'), 'RIFF....WEBP');
    const staged = await stageCarried([at('baselines', 'a.json'), at('baselines', 'b.webp')], () => false);
    expect([...staged.carried.keys()]).toEqual([at('baselines', 'a.json'), at('baselines', 'b.webp')]);
    expect([...staged.carried.values()].every((c) => c !== null && !Buffer.isBuffer(c))).toBe(true);

    // A retried push resets the results dir to the other writer's head: our files are gone or theirs.
    await rm(at('baselines'), { recursive: true });
    await mkdir(at('baselines'));
    await writeFile(at('baselines', 'a.json'), '{"site":"theirs"}\n');
    await writeCarried(staged.carried);
    expect(await readFile(at('baselines', 'a.json'), 'utf8')).toBe('{"site":"a"}\n');
    expect(await readFile(at('baselines', 'b.webp'), 'utf8')).toBe('RIFF....WEBP');

    const stage = path.dirname((staged.carried.get(at('baselines', 'a.json')) as { copyOf: string }).copyOf);
    await staged.dispose();
    expect(await pathExists(stage)).toBe(false);
  });

  it('an absent file is a deletion only when said so (a consumed accept request), else nothing', async () => {
    await mkdir(at('accept'));
    await writeFile(at('accept', 'kept.accept'), '');
    const staged = await stageCarried([at('accept', 'used.accept'), at('accept', 'never.accept')], (file) =>
      file.endsWith('used.accept'),
    );
    expect([...staged.carried]).toEqual([[at('accept', 'used.accept'), null]]);
    await writeFile(at('accept', 'used.accept'), '');
    await writeCarried(staged.carried);
    expect(await pathExists(at('accept', 'used.accept'))).toBe(false);
    expect(await pathExists(at('accept', 'kept.accept'))).toBe(true);
    await staged.dispose();
  });

  it('names a file that is there but cannot be read, and never takes it for a deletion', async () => {
    await mkdir(at('baselines', 'x.json'), { recursive: true }); // a directory where a file should be
    const staged = await stageCarried([at('baselines', 'x.json')], () => true);
    expect(staged.carried.size).toBe(0);
    expect(staged.unreadable).toHaveLength(1);
    expect(staged.unreadable[0]!.file).toBe(at('baselines', 'x.json'));
    expect(staged.unreadable[0]!.message).toMatch(/^could not be read \(E[A-Z]+\); not published with this run$/);
    await staged.dispose();
  });

  it('writes bytes given in memory (what the publish job imports from shard exports)', async () => {
    await writeCarried(new Map([[at('deep', 'er', 'c.json'), Buffer.from('{"c":1}')]]));
    expect(await readFile(at('deep', 'er', 'c.json'), 'utf8')).toBe('{"c":1}');
  });

  it('stages nothing and leaves no directory behind when there is nothing to carry', async () => {
    const staged = await stageCarried([], () => false);
    expect(staged.carried.size).toBe(0);
    await staged.dispose();
  });
});
