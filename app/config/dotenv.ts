// $CODEX_HOME/.env is loaded at start-up. Variables already in the environment
// win, and names starting with CODEX_ are never taken from the file (so it
// cannot redirect CODEX_HOME or the sandbox markers).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses KEY=VALUE lines (`export ` prefix, # comments, single/double quotes). */
export function parseDotEnv(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const q = value[0];
    if ((q === '"' || q === "'") && value.length > 1 && value.endsWith(q)) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out.push([m[1]!, value]);
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
    if (k.toUpperCase().startsWith('CODEX_') || env[k] !== undefined) continue;
    env[k] = v;
    set.push(k);
  }
  return set;
}
