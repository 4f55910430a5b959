/**
 * The most visible text a page model keeps, in UTF-16 code units. The largest real page in the
 * evaluation corpus has 58,047 characters of visible text; a hostile one (a 4 MB one-line page)
 * has millions, and its model is held in the run's main thread until the site's check ends, where
 * it counts against the byte budget at two bytes a character. `textLength` is the whole text's;
 * term matching, excerpts and keyword checks read what is kept, the head and the tail, which is
 * where injected banners, links and spam usually sit.
 */
export const MAX_MODEL_TEXT = 256 * 1024;
/**
 * The most visible text the text sketch is taken from (its head and tail past this): four times what
 * a model keeps, so that a change in the middle of a long page still moves the sketch. Bounded
 * because sketching costs typed arrays outside the model worker's capped heap, about 11 bytes a
 * character (word bounds and hashes, the text's code units, the shingle set): a 4 MB one-line page
 * took 45 MB of them, which its worker's 32 MB heap limit did not see (and with two pages in a
 * worker, twice); capped, 12 MB.
 */
export const MAX_SKETCHED_TEXT = 1024 * 1024;
/** Hidden text and alt texts: the largest in the corpus are 258 and 331 characters. */
export const MAX_MODEL_SIDE_TEXT = 64 * 1024;

/** Marks where a capped text was cut (between its head and its tail). */
export const CUT_MARK = ' … ';

/**
 * `text` if it fits in `max` code units, else its first and last halves joined by `CUT_MARK`,
 * never splitting a surrogate pair (the result is at most `max` + the mark's length).
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let headEnd = Math.floor(max / 2);
  if (isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd -= 1;
  let tailStart = text.length - (max - Math.floor(max / 2));
  if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart += 1;
  return `${text.slice(0, headEnd)}${CUT_MARK}${text.slice(tailStart)}`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
