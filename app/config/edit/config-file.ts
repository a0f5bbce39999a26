// Edits one table of $CODEX_HOME/config.toml as text (`codex mcp add|remove`,
// the TUI's trust screen). The edit is verified before anything is written:
// the new text must parse and mean exactly the old document with that one
// change; otherwise the file is left untouched and the error says why. The
// file is then replaced atomically.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parse, TomlError } from 'smol-toml';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { removeTable, replaceTable, setTableKeys, tablePath, type Entries, type KeyPath } from './table-edit.js';

type Table = Record<string, unknown>;

/** What happens to the table: replaced whole, some keys set (the others kept), or removed with its sub-tables. */
export type TableChange =
  | { readonly kind: 'replace'; readonly entries: Entries }
  | { readonly kind: 'set'; readonly entries: Entries }
  | { readonly kind: 'remove' };

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

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

/** The text after the change (not yet verified). */
export function applyTableChange(text: string, path: KeyPath, change: TableChange): string {
  switch (change.kind) {
    case 'replace': return replaceTable(text, path, change.entries);
    case 'set': return setTableKeys(text, path, change.entries);
    case 'remove': return removeTable(text, path).text;
  }
}

const definedOnly = (entries: Entries): Table => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

/** The document as it should be after the change. */
function expectedAfter(before: Table, path: KeyPath, change: TableChange): Table {
  const next = structuredClone(before);
  let parent = next;
  for (const key of path.slice(0, -1)) {
    if (!isTable(parent[key])) {
      if (change.kind === 'remove') return next;
      parent[key] = {};
    }
    parent = parent[key] as Table;
  }
  const last = path[path.length - 1]!;
  const current = parent[last];
  if (change.kind === 'remove') delete parent[last];
  else if (change.kind === 'replace') parent[last] = structuredClone(definedOnly(change.entries));
  else parent[last] = { ...(isTable(current) ? current : {}), ...structuredClone(definedOnly(change.entries)) };
  return next;
}

/** An empty table above the edited one (`[mcp_servers]` with nothing left in it) means the same as none. */
function withoutEmptyParents(doc: Table, path: KeyPath): Table {
  for (let depth = path.length - 1; depth >= 1; depth--) {
    let parent: unknown = doc;
    for (const key of path.slice(0, depth - 1)) parent = isTable(parent) ? parent[key] : undefined;
    const key = path[depth - 1]!;
    if (isTable(parent) && isTable(parent[key]) && Object.keys(parent[key]).length === 0) delete parent[key];
  }
  return doc;
}

/** Checks `newText` is exactly `oldText` with the one change; throws ConfigError (naming the table) if not. */
export function verifyTableEdit(file: string, oldText: string, newText: string, path: KeyPath, change: TableChange): void {
  const before = parseConfigText(file, oldText);
  const name = tablePath(path);
  let after: Table;
  try {
    after = parse(newText) as Table;
  } catch (e) {
    throw new ConfigError(`${file}: cannot edit \`${name}\` as text (${(e as Error).message.split('\n')[0]}); it is probably defined inline or with dotted keys. Edit it by hand; the file was not changed.`);
  }
  // structuredClone on both sides: smol-toml's tables have null prototypes.
  const expected = withoutEmptyParents(expectedAfter(before, path, change), path);
  if (!isDeepStrictEqual(withoutEmptyParents(structuredClone(after), path), expected)) {
    throw new ConfigError(`${file}: cannot edit \`${name}\` as text: it is defined inline or with dotted keys, not as a [${name}] table. Edit it by hand; the file was not changed.`);
  }
}

/**
 * Reads config.toml, changes the table at `path` as text, verifies the result
 * and replaces the file atomically. Returns whether the file changed. Throws
 * ConfigError (or the file system's error) with the file untouched.
 */
export function editConfigTable(file: string, path: KeyPath, change: TableChange): boolean {
  const before = readConfigText(file);
  const after = applyTableChange(before, path, change);
  verifyTableEdit(file, before, after, path, change);
  if (after === before) return false;
  writeFileAtomic(file, after);
  return true;
}
