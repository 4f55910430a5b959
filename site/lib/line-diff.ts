/**
 * A line diff of two texts, for the internal page's "baseline vs current text" (issue #5). Pure.
 * Longest common subsequence over the lines between a shared prefix and suffix: the texts are
 * capped excerpts (`DEFACEMENT_EXCERPT_MAX`), so the quadratic table stays small; beyond
 * `MAX_CELLS` the middle is shown as removed then added rather than spend the build's time.
 */

export type DiffOp = 'same' | 'removed' | 'added';

export interface DiffLine {
  readonly op: DiffOp;
  readonly text: string;
  /** 1-based line number in the baseline text; null for an added line. */
  readonly before: number | null;
  /** 1-based line number in the current text; null for a removed line. */
  readonly after: number | null;
}

/** A run of unchanged lines left out by `foldUnchanged`. */
export interface SkippedLines {
  readonly op: 'skipped';
  readonly count: number;
}

const MAX_CELLS = 4_000_000;

/** Lines of a text; `\r\n` and `\r` count as line ends, an empty text has no lines. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

/** Every line of both texts in order: removed lines of a change before the added ones. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ op: 'same', text: a[i]!, before: i + 1, after: i + 1 });
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    for (let i = start; i < endA; i++) out.push({ op: 'removed', text: a[i]!, before: i + 1, after: null });
    for (let j = start; j < endB; j++) out.push({ op: 'added', text: b[j]!, before: null, after: j + 1 });
  } else {
    // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[start + i..endA) and b[start + j..endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      const lineA = start + i;
      const lineB = start + j;
      if (i < n && j < m && a[lineA] === b[lineB]) {
        out.push({ op: 'same', text: a[lineA]!, before: lineA + 1, after: lineB + 1 });
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
        out.push({ op: 'removed', text: a[lineA]!, before: lineA + 1, after: null });
        i++;
      } else {
        out.push({ op: 'added', text: b[lineB]!, before: null, after: lineB + 1 });
        j++;
      }
    }
  }
  for (let i = endA, j = endB; i < a.length; i++, j++)
    out.push({ op: 'same', text: a[i]!, before: i + 1, after: j + 1 });
  return out;
}

/**
 * Keeps `context` unchanged lines around each change and replaces longer unchanged runs with one
 * `skipped` entry, as a unified diff does. No change at all gives one `skipped` entry (or nothing).
 */
export function foldUnchanged(lines: readonly DiffLine[], context = 2): (DiffLine | SkippedLines)[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.op === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const out: (DiffLine | SkippedLines)[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (keep[index]) {
      if (skipped > 0) out.push({ op: 'skipped', count: skipped });
      skipped = 0;
      out.push(line);
    } else skipped++;
  });
  if (skipped > 0) out.push({ op: 'skipped', count: skipped });
  return out;
}
