import type { QuoteType, TokenizerCallbacks } from 'htmlparser2';

/**
 * A drop-in replacement for htmlparser2 12.0.0's Tokenizer as tag-stream uses it: HTML mode, no
 * entity decoding, the whole document in one `write` followed by `end`. It makes exactly the same
 * callback calls, with the same arguments and in the same order (isInForeignContext included), for
 * every input; tests/analysis/html-tokenizer.test.ts checks that against htmlparser2 itself. The
 * one addition is a third argument to `ontext` (see `Callbacks`), which htmlparser2's callers ignore.
 *
 * Why: htmlparser2 runs a `switch` and a method call per character over a chunk buffer. Here each
 * state is a loop over the one string, a whole start tag (attributes included) is one loop, and the
 * long runs (text, quoted values, comments, raw text) are skipped with `indexOf`: 0.36× htmlparser2's
 * CPU on the corpus's large pages, and −18 % for the whole page-model extraction.
 *
 * The states and their names follow htmlparser2's Tokenizer, so the two can be read side by side.
 * Its quirks are kept on purpose (they are what "identical" means); the notable ones are marked
 * "htmlparser2:" below.
 */

const TAB = 0x09;
const NEW_LINE = 0x0a;
const FORM_FEED = 0x0c;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const EXCLAMATION = 0x21; // !
const DOUBLE_QUOTE = 0x22; // "
const SINGLE_QUOTE = 0x27; // '
const DASH = 0x2d; // -
const SLASH = 0x2f; // /
const LT = 0x3c; // <
const EQ = 0x3d; // =
const GT = 0x3e; // >
const QUESTION = 0x3f; // ?
const OPEN_BRACKET = 0x5b; // [
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
/** `c | CASE_BIT` folds an ASCII capital to its small letter (and some control characters to punctuation). */
const CASE_BIT = 0x20;

const QUOTE_NONE: QuoteType.NoValue = 0;
const QUOTE_UNQUOTED: QuoteType.Unquoted = 1;
const QUOTE_SINGLE: QuoteType.Single = 2;
const QUOTE_DOUBLE: QuoteType.Double = 3;

// States, named as in htmlparser2 (minus the XML-only and entity ones). The main loop dispatches on
// only some of them: the others (inside a tag name, an attribute, an unfinished "<" …) are run through
// inside a bigger state's loop and recorded only when the input ends there, for what end() emits.
const TEXT = 1;
const BEFORE_TAG_NAME = 2;
const IN_TAG_NAME = 3;
const IN_SELF_CLOSING_TAG = 4;
const BEFORE_CLOSING_TAG_NAME = 5;
const IN_CLOSING_TAG_NAME = 6;
const AFTER_CLOSING_TAG_NAME = 7;
const BEFORE_ATTRIBUTE_NAME = 8;
const IN_ATTRIBUTE_NAME = 9;
const AFTER_ATTRIBUTE_NAME = 10;
const BEFORE_ATTRIBUTE_VALUE = 11;
const IN_ATTRIBUTE_VALUE_DQ = 12;
const IN_ATTRIBUTE_VALUE_SQ = 13;
const IN_ATTRIBUTE_VALUE_NQ = 14;
const BEFORE_DECLARATION = 15;
const IN_DECLARATION = 16;
const BEFORE_COMMENT = 18;
const CDATA_SEQUENCE = 19;
const DECLARATION_SEQUENCE = 20;
/** Bogus comment: `<!x…>`, `<?…>`, `</ …>`, `</1…>`, up to the next `>`. */
const IN_SPECIAL_COMMENT = 21;
const IN_COMMENT = 22;
const IN_CDATA = 23;
/** An unfinished start tag whose name is so far a prefix of a raw-text element's (only seen at the end). */
const SPECIAL_START_SEQUENCE = 24;
const IN_SPECIAL_TAG = 25;
const IN_PLAIN_TEXT = 26;

/** Whitespace, `/` and `>` end a tag name (HTML's whitespace: no vertical tab). A table: one read per character. */
const ENDS_TAG_SECTION = new Uint8Array(GT + 1);
for (const c of [TAB, NEW_LINE, FORM_FEED, CARRIAGE_RETURN, SPACE, SLASH, GT]) ENDS_TAG_SECTION[c] = 1;

