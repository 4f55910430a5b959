import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { Problem } from './problem.ts';

export type PathSegment = string | number;

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A parsed YAML file that still knows where each of its values was written. */
export interface YamlSource {
  /** The document as plain data; `undefined` when the file could not be read as YAML. */
  readonly value: unknown;
  /** Syntax errors (the value is then `undefined`) and YAML warnings such as unknown tags. */
  readonly problems: readonly Problem[];
  /** Where the value at `path` starts, or where its nearest existing parent starts when it is missing. */
  valueAt(path: readonly PathSegment[]): Position | undefined;
  /** Where the key of the last segment of `path` is written (for unknown keys); falls back to `valueAt`. */
  keyAt(path: readonly PathSegment[]): Position | undefined;
}

/** yaml's wording is written for programmers; these are said again for the people editing data files. */
const FRIENDLIER: Readonly<Record<string, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document; remove the "---" line',
  TAB_AS_INDENT: 'tabs are not allowed for indentation; use spaces',
};

/**
 * Parses one YAML file, keeping source positions so that later checks (schema, URL policy) can
 * point at the line and column of the value they complain about. Pure: takes the text, not the path.
 */
export function parseYamlSource(file: string, source: string): YamlSource {
  // A byte order mark would shift every column on the first line by one.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lineCounter = new LineCounter();
  // uniqueKeys (the default) turns a repeated key into an error instead of letting the last one win.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const nodeStart = (node: unknown): Position | undefined => {
    const range = (node as Node | null | undefined)?.range;
    return range ? at(range[0]) : undefined;
  };

  const problems: Problem[] = [];
  for (const error of doc.errors) {
    const message =
      error.code === 'DUPLICATE_KEY'
        ? `duplicate key ${JSON.stringify(keyTextAt(doc, error.pos[0]) ?? '?')}`
        : (FRIENDLIER[error.code] ?? error.message);
    problems.push({ severity: 'error', file, ...at(error.pos[0]), message });
  }
  for (const warning of doc.warnings) {
    problems.push({ severity: 'warning', file, ...at(warning.pos[0]), message: warning.message });
  }

  // yaml reports an alias without its anchor only by throwing from toJS, without a position.
  visit(doc, {
    Alias(_, alias) {
      if (!alias.resolve(doc)) {
        const message = `alias "*${alias.source}" has no anchor "&${alias.source}" before it`;
        problems.push({ severity: 'error', file, ...nodeStart(alias), message });
      }
    },
  });

  let value: unknown;
  if (!problems.some((p) => p.severity === 'error')) {
    try {
      value = doc.toJS();
    } catch (error) {
      // Kept for what the checks above do not foresee (an alias count that looks like a billion laughs).
      problems.push({ severity: 'error', file, message: `cannot read the YAML: ${(error as Error).message}` });
      value = undefined;
    }
  }

  return {
    value,
    problems,
    valueAt(path) {
      for (let length = path.length; length >= 0; length--) {
        const position = nodeStart(nodeAt(doc.contents, path.slice(0, length)));
        if (position) return position;
      }
      return undefined;
    },
    keyAt(path) {
      const parent = nodeAt(doc.contents, path.slice(0, -1));
      const last = path.at(-1);
      if (last !== undefined && isMap(parent)) {
        const pair = parent.items.find((item) => keyText(item.key) === String(last));
        const position = nodeStart(pair?.key);
        if (position) return position;
      }
      return this.valueAt(path);
    },
  };
}

/** Walks a path of map keys and list indexes; data paths use strings where YAML may have numbers. */
function nodeAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (isMap(node)) {
      node = node.items.find((item) => keyText(item.key) === String(segment))?.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
    // Stop at an alias: the place it is used is the place worth pointing at.
    if (isAlias(node)) return node;
  }
  return node;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function keyTextAt(doc: ReturnType<typeof parseDocument>, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && (pair.key as Node | null)?.range?.[0] === offset) {
        found = keyText(pair.key);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
