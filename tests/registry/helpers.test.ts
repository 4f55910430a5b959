import { describe, expect, test } from 'vitest';
import { closestKey, editDistance } from '../../checks/registry/closest-key.ts';
import { fileRows, formatProblem, formatSummary } from '../../checks/registry/format-problems.ts';
import type { Problem } from '../../checks/registry/problem.ts';
import { checkSiteId, siteIdFromFileName, suggestSiteId } from '../../checks/registry/site-id.ts';

describe('formatProblem', () => {
  test.each<[Problem, string]>([
    [
      {
        severity: 'error',
        file: 'data/sites/bo-cong-an.yml',
        line: 4,
        column: 6,
        field: 'url',
        message: 'must not contain a user name or password',
      },
      'data/sites/bo-cong-an.yml:4:6 error url: must not contain a user name or password',
    ],
    [
      { severity: 'warning', file: 'data/sites/README.md', message: 'ignored: not a .yml file' },
      'data/sites/README.md warning ignored: not a .yml file',
    ],
    [{ severity: 'error', file: 'data/config.yml', line: 2, message: 'x' }, 'data/config.yml:2 error x'],
    [{ severity: 'error', file: 'data/sites/A.yml', field: 'id', message: 'bad' }, 'data/sites/A.yml error id: bad'],
  ])('%#', (problem, expected) => {
    expect(formatProblem(problem)).toBe(expected);
  });
});

describe('formatSummary', () => {
  const error: Problem = { severity: 'error', file: 'f', message: 'm' };
  const warning: Problem = { severity: 'warning', file: 'f', message: 'm' };
  test.each<[Problem[], number | undefined, string]>([
    [[error, error, warning], 14, '2 errors, 1 warning in 14 files'],
    [[error], 1, '1 error, 0 warnings in 1 file'],
    [[], 0, '0 errors, 0 warnings in 0 files'],
    [[warning, warning], 3, '0 errors, 2 warnings in 3 files'],
    [[error, warning], undefined, '1 error, 1 warning'],
  ])('%#: %s', (problems, files, expected) => {
    expect(formatSummary(problems, files)).toBe(expected);
  });
});

describe('fileRows', () => {
  test('one row per file read, worst problem first in status, then what only problems name', () => {
    const problems: Problem[] = [
      { severity: 'warning', file: 'data/config.yml', line: 3, field: 'groups', message: 'empty' },
      {
        severity: 'warning',
        file: 'data/sites/a.yml',
        line: 4,
        column: 6,
        field: 'url',
        message: 'uses http://; prefer https://',
      },
      { severity: 'error', file: 'data/sites/a.yml', line: 7, field: 'checks.pages.0', message: 'must be a path' },
      { severity: 'warning', file: 'data/sites/README.md', message: 'ignored: not a .yml file' },
    ];
    const rows = fileRows({
      files: ['data/config.yml', 'data/sites/a.yml', 'data/sites/b.yaml'],
      configFile: 'data/config.yml',
      problems,
    });
    expect(rows).toEqual([
      { file: 'data/config.yml', id: '', status: 'warning', messages: ['line 3: groups: empty'] },
      {
        file: 'data/sites/a.yml',
        id: 'a',
        status: 'error',
        messages: ['line 4: url: uses http://; prefer https://', 'line 7: checks.pages.0: must be a path'],
      },
      { file: 'data/sites/b.yaml', id: 'b', status: 'ok', messages: [] },
      { file: 'data/sites/README.md', id: '', status: 'warning', messages: ['ignored: not a .yml file'] },
    ]);
  });

  test('a missing data directory is its one row', () => {
    const problems: Problem[] = [{ severity: 'error', file: 'pr/data', message: 'data directory not found' }];
    expect(fileRows({ files: [], configFile: null, problems })).toEqual([
      { file: 'pr/data', id: '', status: 'error', messages: ['data directory not found'] },
    ]);
  });
});

describe('closestKey', () => {
  const keys = ['name', 'name_en', 'agency', 'group', 'url', 'responders', 'contacts', 'tags', 'checks', 'maintenance'];
  test.each([
    ['urll', 'url'],
    ['nmae', 'name'],
    ['Agency', 'agency'],
    ['responder', 'responders'],
    ['contact', 'contacts'],
    ['name-en', 'name_en'],
    ['colour', undefined],
    ['website', undefined],
  ])('%s → %s', (typed, expected) => {
    expect(closestKey(typed, keys)).toBe(expected);
  });

  test('editDistance', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('url', 'url')).toBe(0);
  });
});

describe('site ids', () => {
  test.each([
    ['bo-cong-an.yml', 'bo-cong-an'],
    ['bo-cong-an.yaml', 'bo-cong-an'],
    ['a.b.yml', 'a.b'],
  ])('siteIdFromFileName(%s) = %s', (file, id) => {
    expect(siteIdFromFileName(file)).toBe(id);
  });

  test.each([
    ['bo-cong-an', undefined],
    ['a', undefined],
    [
      '-a',
      'file name "-a" is not a valid site id: use lowercase letters, digits and hyphens; rename the file to "a.yml"',
    ],
    [
      'a.b',
      'file name "a.b" is not a valid site id: use lowercase letters, digits and hyphens; rename the file to "a-b.yml"',
    ],
    [
      'Đà_Nẵng',
      'file name "Đà_Nẵng" is not a valid site id: use lowercase letters, digits and hyphens; rename the file to "da-nang.yml"',
    ],
    ['___', 'file name "___" is not a valid site id: use lowercase letters, digits and hyphens'],
  ])('checkSiteId(%s)', (id, expected) => {
    expect(checkSiteId(id)).toBe(expected);
  });

  test('suggestions stay within the 64-character limit', () => {
    const suggestion = suggestSiteId(`${'A'.repeat(63)}_B`);
    expect(suggestion).toBe('a'.repeat(63));
  });
});
