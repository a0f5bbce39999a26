// Where the CLI keeps what it caches between starts: the launchers' V8 code
// caches (app/cli/launch/code-cache.ts) and the last checked config
// (app/config/checked-memo.ts). A support module because the sandbox keeps
// that directory read-only (app/sandbox/pins.ts): V8 runs the bytecode in a
// cache file unchecked, and the checked config decides the sandbox, so a file
// a sandboxed command planted there would act outside the sandbox at the next start.
import { chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

/** $XDG_CACHE_HOME/codex-ts, else ~/.cache/codex-ts; undefined without either. */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  let base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  if (!base) {
    // node:os only without HOME: loading it costs every start ~0.2 ms before the first frame.
    const home = env.HOME || process.getBuiltinModule('node:os').homedir();
    if (!home || !isAbsolute(home)) return undefined;
    base = join(home, '.cache');
  }
  return join(base, 'codex-ts');
}

/**
 * Narrows what the user owns at `path` to them alone when it is wider (an
 * older version's 0755 folder or 0644 file, or one git wrote): a directory to
 * 0700, a file to 0600. A symbolic link, or another user's, is left as it is.
 * Never throws.
 */
export function narrowPrivate(path: string): void {
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st || (st.mode & 0o077) === 0 || st.uid !== process.getuid?.()) return;
    if (st.isDirectory()) chmodSync(path, 0o700);
    else if (st.isFile()) chmodSync(path, 0o600);
  } catch {
    // gone meanwhile, or not ours to change
  }
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

/**
 * The bytes of `path` when it is a file the user owns and no one else may
 * write; else (or when it cannot be read) undefined. What the cache holds is
 * acted on unchecked, so a file another user could have written does not count.
 */
export function readPrivateFile(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking: a FIFO in its place would otherwise hold the start until something writes to it (fstat refuses it below).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    const foreign = (st.mode & 0o022) !== 0 || (process.getuid !== undefined && st.uid !== process.getuid());
    return st.isFile() && !foreign ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `path` whole or not at all, for the user only: a temporary name in
 * the same directory (made when missing), renamed over it, so concurrent
 * starts never see half a file. The bytes are made only once that file is
 * open, so that a directory that cannot be written costs no work to make
 * them, start after start. Whether it was written.
 */
export function writePrivateFile(path: string, bytes: () => Buffer | string): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    if (!makeCacheDir(dirname(path))) return false;
    // For the user only (readPrivateFile refuses anything else), never a leftover of that name.
    rmSync(tmp, { force: true });
    fd = openSync(tmp, 'wx', 0o600);
    writeFileSync(fd, bytes());
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    return true;
  } catch {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(tmp, { force: true });
    } catch {
      // the directory is not there to hold it either
    }
    return false;
  }
}

/** Removes the files of `dir` that `pattern` matches, but `keep`, untouched for `ageMs`: what an old build or a gone CODEX_HOME left behind. */
export function removeStale(dir: string, pattern: RegExp, keep: string, ageMs: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // a directory the user may write but not list (0300), or gone: only the sweep is lost
  }
  for (const name of names) {
    if (name === keep || !pattern.test(name)) continue;
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > ageMs) rmSync(join(dir, name), { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}
