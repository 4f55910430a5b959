import { DEFACEMENT_EXCERPT_MAX } from '../schemas/defacement.ts';

/** Longest line of an excerpt: long enough to read, short enough for a line diff to point at a change. */
const LINE = 100;

/**
 * The page's visible text (the model's normalised text: lowercase, single spaces) as lines for the
 * internal site's baseline-vs-current diff: broken after sentence ends and separators, then wrapped
 * at word boundaries to at most `LINE` characters, whole lines up to `max` characters. Pure; the
 * same text always gives the same lines, so unchanged stretches line up in a diff.
 */
export function textExcerpt(text: string, max = DEFACEMENT_EXCERPT_MAX): string {
  const lines: string[] = [];
  let used = 0;
  for (const sentence of text.split(/(?<=[.!?;:|»”])\s+/u)) {
    for (const line of wrap(sentence.trim())) {
      if (line === '') continue;
      const cost = line.length + (lines.length > 0 ? 1 : 0);
      if (used + cost > max) return lines.join('\n');
      lines.push(line);
      used += cost;
    }
  }
  return lines.join('\n');
}

function wrap(sentence: string): string[] {
  if (sentence.length <= LINE) return [sentence];
  const out: string[] = [];
  let line = '';
  for (const word of sentence.split(' ')) {
    // A single word longer than a line (a URL, a run of symbols) is cut rather than left whole.
    for (let piece = word; piece.length > 0; piece = piece.slice(LINE)) {
      const part = piece.slice(0, LINE);
      if (line === '') line = part;
      else if (line.length + 1 + part.length <= LINE) line += ` ${part}`;
      else {
        out.push(line);
        line = part;
      }
    }
  }
  if (line !== '') out.push(line);
  return out;
}
