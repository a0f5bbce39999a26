// Temporary CODEX_HOME directories for config tests, removed after each test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh directory; `files` maps names (config.toml, .env, …) to contents. */
export function tempHome(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'codex-home-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
