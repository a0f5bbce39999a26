// Mount points bwrap makes on the host for reserved paths: an empty folder
// where a missing `.git` is covered read-only. It has to exist on the host (a
// mount needs a place in the bound folder), so it is removed when the last
// command of ours using it ends, not earlier: removing a mount point would
// unmount it in a sandbox still running, and unprotect it there. A codex killed
// with SIGKILL removes nothing, so each one is also written down in a journal
// in CODEX_HOME (read-only to every sandbox, so no command can add to it),
// one file per process and path; the next process to start a sandbox removes
// those of processes that are gone.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// How many running commands of this process hold a mount point at each path.
const held = new Map<string, number>();
const swept = new Set<string>();

const entryName = (pid: number, path: string): string => `${pid}-${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `path` if it is an empty folder; anything else stays. */
function removeIfEmpty(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // gone, not empty, or a mount point still in use: leave it
  }
}

/** Once per journal and process: removes the mount points that processes now gone left behind. */
export function sweepMountPoints(journal: string): void {
  if (swept.has(journal)) return;
  swept.add(journal);
  let names: string[];
  try {
    names = readdirSync(journal);
  } catch {
    return;
  }
  const live = new Set(names.filter((n) => alive(Number(n.split('-')[0]))).map((n) => n.slice(n.indexOf('-'))));
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      if (!live.has(name.slice(name.indexOf('-')))) removeIfEmpty(readFileSync(join(journal, name), 'utf8'));
      unlinkSync(join(journal, name));
    } catch {
      // another process swept it first
    }
  }
}

/** Counts `paths` as in use by a command about to start, written down in `journal` (if any) when first held. */
export function holdMountPoints(paths: readonly string[], journal: string | undefined): void {
  for (const p of paths) {
    const n = held.get(p) ?? 0;
    held.set(p, n + 1);
    if (n > 0 || !journal) continue;
    try {
      mkdirSync(journal, { recursive: true, mode: 0o700 });
      writeFileSync(join(journal, entryName(process.pid, p)), p, { mode: 0o600 });
    } catch {
      // no journal (CODEX_HOME not writable): removed at the end as before, only not after a SIGKILL
    }
  }
}

/** A command holding `paths` ended: the last one out removes each empty mount point and its journal entry. */
export function releaseMountPoints(paths: readonly string[], journal: string | undefined): void {
  for (const p of paths) {
    const n = (held.get(p) ?? 1) - 1;
    if (n > 0) {
      held.set(p, n);
      continue;
    }
    held.delete(p);
    removeIfEmpty(p);
    if (!journal) continue;
    try {
      unlinkSync(join(journal, entryName(process.pid, p)));
    } catch {
      // never written
    }
  }
}

/** Whether a running command of this process holds a mount point at `path`. */
export function holdsMountPoint(path: string): boolean {
  return held.has(path);
}
