import type { z } from 'zod';
import type { PathSegment } from './yaml-source.ts';

interface AnyDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'nonoptional', 'readonly', 'catch']);

/**
 * The keys the schema allows for the object found at `path`, so that an unknown key can be matched
 * against them ("did you mean …?"). Empty when the path does not lead to an object.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const def = unwrap(schema);
  if (!def) return [];
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const keys = knownKeysAt(option, path);
      if (keys.length > 0) return keys;
    }
    return [];
  }
  const [head, ...rest] = path;
  if (head === undefined) return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
  const child =
    def.type === 'object'
      ? def.shape?.[String(head)]
      : def.type === 'array'
        ? def.element
        : def.type === 'record'
          ? def.valueType
          : undefined;
  return child ? knownKeysAt(child, rest) : [];
}

/** Sees through defaults, optionals and pipes (transforms) to the schema that gives the shape. */
function unwrap(schema: z.ZodType): AnyDef | undefined {
  let def = (schema as unknown as { _zod: { def: AnyDef } })._zod.def;
  for (let depth = 0; depth < 20; depth++) {
    const inner = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (!inner) return def;
    def = (inner as unknown as { _zod: { def: AnyDef } })._zod.def;
  }
  return undefined;
}
