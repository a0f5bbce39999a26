// Programs codex runs outside any sandbox on the user's behalf (bwrap, git)
// are taken from where only root can put them, so a command that writes to a
// user-writable PATH directory cannot stand in for them. A leaf.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether `path` and every folder above it are owned by root and writable by no group or other user. */
export function rootOwnedPath(path: string): boolean {
  for (let p = path; ; p = dirname(p)) {
    try {
      const st = statSync(p);
      if (st.uid !== 0 || (st.mode & 0o022) !== 0) return false;
    } catch {
      return false;
    }
    if (dirname(p) === p) return true;
  }
}

/**
 * The first candidate (absolute paths) that is an executable file whose
 * folder, and whose real location after symlinks, only root can change.
 */
export function rootOwnedBinary(candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    try {
      const real = realpathSync(candidate);
      if (!statSync(real).isFile()) continue;
      accessSync(real, constants.X_OK);
      if (rootOwnedPath(dirname(candidate)) && rootOwnedPath(real)) return candidate;
    } catch {
      // missing or not executable: try the next one
    }
  }
  return undefined;
}
