// `-c key=value` overrides (reference §1.3a): split at the first '=', parse the
// value as TOML (falling back to the raw string with quotes trimmed), and apply
// the dotted key to the config table, creating intermediate tables.
import { parse } from 'smol-toml';
import { ConfigError } from './errors.js';

export type TomlTable = Record<string, unknown>;

export interface CliOverride {
  readonly raw: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

export function parseCliOverride(raw: string): CliOverride {
  const eq = raw.indexOf('=');
  if (eq < 0) throw new ConfigError(`Invalid override (missing '='): ${raw}`);
  const key = raw.slice(0, eq).trim();
  const text = raw.slice(eq + 1).trim();
  if (!key) throw new ConfigError(`Empty key in override: ${raw}`);
  return { raw, path: key.split('.'), value: parseOverrideValue(text) };
}

function parseOverrideValue(text: string): unknown {
  try {
    return parse(`_x_ = ${text}`)['_x_'];
  } catch {
    return text.replace(/^['"]+|['"]+$/g, '');
  }
}

const isTable = (v: unknown): v is TomlTable => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** Sets `path` in `table` (mutating it); a non-table in the way is replaced by a table. */
export function applyOverride(table: TomlTable, path: readonly string[], value: unknown): void {
  let cur = table;
  for (const part of path.slice(0, -1)) {
    const next = cur[part];
    cur = isTable(next) ? next : (cur[part] = {}) as TomlTable;
  }
  cur[path[path.length - 1]!] = value;
}

export { isTable };
