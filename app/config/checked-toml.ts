// config.toml checked against the schema (zod): the TOML parsed, the -c
// overrides applied, the profile layered, defaults filled in, unknown keys
// listed as warnings. A pure function of the file's text, the overrides and
// the --profile flag, which is why a start can take its result from the last
// start's (checked-memo.ts) instead of loading the schema.
import { parse, TomlError } from 'smol-toml';
import { ConfigError, formatKeyPath } from './errors.js';
import { origin, type Source } from './origin.js';
import { applyOverride, isTable, type TomlTable } from './overrides.js';
import { configTomlSchema, profileSchema, shellEnvironmentPolicySchema, tuiSchema, type ConfigToml, type ShellEnvironmentPolicy } from './schema.js';
import { unknownKeys } from './unknown-keys.js';
import { describeIssues } from './validate.js';

export type TuiToml = NonNullable<ConfigToml['tui']>;

export interface CheckedToml {
  /** The table with the profile's keys layered over it. */
  readonly toml: ConfigToml;
  readonly profileName?: string;
  /** `[tui]` and `[shell_environment_policy]` with their defaults, given or not. */
  readonly tui: TuiToml;
  readonly shellEnvironmentPolicy: ShellEnvironmentPolicy;
  /** Unknown keys, one line each. */
  readonly warnings: readonly string[];
}

/** How many errors or unknown keys are listed one by one; the rest are counted. */
const MAX_LISTED = 20;

/** The first MAX_LISTED of `items` as lines, and a count of the rest. */
function listed<T>(items: readonly T[], line: (item: T) => string, rest: (n: number) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) lines.push(rest(items.length - MAX_LISTED));
  return lines;
}

function parseToml(src: Source): TomlTable {
  try {
    return parse(src.text) as TomlTable;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const what = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    throw new ConfigError(`${src.file}:${e.line}:${e.column}: TOML syntax error: ${what}\n${e.codeblock}`);
  }
}

function validate(src: Source, table: TomlTable): ConfigToml {
  const res = configTomlSchema.safeParse(table);
  if (res.success) return res.data;
  const lines = listed(describeIssues(res.error, table), (r) => `${origin(src, r.path)}: ${r.text}`, (n) => `${src.file}: … and ${n} more invalid values`);
  throw new ConfigError(lines.join('\n'));
}

/** Copies the profile's known keys over the table (tables merge key by key). */
function layerProfile(table: TomlTable, profile: TomlTable): void {
  const known = profileSchema._zod.innerType.shape as Record<string, unknown>;
  for (const [k, v] of Object.entries(profile)) {
    if (!(k in known)) continue;
    const cur = table[k];
    table[k] = isTable(cur) && isTable(v) ? { ...cur, ...v } : v;
  }
}

/** `src.text` checked, with `src.cli` applied and the profile (`profileFlag`, else the file's `profile`) layered; a ConfigError names what is wrong. */
export function checkToml(src: Source, profileFlag: string | undefined): CheckedToml {
  const fileTable = src.text ? parseToml(src) : {};
  // Overrides write into the table, so they get a copy (the file's table stays for the profile layering below).
  const withCli = src.cli.length ? structuredClone(fileTable) : fileTable;
  for (const o of src.cli) applyOverride(withCli, o.path, o.value);

  const layered = validate(src, withCli);
  const warnings = listed(
    unknownKeys(configTomlSchema, withCli),
    (p) => `${origin(src, p)}: unknown key \`${formatKeyPath(p)}\` (ignored)`,
    (n) => `${src.file}: … and ${n} more unknown keys (ignored)`,
  );

  const profileName = profileFlag ?? layered.profile;
  let toml = layered;
  if (profileName !== undefined) {
    const profile = (withCli.profiles as TomlTable | undefined)?.[profileName];
    if (!isTable(profile)) throw new ConfigError(`config profile \`${profileName}\` not found in ${src.file}`);
    const effective = structuredClone(fileTable);
    layerProfile(effective, profile);
    for (const o of src.cli) applyOverride(effective, o.path, o.value);
    toml = validate(src, effective);
  }
  toml = plainTables(toml) as ConfigToml;
  return {
    toml,
    ...(profileName !== undefined && { profileName }),
    tui: toml.tui ?? tuiSchema.parse({}),
    shellEnvironmentPolicy: toml.shell_environment_policy ?? shellEnvironmentPolicySchema.parse({}),
    warnings,
  };
}

/**
 * Tables under unknown keys come through the schema as the TOML parser made
 * them, without a prototype, and JSON would give them back with one: a config
 * holding one (a `[features]` table written for a newer Codex) was never
 * remembered, and every start checked it again (~5 ms). Copied into plain
 * objects, own properties only, so a `__proto__` key stays a key. Nothing
 * reads them: unknown keys are ignored.
 */
function plainTables(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainTables);
  if (v === null || typeof v !== 'object') return v;
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && proto !== Object.prototype) return v; // a date: not JSON-exact, so never remembered
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: plainTables(x), enumerable: true, writable: true, configurable: true });
  return out;
}
