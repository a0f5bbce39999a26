// The checked config.toml of the last start, kept in the user's cache
// directory (app/code-cache-dir.ts): a start whose config.toml, -c overrides
// and --profile are the last start's, under the same build, takes the checked
// table from there instead of loading the schema (zod) and checking again,
// ~5 ms of CPU before the first frame. Only a success is remembered (an error
// is found again, with its message), and only a table JSON holds exactly: one
// holding what JSON would change (inf, nan, a date) is checked at every start.
// The file is a CRC-32 of the JSON (8 hex digits), a newline and the JSON: what
// it holds is acted on without the schema, so damage that still parses (one
// byte of a key or a value) must count as damage, as in the code cache.
import { crc32 } from 'node:zlib';
import { basename, join } from 'node:path';
import { readPrivateFile, removeStale, writePrivateFile } from '../code-cache-dir.js';
import type { CheckedToml } from './checked-toml.js';

/** Everything a checked config depends on. */
export interface MemoKey {
  /** The build (its schema and checking code). */
  readonly build: string;
  readonly file: string;
  readonly text: string;
  /** The -c overrides as given. */
  readonly cli: readonly string[];
  readonly profile: string | undefined;
}

interface Stored { key: MemoKey; checked: CheckedToml }

const MEMO_FILE = /^config-[0-9a-f]{8}\.json(\.\d+\.tmp)?$/;
/** Memos untouched this long go when another is written: most belong to a CODEX_HOME no longer used (one still in use is checked and written again). */
const STALE_MS = 30 * 24 * 3600_000;

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** One file per config file, so that two CODEX_HOMEs never take turns rewriting one. */
export function memoPath(dir: string, file: string): string {
  return join(dir, `config-${hex8(crc32(file))}.json`);
}

/** The memo file's text: the CRC-32 of the JSON, then the JSON. */
export function encodeMemo(json: string): string {
  return `${hex8(crc32(json))}\n${json}`;
}

/** The JSON of a memo file whose CRC-32 matches; else undefined. */
function decodeMemo(bytes: Buffer): string | undefined {
  const json = bytes.subarray(9);
  return bytes[8] === 0x0a && bytes.toString('latin1', 0, 8) === hex8(crc32(json)) ? json.toString('utf8') : undefined;
}

const sameKey = (a: MemoKey, b: MemoKey): boolean =>
  a.build === b.build && a.file === b.file && a.text === b.text && a.profile === b.profile
  && a.cli.length === b.cli.length && a.cli.every((c, i) => c === b.cli[i]);

/** The checked config remembered for `key`, if any. */
export function recall(dir: string, key: MemoKey): CheckedToml | undefined {
  const bytes = readPrivateFile(memoPath(dir, key.file));
  const json = bytes && decodeMemo(bytes);
  if (json === undefined) return undefined;
  try {
    const stored = JSON.parse(json) as Stored;
    // `profile` is absent from the JSON when undefined.
    const key2 = { ...stored.key, profile: stored.key.profile ?? undefined };
    return sameKey(key2, key) ? stored.checked : undefined;
  } catch {
    return undefined;
  }
}

/** True when `v` is made of what JSON gives back unchanged: plain tables, arrays, strings, finite numbers but -0 (read back as 0), booleans. */
export function jsonExact(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      if (v === null) return false;
      if (Array.isArray(v)) return v.every(jsonExact);
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      return Object.values(v).every((x) => x !== undefined && jsonExact(x));
    default:
      return false;
  }
}

/** Remembers `checked` for `key` when JSON holds it exactly; a failure only costs the memo. */
export function remember(dir: string, key: MemoKey, checked: CheckedToml): void {
  if (!jsonExact(checked)) return;
  const path = memoPath(dir, key.file);
  if (writePrivateFile(path, () => encodeMemo(JSON.stringify({ key, checked } satisfies Stored)))) removeStale(dir, MEMO_FILE, basename(path), STALE_MS);
}
