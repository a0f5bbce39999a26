// Where the launchers keep their V8 code caches (app/cli/launch/code-cache.ts). A support module
// because the sandbox keeps that directory read-only (app/sandbox/pins.ts):
// V8 runs the bytecode in a cache file unchecked, so a file a sandboxed
// command planted there would run outside the sandbox at the next start.
import { mkdirSync } from 'node:fs';
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

/** Makes `dir` (and missing parents) for the user only; a failure is left to the caller to notice. */
export function makeCacheDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    // a file in the way, or no permission: the caller finds it missing
  }
}
