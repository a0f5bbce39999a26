// Where the launchers keep their V8 code caches (app/cli/launch/code-cache.ts). A support module
// because the sandbox keeps that directory read-only (app/sandbox/pins.ts):
// V8 runs the bytecode in a cache file unchecked, so a file a sandboxed
// command planted there would run outside the sandbox at the next start.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** $XDG_CACHE_HOME/codex-ts, else ~/.cache/codex-ts; undefined without either. */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  let base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  if (!base) {
    const home = env.HOME || homedir();
    if (!home || !isAbsolute(home)) return undefined;
    base = join(home, '.cache');
  }
  return join(base, 'codex-ts');
}

/**
 * Makes `dir` (and missing parents) for the user only (0700), or tightens to
 * 0700 one the user owns that is wider (an older version made it 0755).
 * Whether the cache may live there: not in a directory another user owns
 * (left as it is: theirs to change, and they could swap the files), nor when
 * it cannot be made or tightened. Never throws.
 */
export function makeCacheDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory() || (process.getuid !== undefined && st.uid !== process.getuid())) return false;
    if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
    return true;
  } catch {
    return false; // a file in the way, or no permission
  }
}
