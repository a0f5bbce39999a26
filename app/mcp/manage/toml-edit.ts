// Text-level edits of `[mcp_servers.NAME]` tables in config.toml. Everything
// outside the edited tables (other keys, comments, blank lines, order) is kept
// byte for byte. Comment lines just above the next table stay with that table.
import { scanLines } from './toml-scan.js';
import { tomlKey, tomlValue } from '../toml-value.js';

const isServerHeader = (path: readonly string[] | undefined, name: string) =>
  path !== undefined && path.length >= 2 && path[0] === 'mcp_servers' && path[1] === name;

/** Removes `[mcp_servers.NAME]` and its sub-tables `[mcp_servers.NAME.*]`. */
export function removeServerTables(text: string, name: string): { text: string; removed: boolean } {
  const lines = scanLines(text);
  const cuts: [number, number][] = [];
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h]!;
    if (header.kind !== 'header' || !isServerHeader(header.path, name)) continue;
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

/**
 * The TOML text of one server: scalars and arrays in `[mcp_servers.NAME]`,
 * each plain object (env, http_headers, …) as a sub-table after it.
 */
export function renderServerTable(name: string, entry: Readonly<Record<string, unknown>>): string {
  const isTable = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const header = `mcp_servers.${tomlKey(name)}`;
  const main = Object.entries(entry).filter(([, v]) => v !== undefined && !isTable(v));
  const subs = Object.entries(entry).filter(([, v]) => isTable(v));
  let out = `[${header}]\n${main.map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, k)}\n`).join('')}`;
  for (const [key, table] of subs) {
    out += `\n[${header}.${tomlKey(key)}]\n`;
    out += Object.entries(table as Record<string, unknown>).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, `${key}.${k}`)}\n`).join('');
  }
  return out;
}

/** Replaces (or adds) the server's tables; the new table goes at the end of the file, in the file's line endings. */
export function setServerTable(text: string, name: string, entry: Readonly<Record<string, unknown>>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let base = removeServerTables(text, name).text;
  if (base.trim() === '') base = '';
  else if (!base.endsWith('\n')) base += eol + eol;
  else if (!base.endsWith(`${eol}${eol}`)) base += eol;
  return base + renderServerTable(name, entry).replace(/\n/g, eol);
}