function isWhitespace(c: number): boolean {
  return c === SPACE || c === NEW_LINE || c === TAB || c === FORM_FEED || c === CARRIAGE_RETURN;
}

/** ASCII whitespace as blank text is told (`ontext`'s `blank`, tag-stream's isAsciiBlank): vertical tab included. */
export function isBlankUnit(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CARRIAGE_RETURN);
}

function endsTagSection(c: number): boolean {
  return c <= GT && ENDS_TAG_SECTION[c] === 1;
}

function isAsciiAlpha(c: number): boolean {
  const lower = c | CASE_BIT;
  return lower >= LOWER_A && lower <= LOWER_Z;
}

/**
 * Elements whose content is not markup, as their end sequence ("</" + name), by first letter (a–z).
 * title and textarea are RCDATA (htmlparser2 looks at every character there), plaintext never ends.
 */
const SPECIAL_END_SEQUENCES: readonly (readonly string[] | undefined)[] = Array.from({ length: 26 }, (_, k) => {
  const candidates = [
    '</iframe',
    '</noembed',
    '</noframes',
    '</plaintext',
    '</script',
    '</style',
    '</title',
    '</textarea',
    '</xmp',
  ];
  const found = candidates.filter((sequence) => sequence.charCodeAt(2) === LOWER_A + k);
  return found.length > 0 ? found : undefined;
});
const PLAINTEXT_END = '</plaintext';
const TITLE_END = '</title';
const TEXTAREA_END = '</textarea';
const CDATA_START = 'CDATA[';
const DOCTYPE = 'doctype';

/**
 * Does html[start, end) spell the name in `sequence` (from its third character), comparing as
 * htmlparser2 does (`c | 0x20`)? With `prefix`, a shorter run that starts the name also counts.
 */
function spells(html: string, start: number, end: number, sequence: string, prefix: boolean): boolean {
  const length = end - start;
  if (prefix ? length > sequence.length - 2 : length !== sequence.length - 2) return false;
  for (let k = 0; k < length; k++) {
    if ((html.charCodeAt(start + k) | CASE_BIT) !== sequence.charCodeAt(k + 2)) return false;
  }
  return true;
}

/** The one of `candidates` whose name html[start, end) spells (see `spells`), or ''. */
function specialEndOf(
  html: string,
  start: number,
  end: number,
  candidates: readonly string[] | undefined,
  prefix: boolean,
): string {
  if (candidates === undefined) return '';
  for (const sequence of candidates) if (spells(html, start, end, sequence, prefix)) return sequence;
  return '';
}

/** The state after the `>` of a start tag: raw text, plain text, or markup. */
function tagBodyState(specialEnd: string): number {
  if (specialEnd === '') return TEXT;
  return specialEnd === PLAINTEXT_END ? IN_PLAIN_TEXT : IN_SPECIAL_TAG;
}

/** htmlparser2's callbacks, and what this tokenizer tells them besides. */
export interface Callbacks extends TokenizerCallbacks {
  /**
   * `blank`, which htmlparser2 does not give: whether the text is only ASCII whitespace (space, tab,
   * line breaks, form feed, vertical tab), when the tokenizer has read all of it; undefined otherwise.
   */
  ontext(start: number, endIndex: number, blank?: boolean): void;
}

const ignore = (): void => {};

/**
 * Callbacks that ignore every event, to spread and set the ones wanted; the benchmark times both
 * tokenizers with them alone (no `isInForeignContext`: as if never in SVG or MathML).
 */
export const IGNORE_EVENTS: Readonly<Callbacks> = Object.freeze({
  onattribdata: ignore,
  onattribentity: ignore,
  onattribend: ignore,
  onattribname: ignore,
  oncdata: ignore,
  onclosetag: ignore,
  oncomment: ignore,
  ondeclaration: ignore,
  onend: ignore,
  onopentagend: ignore,
  onopentagname: ignore,
  onprocessinginstruction: ignore,
  onselfclosingtag: ignore,
  ontext: ignore,
  ontextentity: ignore,
});

