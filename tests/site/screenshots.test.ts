import { expect, test } from 'vitest';
import type { Signal } from '../../checks/schemas/defacement.ts';
import { screenshots } from '../../site/lib/screenshots.ts';

const visual = (evidence: string[]): Signal => ({ kind: 'visual-change', weight: 30, detail: 'differs', evidence });
const stamp = '2026-11-25T02-19-26Z';
const files = ['baseline', 'screenshot', 'diff'].map((k) => `evidence/so-a/${k}-${stamp}.webp`);

test('the visual-change evidence: baseline used, screenshot and diff', () => {
  expect(screenshots('so-a', [visual(files)], new Set([...files, 'baselines/so-a.webp']))).toEqual({
    baseline: `/anh/evidence/so-a/baseline-${stamp}.webp`,
    current: `/anh/evidence/so-a/screenshot-${stamp}.webp`,
    diff: `/anh/evidence/so-a/diff-${stamp}.webp`,
    capturedAt: '2026-11-25T02:19:26Z',
  });
});

test('no visual change: the current baseline screenshot when it exists', () => {
  expect(screenshots('so-a', [], new Set(['baselines/so-a.webp']))).toEqual({
    baseline: '/anh/baselines/so-a.webp',
    current: null,
    diff: null,
    capturedAt: null,
  });
  expect(screenshots('so-a', [], new Set())).toEqual({ baseline: null, current: null, diff: null, capturedAt: null });
});

test('only files of this site, named as the visual tier names them, that exist', () => {
  const hostile = [
    'evidence/so-b/screenshot-2026-11-25T02-19-26Z.webp',
    '../../etc/passwd',
    'https://evil.test/x.webp',
    `evidence/so-a/diff-${stamp}.webp`,
  ];
  expect(screenshots('so-a', [visual(hostile)], new Set(hostile))).toEqual({
    baseline: null,
    current: null,
    diff: `/anh/evidence/so-a/diff-${stamp}.webp`,
    capturedAt: '2026-11-25T02:19:26Z',
  });
  expect(screenshots('so-a', [visual(files)], new Set())).toEqual({
    baseline: null,
    current: null,
    diff: null,
    capturedAt: null,
  });
});
