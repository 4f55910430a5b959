import type { z } from 'zod';
import { closestKey } from './closest-key.ts';
import { describeExpected, describeValue } from './describe-value.ts';
import { knownKeysAt } from './known-keys.ts';
import type { Problem } from './problem.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  readonly file: string;
  /** The parsed file, to point at lines and to tell what was actually written. */
  readonly source: YamlSource;
  /** The schema the issues came from, to list the keys it knows. */
  readonly schema: z.ZodType;
}

/**
 * Turns zod issues into problems a person editing YAML can act on: each names the dotted field, the
 * line and column of the offending value (or of the enclosing mapping when a field is missing) and
 * says what is wrong without zod's vocabulary. Keeps one problem per field, the first.
 */
export function translateIssues(issues: readonly Issue[], context: IssueContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  // A refinement that compares fields ("end must be after start") says nothing useful when one of
  // those fields is itself invalid, yet zod runs it anyway. Drop it when a sibling field has an issue.
  // Only inside nested objects: a top-level refinement is on one field (time_zone), not on several.
  const parentOf = (issue: Issue) => issue.path.slice(0, -1).join('.');
  const invalidParents = new Set(issues.filter((i) => i.code !== 'custom' && i.path.length > 1).map(parentOf));
  for (const issue of issues) {
    if (issue.code === 'custom' && issue.path.length > 1 && invalidParents.has(parentOf(issue))) continue;
    for (const problem of translateIssue(issue, [], context)) {
      const key = problem.field ?? '';
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function translateIssue(issue: Issue, prefix: readonly PathSegment[], context: IssueContext): Problem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const { file, source } = context;
  const problemAt = (message: string, where = path): Problem => ({
    severity: 'error',
    file,
    ...source.valueAt(where),
    ...(where.length > 0 ? { field: where.join('.') } : {}),
    message,
  });

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = closestKey(key, knownKeysAt(context.schema, path));
        const hint = suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : '';
        const keyPath = [...path, key];
        return { ...problemAt(`unknown key ${JSON.stringify(key)}${hint}`, keyPath), ...source.keyAt(keyPath) };
      });
    case 'invalid_key': {
      const key = String(path.at(-1));
      const reason = issue.issues[0] ? reasonFor(issue.issues[0], key) : issue.message;
      return [{ ...problemAt(`invalid key ${JSON.stringify(key)}: ${reason}`), ...source.keyAt(path) }];
    }
    case 'invalid_union':
      return translateUnion(issue, path, context, problemAt);
    case 'invalid_type': {
      const value = valueAt(source.value, path);
      if (value === undefined && typeof path.at(-1) === 'string') {
        return [problemAt(`missing required field ${JSON.stringify(String(path.at(-1)))}`)];
      }
      if (issue.expected === 'int' && typeof value === 'number') {
        return [problemAt(`must be a whole number, not ${value}`)];
      }
      if (path.length === 0 && value == null) {
        return [problemAt('the file is empty; expected a mapping of fields such as "name: …"')];
      }
      return [problemAt(`expected ${describeExpected(issue.expected)}, got ${describeValue(value)}`)];
    }
    default:
      return [problemAt(reasonFor(issue, valueAt(source.value, path)))];
  }
}

/**
 * A union fails when every option fails. When the value had the shape of one option (a list where
 * "a number or a list" was allowed) that option's own issues say more; otherwise list the options.
 */
function translateUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: readonly PathSegment[],
  context: IssueContext,
  problemAt: (message: string) => Problem,
): Problem[] {
  const wrongType = (branch: readonly Issue[]) =>
    branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const closer = issue.errors.find((branch) => !wrongType(branch));
  if (closer) return closer.flatMap((inner) => translateIssue(inner, path, context));
  const expected = [...new Set(issue.errors.map((branch) => (branch[0] as { expected: string }).expected))];
  const got = describeValue(valueAt(context.source.value, path));
  return [problemAt(`expected ${expected.map(describeExpected).join(' or ')}, got ${got}`)];
}

/**
 * The reason for one issue. Messages written in our schemas (regex hints, refinements) pass through;
 * zod's own defaults, which all start with "Invalid" or "Too", are replaced by plainer ones.
 */
function reasonFor(issue: Issue, value: unknown): string {
  const custom = !/^(Invalid|Too (small|big))\b/.test(issue.message);
  if (custom) return issue.message;
  switch (issue.code) {
    case 'invalid_format':
      return FORMATS[issue.format] ?? (issue.pattern ? `must match the pattern ${issue.pattern}` : issue.message);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return sizeLimit(issue.origin, Number(issue.minimum), issue.inclusive !== false, 'min');
    case 'too_big':
      return sizeLimit(issue.origin, Number(issue.maximum), issue.inclusive !== false, 'max');
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_type':
      return `expected ${describeExpected(issue.expected)}, got ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

const FORMATS: Readonly<Record<string, string>> = {
  email: 'must be an email address such as "name@example.org"',
  datetime: 'must be a date and time with a UTC offset, such as "2025-06-01T22:00:00+07:00"',
  url: 'must be an http:// or https:// URL',
};

function sizeLimit(origin: string, limit: number, inclusive: boolean, side: 'min' | 'max'): string {
  if (origin === 'string') {
    if (side === 'min' && limit === 1) return 'must not be empty';
    return `must be at ${side === 'min' ? 'least' : 'most'} ${limit} characters long`;
  }
  if (origin === 'array' || origin === 'set') {
    if (side === 'min' && limit === 1) return 'must not be an empty list';
    return `must have at ${side === 'min' ? 'least' : 'most'} ${limit} items`;
  }
  if (side === 'min') return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

/** The raw value at a data path, `undefined` when any step is missing. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(segment)];
  }
  return value;
}
