// Watches the file index's listed directories one by one: fs.watch on a
// directory (inotify on Linux) reports an entry created, removed, renamed or
// written in it, which is all the index needs to re-read that directory only.
// Ignored trees are never listed, so never watched. Watches are limited: the
// budget (a quarter of the system's inotify watches, which every program of
// the user shares; elsewhere 4,000, kqueue's file descriptors being scarcer),
// and whatever the system refuses (ENOSPC, EMFILE); a directory left unwatched
// is swept instead (see DirTree.sweep). Watching costs ~11 µs of CPU per
// directory, once, in the build's slices; the sweep it replaces stat'ed every
// directory of a large tree again (~30 ms for 8,282) whenever a search found
// the last sweep over 3 s old.
import { readFileSync, watch } from 'node:fs';
import type { FsSeam } from './fs-seam.js';

/**
 * Where a watched directory's events go: its relative path, the entry's name
 * when the system gives it, and whether an entry came or went (a rename) or
 * was written (a change).
 */
export type Heard = (rel: string, name: string | undefined, renamed: boolean) => void;

export class DirWatch {
  private readonly watchers = new Map<string, { close(): void }>();
  /** The system refused a watch for want of resources: no more are tried. */
  private refused = false;

  constructor(
    private readonly fs: Pick<FsSeam, 'watch'>,
    private readonly budget: number,
    private readonly heard: Heard,
  ) {}

  get size(): number {
    return this.watchers.size;
  }

  has(rel: string): boolean {
    return this.watchers.has(rel);
  }

  /** Watches `abs` (listed as `rel`); false when it is left to sweeps. */
  add(rel: string, abs: string): boolean {
    if (this.watchers.has(rel)) return true;
    if (this.refused || this.watchers.size >= this.budget) return false;
    try {
      this.watchers.set(rel, this.fs.watch(abs, (name, renamed) => this.heard(rel, name, renamed), () => {
        // The directory went, or the watch broke: its re-read decides (a dropped one is unwatched there).
        this.remove(rel);
        this.heard(rel, undefined, true);
      }));
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE' || code === 'ENFILE') this.refused = true;
      return false; // unreadable or vanished: swept, or dropped by its parent's re-read
    }
  }

  remove(rel: string): void {
    this.watchers.get(rel)?.close();
    this.watchers.delete(rel);
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}

/** How many directories the index may watch on this system. */
export function watchBudget(): number {
  if (process.platform !== 'linux') return 4000;
  try {
    return Math.floor(Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8')) / 4) || 4000;
  } catch {
    return 4000;
  }
}

/** fs.watch on one directory; the watch does not keep the process alive. */
export function watchDir(abs: string, onEntry: (name: string | undefined, renamed: boolean) => void, onError: () => void): { close(): void } {
  const w = watch(abs, { persistent: false }, (kind, name) => onEntry(name ?? undefined, kind === 'rename'));
  w.on('error', onError);
  return w;
}
