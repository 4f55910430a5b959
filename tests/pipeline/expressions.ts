/**
 * The part of GitHub's expression language the project's workflows use, evaluated the way Actions does
 * for the pipeline harness: literals, context paths (`needs.plan.outputs.shards`), `==` `!=` `&&` `||`
 * `!`, parentheses, and the functions `always()`, `success()`, `failure()`, `fromJSON()`, `toJSON()`, plus
 * those the context provides under `functions` (the harness gives `hashFiles()`, which needs the workspace).
 * Anything else throws, naming the expression: a workflow the harness cannot read fails its test loudly.
 */
export type Context = Record<string, unknown>;

export interface Status {
  /** Whether every job this one needs succeeded (what `success()` tests). */
  readonly needsSucceeded: boolean;
  readonly anyFailed: boolean;
}

type Token =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'id'; value: string }
  | { kind: 'op'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated string in "${text}"`);
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else value += text[i++];
      }
      tokens.push({ kind: 'str', value });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['==', '!=', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if ('()!,'.includes(c)) {
      tokens.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'num', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*/.exec(text.slice(i));
    if (id) {
      tokens.push({ kind: 'id', value: id[0] });
      i += id[0].length;
      continue;
    }
    throw new Error(`cannot read "${text.slice(i)}" in expression "${text}"`);
  }
  return tokens;
}

export function evaluate(expression: string, context: Context, status: Status): unknown {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = (value?: string) => {
    const token = tokens[at++];
    if (!token || (value !== undefined && token.value !== value))
      throw new Error(`expected ${value ?? 'a value'} in "${expression}"`);
    return token;
  };
  const or = (): unknown => {
    let left = and();
    while (peek()?.value === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): unknown => {
    let left = equality();
    while (peek()?.value === '&&') {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): unknown => {
    let left = unary();
    while (peek()?.value === '==' || peek()?.value === '!=') {
      const op = take().value;
      const right = unary();
      left = op === '==' ? loose(left) === loose(right) : loose(left) !== loose(right);
    }
    return left;
  };
  const unary = (): unknown => {
    if (peek()?.value === '!') {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): unknown => {
    const token = take();
    if (token.kind === 'str' || token.kind === 'num') return token.value;
    if (token.kind === 'op' && token.value === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token.kind !== 'id') throw new Error(`unexpected "${token.value}" in "${expression}"`);
    if (token.value === 'true') return true;
    if (token.value === 'false') return false;
    if (token.value === 'null') return null;
    if (peek()?.value === '(') {
      take('(');
      const args: unknown[] = [];
      while (peek()?.value !== ')') {
        args.push(or());
        if (peek()?.value === ',') take(',');
      }
      take(')');
      return call(token.value, args);
    }
    return (
      token.value
        .split('.')
        .reduce<unknown>(
          (value, key) =>
            value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
          context,
        ) ?? ''
    );
  };
  const call = (name: string, args: unknown[]): unknown => {
    switch (name) {
      case 'always':
        return true;
      case 'success':
        return status.needsSucceeded;
      case 'failure':
        return status.anyFailed;
      case 'fromJSON':
        return JSON.parse(String(args[0]));
      case 'toJSON':
        return JSON.stringify(args[0]);
      default: {
        // Functions that need the job's workspace (hashFiles) come with the context.
        const provided = (context.functions as Record<string, (...args: unknown[]) => unknown> | undefined)?.[name];
        if (provided) return provided(...args);
        throw new Error(`the harness does not know the function ${name}() in "${expression}"`);
      }
    }
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`unexpected "${tokens[at]!.value}" in "${expression}"`);
  return value;
}

function truthy(value: unknown): boolean {
  return !(value === false || value === null || value === undefined || value === '' || value === 0);
}

/** GitHub compares strings case-insensitively and coerces numbers. */
function loose(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** `${{ expr }}` inside a string; a string that is one expression keeps the value's type. */
export function interpolate(text: string, context: Context, status: Status): unknown {
  const whole = /^\$\{\{(.*)\}\}$/s.exec(text.trim());
  if (whole && !whole[1]!.includes('}}')) return evaluate(whole[1]!, context, status);
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context, status);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** An `if:` condition: a bare expression or one wrapped in `${{ }}`; without status functions, `success() &&` is implied. */
export function condition(text: string | boolean | undefined, context: Context, status: Status): boolean {
  if (text === undefined) return status.needsSucceeded;
  if (typeof text === 'boolean') return text;
  const expression = text.trim().replace(/^\$\{\{(.*)\}\}$/s, '$1');
  const value = truthy(evaluate(expression, context, status));
  return /\b(always|success|failure|cancelled)\(\)/.test(expression) ? value : status.needsSucceeded && value;
}