/**
 * Tokenizes `html` into `cbs` exactly as `new Tokenizer({ decodeEntities: false }, cbs)`, `write(html)`,
 * `end()` (with `ontext`'s extra argument).
 */
export function tokenize(html: string, cbs: Callbacks): void {
  const length = html.length;
  let state = TEXT;
  let index = 0;
  let sectionStart = 0;
  /** Characters of `specialEnd` matched so far (IN_SPECIAL_TAG), or of "doctype" (DECLARATION_SEQUENCE), or of "CDATA[". */
  let sequenceIndex = 0;
  /** The end sequence of the current start tag if it is a raw-text element, else ''. */
  let specialEnd = '';

  while (index < length) {
    switch (state) {
      case TEXT: {
        // Whitespace first: three text nodes in four are the indentation between two tags. Reading
        // it here finds their "<" without an indexOf call and tells the callback they are blank,
        // so that it does not read them again (−3 % for the page model, measured). Text that does
        // not start here (after a "<" that opened no tag) holds that "<": never blank.
        const fresh = index === sectionStart;
        let lt = index;
        if (fresh) while (lt < length && isBlankUnit(html.charCodeAt(lt))) lt++;
        const blank = fresh && lt < length && html.charCodeAt(lt) === LT;
        if (!blank) lt = html.indexOf('<', lt);
        if (lt < 0) {
          index = length;
          break;
        }
        if (lt > sectionStart) cbs.ontext(sectionStart, lt, blank);
        sectionStart = lt;
        index = lt + 1;
        // What htmlparser2 calls BeforeTagName, read here to save a turn of the loop.
        if (index === length) {
          state = BEFORE_TAG_NAME;
          break;
        }
        const c = html.charCodeAt(index);
        if (isAsciiAlpha(c)) {
          // A start tag. htmlparser2 asks about foreign content at every one, whatever its name.
          sectionStart = index;
          const candidates = cbs.isInForeignContext?.() ? undefined : SPECIAL_END_SEQUENCES[(c | CASE_BIT) - LOWER_A];
          let end = index + 1;
          while (end < length && !endsTagSection(html.charCodeAt(end))) end++;
          if (end === length) {
            // htmlparser2: an unfinished start tag at the end is dropped, unless its name so far
            // could still become a raw-text element's; then it is text (from the name, not the "<").
            state = specialEndOf(html, index, end, candidates, true) === '' ? IN_TAG_NAME : SPECIAL_START_SEQUENCE;
            index = length;
            break;
          }
          specialEnd = specialEndOf(html, index, end, candidates, false);
          cbs.onopentagname(index, end);
          sectionStart = -1;
          index = end;
          state = BEFORE_ATTRIBUTE_NAME;
        } else if (c === SLASH) {
          state = BEFORE_CLOSING_TAG_NAME;
          index++;
        } else if (c === EXCLAMATION) {
          state = BEFORE_DECLARATION;
          sectionStart = ++index;
        } else if (c === QUESTION) {
          // htmlparser2: in HTML a processing instruction is a bogus comment that keeps its "?".
          state = IN_SPECIAL_COMMENT;
          sectionStart = index++;
        }
        // Anything else: not a tag; the "<" stays in the text, and this character is read again.
        break;
      }

      case BEFORE_ATTRIBUTE_NAME: {
        // The rest of a start tag, attributes and all, in one loop. htmlparser2's states in between
        // (attribute name, value, self-closing "/") only matter where the input ends inside them.
        attributes: for (;;) {
          let c = html.charCodeAt(index);
          while (isWhitespace(c)) {
            if (++index === length) break attributes;
            c = html.charCodeAt(index);
          }
          if (c === GT) {
            cbs.onopentagend(index);
            state = tagBodyState(specialEnd);
            sequenceIndex = 0;
            sectionStart = ++index;
            break;
          }
          if (c === SLASH) {
            // htmlparser2: "/ >" counts too, and a self-closed raw-text element still starts raw text.
            do {
              if (++index === length) {
                state = IN_SELF_CLOSING_TAG;
                break attributes;
              }
              c = html.charCodeAt(index);
            } while (isWhitespace(c));
            if (c === GT) {
              cbs.onselfclosingtag(index);
              state = tagBodyState(specialEnd);
              sequenceIndex = 0;
              sectionStart = ++index;
              break;
            }
            // Anything else is read again as if after the tag name.
            continue;
          }

          // A name starts with any other character, even "=" or a quote.
          sectionStart = index;
          do {
            if (++index === length) {
              state = IN_ATTRIBUTE_NAME;
              break attributes;
            }
            c = html.charCodeAt(index);
          } while (c !== EQ && !endsTagSection(c));
          cbs.onattribname(sectionStart, index);
          sectionStart = index;
          while (isWhitespace(c)) {
            if (++index === length) {
              state = AFTER_ATTRIBUTE_NAME;
              break attributes;
            }
            c = html.charCodeAt(index);
          }
          if (c !== EQ) {
            // No value: its end is where the name ended; this character is read again.
            cbs.onattribend(QUOTE_NONE, sectionStart);
            sectionStart = -1;
            continue;
          }

          do {
            if (++index === length) {
              state = BEFORE_ATTRIBUTE_VALUE;
              break attributes;
            }
            c = html.charCodeAt(index);
          } while (isWhitespace(c));
          if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
            const double = c === DOUBLE_QUOTE;
            sectionStart = index + 1;
            const quote = html.indexOf(double ? '"' : "'", sectionStart);
            if (quote < 0) {
              state = double ? IN_ATTRIBUTE_VALUE_DQ : IN_ATTRIBUTE_VALUE_SQ;
              index = length;
              break;
            }
            cbs.onattribdata(sectionStart, quote);
            sectionStart = -1;
            cbs.onattribend(double ? QUOTE_DOUBLE : QUOTE_SINGLE, quote + 1);
            index = quote + 1;
            if (index === length) break;
            continue;
          }
          // Unquoted, from this character; only whitespace and ">" end it ("/" does not), and a
          // ">" right after "=" gives an empty value.
          sectionStart = index;
          while (c !== GT && !isWhitespace(c)) {
            if (++index === length) {
              state = IN_ATTRIBUTE_VALUE_NQ;
              break attributes;
            }
            c = html.charCodeAt(index);
          }
          cbs.onattribdata(sectionStart, index);
          sectionStart = -1;
          cbs.onattribend(QUOTE_UNQUOTED, index);
        }
        break;
      }

      case BEFORE_CLOSING_TAG_NAME: {
        const c = html.charCodeAt(index);
        if (c === GT) {
          // "</>" is dropped.
          state = TEXT;
          sectionStart = ++index;
          break;
        }
        if (!isAsciiAlpha(c)) {
          // "</" and no letter: a bogus comment from that character.
          state = IN_SPECIAL_COMMENT;
          sectionStart = index++;
          break;
        }
        let end = index + 1;
        while (end < length && !endsTagSection(html.charCodeAt(end))) end++;
        if (end === length) {
          state = IN_CLOSING_TAG_NAME;
          index = length;
          break;
        }
        cbs.onclosetag(index, end);
        sectionStart = -1;
        index = end;
        state = AFTER_CLOSING_TAG_NAME;
        break;
      }

      case AFTER_CLOSING_TAG_NAME: {
        // Attributes of an end tag are skipped, up to ">" (usually the very next character).
        const gt = html.charCodeAt(index) === GT ? index : html.indexOf('>', index);
        if (gt < 0) {
          index = length;
          break;
        }
        state = TEXT;
        sectionStart = index = gt + 1;
        break;
      }

      case BEFORE_DECLARATION: {
        const c = html.charCodeAt(index);
        if (c === OPEN_BRACKET) {
          state = CDATA_SEQUENCE;
          sequenceIndex = 0;
        } else if ((c | CASE_BIT) === DOCTYPE.charCodeAt(0)) {
          state = DECLARATION_SEQUENCE;
          sequenceIndex = 1;
        } else if (c === GT) {
          cbs.oncomment(sectionStart, index, 0);
          state = TEXT;
          sectionStart = index + 1;
        } else if (c === DASH) {
          state = BEFORE_COMMENT;
        } else {
          state = IN_SPECIAL_COMMENT;
        }
        index++;
        break;
      }

      case CDATA_SEQUENCE: {
        // htmlparser2: "<![CDATA[" (case-sensitive) opens a CDATA section in HTML content too.
        const c = html.charCodeAt(index);
        if (c === CDATA_START.charCodeAt(sequenceIndex)) {
          index++;
          if (++sequenceIndex === CDATA_START.length) {
            state = IN_CDATA;
            sectionStart = index;
          }
        } else {
          // A bogus comment from the "[", reading this character again.
          state = IN_SPECIAL_COMMENT;
        }
        break;
      }

      case IN_CDATA: {
        const end = html.indexOf(']]>', index);
        if (end < 0) {
          index = length;
          break;
        }
        cbs.oncdata(sectionStart, end + 2, 2);
        state = TEXT;
        sectionStart = index = end + 3;
        break;
      }

      case DECLARATION_SEQUENCE: {
        const c = html.charCodeAt(index);
        if (sequenceIndex === DOCTYPE.length) {
          // Whatever follows "<!doctype" (even a letter) is the declaration's.
          state = IN_DECLARATION;
        } else if ((c | CASE_BIT) === DOCTYPE.charCodeAt(sequenceIndex)) {
          sequenceIndex++;
          index++;
        } else if (c === GT) {
          cbs.oncomment(sectionStart, index, 0);
          state = TEXT;
          sectionStart = ++index;
        } else {
          state = IN_SPECIAL_COMMENT;
          index++;
        }
        break;
      }

      case IN_DECLARATION: {
        const gt = html.indexOf('>', index);
        if (gt < 0) {
          index = length;
          break;
        }
        cbs.ondeclaration(sectionStart, gt);
        state = TEXT;
        sectionStart = index = gt + 1;
        break;
      }

      case BEFORE_COMMENT: {
        const c = html.charCodeAt(index);
        if (c === DASH) {
          state = IN_COMMENT;
          sectionStart = index + 1;
        } else if (c === GT) {
          // "<!->": a bogus comment "-".
          cbs.oncomment(sectionStart, index, 0);
          state = TEXT;
          sectionStart = index + 1;
        } else {
          state = IN_SPECIAL_COMMENT;
        }
        index++;
        break;
      }

      case IN_SPECIAL_COMMENT: {
        const gt = html.indexOf('>', index);
        if (gt < 0) {
          index = length;
          break;
        }
        cbs.oncomment(sectionStart, gt, 0);
        state = TEXT;
        sectionStart = index = gt + 1;
        break;
      }

      case IN_COMMENT: {
        // The comment ends at the first "-->" or "--!>" inside it; "<!-->" and "<!--->" end at once.
        // The last argument is how many characters of the end sequence precede ">".
        const start = sectionStart;
        let gt = -1;
        let endOffset = 0;
        if (html.charCodeAt(start) === GT) gt = start;
        else if (html.charCodeAt(start) === DASH && html.charCodeAt(start + 1) === GT) {
          gt = start + 1;
          endOffset = 1;
        } else {
          for (let dashes = html.indexOf('--', start); dashes >= 0; dashes = html.indexOf('--', dashes + 1)) {
            const next = html.charCodeAt(dashes + 2);
            if (next === GT) {
              gt = dashes + 2;
              endOffset = 2;
              break;
            }
            if (next === EXCLAMATION && html.charCodeAt(dashes + 3) === GT) {
              gt = dashes + 3;
              endOffset = 3;
              break;
            }
          }
        }
        if (gt < 0) {
          index = length;
          break;
        }
        cbs.oncomment(start, gt, endOffset);
        state = TEXT;
        sectionStart = index = gt + 1;
        break;
      }

      case IN_SPECIAL_TAG: {
        // A faithful copy of htmlparser2's end-tag search, quirks included: it compares `c | 0x20`,
        // so U+001C counts as "<" and U+000F as "/" wherever it looks at a character itself; in raw
        // text (not title/textarea) it jumps to the next real "<" instead.
        const end = specialEnd;
        const endLength = end.length;
        const rcdata = end === TITLE_END || end === TEXTAREA_END;
        for (;;) {
          const c = html.charCodeAt(index);
          if (sequenceIndex === endLength) {
            if (endsTagSection(c)) {
              const endOfText = index - endLength;
              if (sectionStart < endOfText) cbs.ontext(sectionStart, endOfText);
              cbs.onclosetag(endOfText + 2, index);
              sectionStart = -1;
              state = AFTER_CLOSING_TAG_NAME; // reads this character again
              break;
            }
            sequenceIndex = 0;
          }
          if ((c | CASE_BIT) === end.charCodeAt(sequenceIndex)) sequenceIndex++;
          else if (sequenceIndex === 0) {
            if (!rcdata) {
              const lt = html.indexOf('<', index + 1);
              if (lt < 0) {
                index = length;
                break;
              }
              index = lt;
              sequenceIndex = 1;
            }
          } else {
            // "<</script>": a "<" restarts the match.
            sequenceIndex = c === LT ? 1 : 0;
          }
          if (++index === length) break;
        }
        break;
      }

      case IN_PLAIN_TEXT:
        // Nothing ends it, not even "</plaintext>".
        index = length;
        break;

      default:
        // Unreachable (the other states are only set where the input ends); never loop forever.
        index = length;
    }
  }

  // The end of the input: what htmlparser2's write (its cleanup) and end (handleTrailingData) emit.
  switch (state) {
    case TEXT:
    case IN_PLAIN_TEXT:
    case IN_SPECIAL_TAG:
    case BEFORE_TAG_NAME:
    case BEFORE_CLOSING_TAG_NAME:
    case SPECIAL_START_SEQUENCE:
    case IN_SELF_CLOSING_TAG:
    case AFTER_CLOSING_TAG_NAME:
      // htmlparser2: in the last two the section start is -1, so this is ontext(-1, length).
      if (sectionStart < length) cbs.ontext(sectionStart, length);
      break;
    case IN_ATTRIBUTE_VALUE_DQ:
    case IN_ATTRIBUTE_VALUE_SQ:
    case IN_ATTRIBUTE_VALUE_NQ:
      // The value read so far is reported, though the tag itself never is.
      if (sectionStart < length) cbs.onattribdata(sectionStart, length);
      break;
    case IN_COMMENT:
      cbs.oncomment(sectionStart, length, trailingCommentEnd(html, sectionStart));
      break;
    case IN_CDATA:
      // An unclosed CDATA section is a bogus comment from its "[".
      cbs.oncomment(sectionStart - CDATA_START.length - 1, length, 0);
      break;
    case BEFORE_DECLARATION:
    case BEFORE_COMMENT:
    case CDATA_SEQUENCE:
    case IN_SPECIAL_COMMENT:
      cbs.oncomment(sectionStart, length, 0);
      break;
    case DECLARATION_SEQUENCE:
      // htmlparser2: a complete "<!doctype" at the end is dropped, "<!doc" is a comment.
      if (sequenceIndex !== DOCTYPE.length) cbs.oncomment(sectionStart, length, 0);
      break;
    default:
    // An unfinished tag (start or end) or declaration is dropped.
  }
  cbs.onend();
}

/**
 * How much of "--!>" an unclosed comment ends with (what htmlparser2 reports as its end offset):
 * 3 for "--!", 2 for "--", 1 for "-", counting only the comment's own characters.
 */
function trailingCommentEnd(html: string, start: number): number {
  const end = html.length;
  const last = end - 1 >= start ? html.charCodeAt(end - 1) : 0;
  const beforeLast = end - 2 >= start ? html.charCodeAt(end - 2) : 0;
  if (last === EXCLAMATION) return beforeLast === DASH && end - 3 >= start && html.charCodeAt(end - 3) === DASH ? 3 : 0;
  if (last !== DASH) return 0;
  return beforeLast === DASH ? 2 : 1;
}
