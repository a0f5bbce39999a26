// $CODEX_HOME/.env is loaded at start-up. Variables already in the environment
// win, and names starting with CODEX_ are never taken from the file (so it
// cannot redirect CODEX_HOME or the sandbox markers), nor HOME and
// XDG_CACHE_HOME: the launcher has chosen its cache directory from them before
// the file is read, and the sandbox keeps read-only the one they name after it
// (app/sandbox/pins.ts), so the two must not differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** Names that decide where the cache directory is (app/code-cache-dir.ts). */
const CACHE_DIR_NAMES = new Set(['HOME', 'XDG_CACHE_HOME']);

/**
 * KEY=VALUE lines as Node's own parser reads them (`export ` prefix, # comments,
 * quotes, multi-line quoted values). Node 20 runs a line without `=` into the
 * next key ("junk\nKEY"); the name is the last line of such a key.
 */
export function parseDotEnv(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [rawKey, value] of Object.entries(parseEnv(text))) {
    const key = rawKey.slice(rawKey.lastIndexOf('\n') + 1).trim();
    if (NAME.test(key) && value !== undefined) out.push([key, value]);
  }
  return out;
}

/** Returns the names it set. A missing file is not an error. */
export function loadDotEnv(codexHome: string, env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(join(codexHome, '.env'), 'utf8');
  } catch {
    return [];
  }
  const set: string[] = [];
  for (const [k, v] of parseDotEnv(text)) {
    if (k.toUpperCase().startsWith('CODEX_') || CACHE_DIR_NAMES.has(k) || env[k] !== undefined) continue;
    env[k] = v;
    set.push(k);
  }
  return set;
}
