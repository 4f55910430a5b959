/**
 * About how much heap a page model holds once it is in the main thread, for the run's byte budget
 * (run/byte-budget.ts): the budget counted only page bytes, while the models of every site in flight
 * (home page, variants, internal pages, each with its visible and hidden text) stayed uncounted in
 * the main heap, so what a run held still grew with what servers sent.
 *
 * An estimate on V8's layout, erring high: a string with any character above U+00FF (every
 * Vietnamese page's text) takes two bytes a character, a number in an array 8 bytes, an object or
 * array a header and a slot per entry. It walks the model once (a few thousand values at most: its
 * lists are capped by the extractor), far cheaper than modelling the page was.
 */
export function modelBytes(model: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [model];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') bytes += STRING_HEADER + 2 * value.length;
    else if (typeof value === 'number' || typeof value === 'boolean') bytes += SLOT;
    else if (Array.isArray(value)) {
      bytes += OBJECT_HEADER + SLOT * value.length;
      for (const item of value) if (typeof item !== 'number') stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.values(value);
      bytes += OBJECT_HEADER + SLOT * entries.length;
      stack.push(...entries);
    }
  }
  return bytes;
}

const SLOT = 8;
const STRING_HEADER = 16;
const OBJECT_HEADER = 32;
