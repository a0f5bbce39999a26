// Renders JSON-like values as TOML text: keys, strings, numbers, booleans,
// arrays and inline tables. Used to write tables of config.toml (edit/) and to
// turn the MCP `codex` tool's `config` object into `-c key=value` overrides.

/** A key, bare when it can be, otherwise a quoted basic string. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A basic string. JSON's escapes are TOML's, except that DEL must be escaped too. */
export function tomlString(s: string): string {
  return JSON.stringify(s).replace(/\x7f/g, '\\u007f');
}

/** Throws on values TOML cannot hold (null, undefined, functions), naming the path. */
export function tomlValue(value: unknown, path = 'value'): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => tomlValue(v, `${path}[${i}]`)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, `${path}.${k}`)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  throw new Error(`${path}: ${value === null ? 'null' : typeof value} cannot be written as TOML`);
}
