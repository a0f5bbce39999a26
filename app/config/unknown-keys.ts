// Finds keys the schema does not know. The schema's objects are loose so
// unknown keys survive parsing; this walk reports them (as warnings) instead
// of letting them vanish silently.
import type { $ZodType } from 'zod/v4/core';
import { isTable } from './overrides.js';

interface Def {
  type: string;
  shape?: Record<string, $ZodType>;
  valueType?: $ZodType;
  innerType?: $ZodType;
  options?: $ZodType[];
  element?: $ZodType;
}

const defOf = (s: $ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema inside optional, default, nullable, prefault and lazy ones (a lazy one is built here, on first use). */
function unwrap(s: $ZodType): $ZodType {
  for (;;) {
    const def = defOf(s);
    if (def.type === 'lazy') s = (s as unknown as { _zod: { innerType: $ZodType } })._zod.innerType;
    else if (def.innerType && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault')) s = def.innerType;
    else return s;
  }
}

/**
 * Key paths in `value` (a parsed TOML table) that `schema` does not declare,
 * appended to `out`. A `__proto__` key is unknown even in a map: no name of
 * ours is one, and a JavaScript object cannot hold it as data.
 */
export function unknownKeys(schema: $ZodType, value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  const def = defOf(unwrap(schema));
  const shape = def.shape; // a getter in zod: read once, not per key
  if (def.type === 'object' && shape && isTable(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (Object.hasOwn(shape, k)) unknownKeys(shape[k]!, v, [...path, k], out);
      else out.push([...path, k]);
    }
  } else if (def.type === 'record' && def.valueType && isTable(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '__proto__') out.push([...path, k]);
      else unknownKeys(def.valueType, v, [...path, k], out);
    }
  } else if (def.type === 'union' && def.options) {
    const obj = def.options.find((o) => ['object', 'record'].includes(defOf(unwrap(o)).type));
    if (obj && isTable(value)) unknownKeys(obj, value, path, out);
  }
  return out;
}
