import { describe, expect, test } from 'vitest';
import { diffLines, foldUnchanged, splitLines } from '../../site/lib/line-diff.ts';

const compact = (before: string, after: string) =>
  diffLines(before, after).map(
    (l) => `${{ same: ' ', removed: '-', added: '+' }[l.op]}${l.before ?? '.'}:${l.after ?? '.'} ${l.text}`,
  );

describe('splitLines', () => {
  test.each([
    ['', []],
    ['a', ['a']],
    ['a\r\nb\rc\n', ['a', 'b', 'c', '']],
  ])('%j', (text, lines) => expect(splitLines(text)).toEqual(lines));
});

describe('diffLines', () => {
  test('identical texts are all unchanged', () => {
    expect(compact('a\nb', 'a\nb')).toEqual([' 1:1 a', ' 2:2 b']);
  });

  test('a replaced line: removed before added, line numbers on each side', () => {
    expect(compact('Tin tức\nThông báo\nLiên hệ', 'Tin tức\nHACKED BY X\nLiên hệ')).toEqual([
      ' 1:1 Tin tức',
      '-2:. Thông báo',
      '+.:2 HACKED BY X',
      ' 3:3 Liên hệ',
    ]);
  });

  test('insertions and deletions in the middle keep the common lines', () => {
    expect(compact('a\nb\nc\nd', 'a\nx\nc\nd\ne')).toEqual([
      ' 1:1 a',
      '-2:. b',
      '+.:2 x',
      ' 3:3 c',
      ' 4:4 d',
      '+.:5 e',
    ]);
    expect(compact('a\nb\nc', 'c')).toEqual(['-1:. a', '-2:. b', ' 3:1 c']);
  });

  test('one side empty', () => {
    expect(compact('', 'a\nb')).toEqual(['+.:1 a', '+.:2 b']);
    expect(compact('a', '')).toEqual(['-1:. a']);
    expect(compact('', '')).toEqual([]);
  });

  test('a whole page replaced', () => {
    expect(compact('Cổng thông tin\nTin tức', 'nhà cái uy tín\ntài xỉu')).toEqual([
      '-1:. Cổng thông tin',
      '-2:. Tin tức',
      '+.:1 nhà cái uy tín',
      '+.:2 tài xỉu',
    ]);
  });
});

describe('foldUnchanged', () => {
  test('keeps context lines around changes and counts the rest', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    const after = ['1', '2', '3', '4', 'X', '6', '7', '8', '9'].join('\n');
    const folded = foldUnchanged(diffLines(before, after), 1).map((l) =>
      l.op === 'skipped' ? `… ${l.count}` : `${l.op} ${l.text}`,
    );
    expect(folded).toEqual(['… 3', 'same 4', 'removed 5', 'added X', 'same 6', '… 3']);
  });

  test('no change folds to one skipped run; nothing folds to nothing', () => {
    expect(foldUnchanged(diffLines('a\nb', 'a\nb'))).toEqual([{ op: 'skipped', count: 2 }]);
    expect(foldUnchanged([])).toEqual([]);
  });
});
