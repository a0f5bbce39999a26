// The directory entries a path is reached through, and which of them a
// sandboxed command could replace. A read-only bind protects what a path leads
// to, not the names on the way: a symlink or a plain folder inside a writable
// root can be renamed and replaced (`rm .git && mkdir .git`, `mv cfg x && mkdir
// cfg`), and the next command, the host's git or the next codex run then
// follows the new one. A mount point cannot be renamed or removed (EBUSY), so
// every folder on the way is bound onto itself; a symlink cannot be a mount
// point (mount follows it, in bwrap too), so a root holding one is not bound.
//
// The same mount points close the window between the pin check (pins.ts) and
// bwrap's binds: a root's parent swapped for a symlink then (by a sandboxed
// command still running) would make bwrap bind somewhere else. Handing bwrap
// the pinned folder as /proc/self/fd/N would fix only the source: bwrap 0.8
// resolves every destination by path in its new root, so a swapped parent
// still moves the mount. Re-checking inside would cost a process per command.
// Made mount points, the folders on the way cannot be renamed by any
// sandboxed process, at no measurable cost (bwrap with 4 such binds: 10.4 ms
// median against 10.6 without, 30 interleaved runs).
import { lstatSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Entry {
  /** Where the entry is: its folder's real path plus its name. */
  readonly path: string;
  readonly kind: 'dir' | 'link' | 'other';
}

/** The entries from `/` to `named` (absolute), following symlinks as the kernel does; stops at the first missing one. */
export function entriesTo(named: string): Entry[] {
  const out: Entry[] = [];
  let at = '/';
  for (const name of resolve(named).split('/').filter(Boolean)) {
    const path = join(at, name);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return out;
    }
    if (st.isSymbolicLink()) {
      out.push({ path, kind: 'link' });
      try {
        at = realpathSync(path);
      } catch {
        return out; // dangling
      }
    } else {
      out.push({ path, kind: st.isDirectory() ? 'dir' : 'other' });
      at = path;
    }
  }
  return out;
}

/** What guarding the ways to `targets` takes: folders to make mount points, and symlinks that rule their roots out. */
export function guardChains(
  targets: readonly string[], writable: (path: string) => boolean, isRoot: (path: string) => boolean,
): { pin: string[]; links: { link: string; target: string }[] } {
  const pin = new Set<string>();
  const links: { link: string; target: string }[] = [];
  for (const target of targets) {
    const entries = entriesTo(target);
    entries.forEach((e, i) => {
      if (!writable(e.path) || isRoot(e.path)) return;
      if (e.kind === 'link') links.push({ link: e.path, target });
      // The last entry is the protected path itself, bound read-only elsewhere.
      else if (e.kind === 'dir' && i < entries.length - 1) pin.add(e.path);
    });
  }
  return { pin: [...pin], links };
}
