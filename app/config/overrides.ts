// `-c key=value` overrides (reference §1.3a): split at the first '=' outside
// quotes, read the key as a TOML dotted key (bare and quoted segments, as in
// config.toml: `projects."/var/tmp/a.b".trust_level`), parse the value as TOML
// (falling back to the raw string with quotes trimmed), and apply the key to
// the config table, creating intermediate tables.
import { parse, TomlError } from 'smol-toml';
import { ConfigError } from './errors.js';

export type TomlTable = Record<string, unknown>;

export interface CliOverride {
  readonly raw: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

export function parseCliOverride(raw: string): CliOverride {
  const eq = keyEnd(raw);
  if (eq < 0) throw new ConfigError(`Invalid override (missing '='): ${raw}`);
  const key = raw.slice(0, eq).trim();
  const text = raw.slice(eq + 1).trim();
  if (!key) throw new ConfigError(`Empty key in override: ${raw}`);
  return { raw, path: parseKey(key, raw), value: parseOverrideValue(text) };
}

/** Index of the first '=' outside a quoted key segment, or -1. */
function keyEnd(raw: string): number {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

/** The segments of a TOML dotted key, read by the TOML parser itself. */
function parseKey(key: string, raw: string): string[] {
  let table: unknown;
  try {
    table = parse(`${key} = 0`);
  } catch (e) {
    const why = e instanceof TomlError ? e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '') : String(e);
    throw new ConfigError(`-c ${raw}: invalid key \`${key}\`: ${why} (a dotted TOML key: quote a segment with other characters than A-Z a-z 0-9 _ -, as in projects."/my/dir".trust_level)`);
  }
  const path: string[] = [];
  while (isTable(table)) {
    const [k] = Object.keys(table);
    path.push(k!);
    table = table[k!];
  }
  return path;
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
