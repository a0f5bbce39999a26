// Text-level edits of one table of config.toml, named by its key path
// (`['mcp_servers', 'docs']` is `[mcp_servers.docs]`, `['projects', '/repo']` is
// `[projects."/repo"]`). Everything outside the edited lines (other keys,
// comments, blank lines, order) is kept byte for byte. Comment lines just above
// the next table stay with that table. New tables go at the end of the file, in
// the file's line endings.
import { scanLines, type Line } from './toml-scan.js';
import { tomlKey, tomlValue } from './toml-value.js';

export type KeyPath = readonly string[];
export type Entries = Readonly<Record<string, unknown>>;

const hasPrefix = (path: KeyPath, prefix: KeyPath): boolean => path.length >= prefix.length && prefix.every((p, i) => path[i] === p);
const samePath = (a: KeyPath, b: KeyPath): boolean => a.length === b.length && hasPrefix(a, b);
const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The path as a TOML header spells it: `projects."/my repo"`. */
export function tablePath(path: KeyPath): string {
  return path.map(tomlKey).join('.');
}

/** Removes `[PATH]` and its sub-tables `[PATH.*]`. */
export function removeTable(text: string, path: KeyPath): { text: string; removed: boolean } {
  const lines = scanLines(text);
  const cuts: [number, number][] = [];
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h]!;
    if (header.kind !== 'header' || !hasPrefix(header.path!, path)) continue;
    let last = h;
    for (let i = h + 1; i < lines.length && lines[i]!.kind !== 'header'; i++) if (lines[i]!.kind === 'content') last = i;
    cuts.push([header.start, lines[last]!.end]);
  }
  if (!cuts.length) return { text, removed: false };
  let out = '';
  let pos = 0;
  for (const [from, to] of cuts) {
    out = pos === 0 ? text.slice(0, from) : joinTidy(out, text.slice(pos, from));
    pos = to;
  }
  const rest = text.slice(pos);
  // Removed up to the end: no blank lines left dangling at the end of the file.
  if (rest.trim() === '') return { text: out.replace(/(\r?\n)(?:[ \t]*\r?\n)+$/, '$1'), removed: true };
  return { text: joinTidy(out, rest), removed: true };
}

/** Joins two pieces, leaving at most one blank line where they meet. */
function joinTidy(left: string, right: string): string {
  if (left === '' || left.endsWith('\n\n')) right = right.replace(/^(?:[ \t]*\r?\n)+/, '');
  return left + right;
}

const keyLine = (key: string, value: unknown, where: string): string => `${tomlKey(key)} = ${tomlValue(value, where)}\n`;

/**
 * The TOML text of one table: scalars and arrays in `[PATH]`, each plain
 * object (env, http_headers, …) as a sub-table after it. Undefined values are left out.
 */
export function renderTable(path: KeyPath, entries: Entries): string {
  const header = tablePath(path);
  const main = Object.entries(entries).filter(([, v]) => v !== undefined && !isTable(v));
  const subs = Object.entries(entries).filter(([, v]) => isTable(v));
  let out = `[${header}]\n${main.map(([k, v]) => keyLine(k, v, k)).join('')}`;
  for (const [key, table] of subs) {
    out += `\n[${header}.${tomlKey(key)}]\n`;
    out += Object.entries(table as Record<string, unknown>).map(([k, v]) => keyLine(k, v, `${key}.${k}`)).join('');
  }
  return out;
}

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Appends a rendered table after one blank line (or as the whole file when it is blank). */
function appendTable(text: string, table: string, eol: string): string {
  let base = text;
  if (base.trim() === '') base = '';
  else if (!base.endsWith('\n')) base += eol + eol;
  else if (!base.endsWith(`${eol}${eol}`)) base += eol;
  return base + table.replace(/\n/g, eol);
}

/** Replaces `[PATH]` (and its sub-tables) with `entries`, as a new table at the end of the file. */
export function replaceTable(text: string, path: KeyPath, entries: Entries): string {
  return appendTable(removeTable(text, path).text, renderTable(path, entries), eolOf(text));
}

/**
 * Sets keys of `[PATH]`, keeping its other keys: a key the table has is
 * rewritten where it stands (its indentation kept), a new one goes after the
 * table's last key. Without the table, a new one goes at the end of the file.
 */
export function setTableKeys(text: string, path: KeyPath, entries: Entries): string {
  const eol = eolOf(text);
  const wanted = new Map(Object.entries(entries).filter(([, v]) => v !== undefined));
  const lines = scanLines(text);
  const h = lines.findIndex((l) => l.kind === 'header' && !l.arrayTable && samePath(l.path!, path));
  if (h < 0) return appendTable(text, renderTable(path, Object.fromEntries(wanted)), eol);
  let end = lines.findIndex((l, i) => i > h && l.kind === 'header');
  if (end < 0) end = lines.length;

  const edits: { from: number; to: number; text: string }[] = [];
  let insertAt = lines[h]!.end;
  for (let i = h + 1; i < end; i++) {
    const line = lines[i]!;
    if (line.kind !== 'content') continue;
    const last = valueEnd(lines, i, end);
    insertAt = lines[last]!.end;
    const key = line.key?.length === 1 ? line.key[0]! : undefined;
    if (key !== undefined && wanted.has(key)) {
      const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
      edits.push({ from: line.start, to: lines[last]!.end, text: indent + keyLine(key, wanted.get(key), key).replace(/\n/g, eol) });
      wanted.delete(key);
    }
    i = last;
  }
  if (wanted.size) {
    const lead = insertAt > 0 && text[insertAt - 1] !== '\n' ? eol : '';
    edits.push({ from: insertAt, to: insertAt, text: lead + [...wanted].map(([k, v]) => keyLine(k, v, k).replace(/\n/g, eol)).join('') });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.from - a.from)) {
    // A rewritten last line of a file without a final newline keeps having none.
    const body = e.to === text.length && !text.endsWith('\n') && e.from !== e.to ? e.text.slice(0, -eol.length) : e.text;
    out = out.slice(0, e.from) + body + out.slice(e.to);
  }
  return out;
}

/** The last line of the value that starts at line `i` (multi-line strings and arrays continue it). */
function valueEnd(lines: readonly Line[], i: number, end: number): number {
  let last = i;
  while (last + 1 < end && lines[last + 1]!.continued) last++;
  return last;
}
