// ConfigError carries a message that is ready for the user: it names the file
// (or the -c override / flag), the location or key path, what was expected and
// what was found. Front ends print `error.message` and exit 1.
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Describes a TOML value the way a user wrote it: `string "o3"`, `integer 5`, `array`, … */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer ${v}` : `float ${v}`;
  if (typeof v === 'bigint') return `integer ${v}`;
  if (typeof v === 'boolean') return `boolean ${v}`;
  if (Array.isArray(v)) return `array ${JSON.stringify(v)}`;
  if (v instanceof Date) return `datetime ${v.toISOString()}`;
  if (v !== null && typeof v === 'object') return 'table';
  return String(v);
}

/** Renders a key path as TOML would: `model_providers."my.host".base_url`, `notify[0]`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const s = String(p);
      const bare = /^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s);
      out += out ? `.${bare}` : bare;
    }
  }
  return out;
}
