// Reads and atomically rewrites $CODEX_HOME/config.toml for `codex mcp add|remove`.
// The edit is verified before anything is written: the new text must parse and
// differ from the old one only in `mcp_servers.NAME`; otherwise the file is left
// untouched and the error says why.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, TomlError } from 'smol-toml';
import { ConfigError } from '../../config/errors.js';

type Table = Record<string, unknown>;

export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new ConfigError(`${file}: cannot read: ${(e as Error).message}`);
  }
}

export function parseConfigText(file: string, text: string): Table {
  try {
    return parse(text) as Table;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    throw new ConfigError(`${file}:${e.line}:${e.column}: TOML syntax error: ${e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')}`);
  }
}

/** The document as it should be after the edit: `before` with mcp_servers.NAME set (or deleted when entry is undefined). */
function expectedAfter(before: Table, name: string, entry: Table | undefined): Table {
  const next = structuredClone(before);
  const servers = { ...(next.mcp_servers as Table | undefined) };
  if (entry === undefined) delete servers[name];
  else servers[name] = entry;
  next.mcp_servers = servers;
  return withoutEmptyServers(next);
}

/** `[mcp_servers]` with nothing in it and no `mcp_servers` at all mean the same. */
function withoutEmptyServers(doc: Table): Table {
  const servers = doc.mcp_servers;
  if (typeof servers === 'object' && servers !== null && Object.keys(servers).length === 0) delete doc.mcp_servers;
  return doc;
}

/** Checks `newText` is exactly `oldText` with the one server changed; throws ConfigError if not. */
export function verifyEdit(file: string, oldText: string, newText: string, name: string, entry: Table | undefined): void {
  const before = parseConfigText(file, oldText);
  let after: Table;
  try {
    after = parse(newText) as Table;
  } catch (e) {
    throw new ConfigError(`${file}: cannot edit \`mcp_servers.${name}\` as text (${(e as Error).message.split('\n')[0]}); it is probably defined inline or with dotted keys. Edit it by hand; the file was not changed.`);
  }
  // structuredClone on both sides: smol-toml's tables have null prototypes.
  if (!isDeepStrictEqual(withoutEmptyServers(structuredClone(after)), expectedAfter(before, name, entry))) {
    throw new ConfigError(`${file}: cannot edit \`mcp_servers.${name}\` as text: it is defined inline or with dotted keys, not as a [mcp_servers.${name}] table. Edit it by hand; the file was not changed.`);
  }
}

/** Writes to a temp file beside the target (same mode), fsyncs, renames over it. Follows a symlinked config.toml. */
export function writeFileAtomic(file: string, text: string): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    mkdirSync(dirname(file), { recursive: true });
  }
  let mode = 0o600;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch { /* new file */ }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
