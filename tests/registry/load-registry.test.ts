import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatProblem } from '../../checks/registry/format-problems.ts';
import { loadRegistry, type RegistryResult } from '../../checks/registry/load-registry.ts';
import { makeDataDir, MINIMAL_SITE, removeDataDir, siteWith } from './fixtures/temp-data-dir.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDataDir));
});

async function load(files: Record<string, string>, allowPrivate = false): Promise<{ lines: string[]; result: RegistryResult }> {
  const dir = await makeDataDir(files);
  dirs.push(dir);
  const result = await loadRegistry(dir, { allowPrivate });
  // Paths inside the temp dir, so the expected lines read like the ones `npm run validate` prints.
  const lines = result.problems.map((p) => formatProblem({ ...p, file: path.relative(dir, p.file) }));
  return { lines, result };
}

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly allowPrivate?: boolean;
  readonly expected: readonly string[];
  /** Ids of the sites that made it into the registry. */
  readonly sites: readonly string[];
}

const cases: readonly Case[] = [
  {
    name: 'bad YAML syntax',
    files: { 'sites/a.yml': 'name: "Cổng thông tin\nagency: Bộ Ví dụ\n' },
    expected: [],
    sites: [],
  },
];

describe('loadRegistry: one problem per case', () => {
  test.each(cases)('$name', async ({ files, allowPrivate, expected, sites }) => {
    const { lines, result } = await load(files, allowPrivate);
    expect(lines).toEqual(expected);
    expect(result.sites.map((s) => s.id)).toEqual(sites);
  });
});
