// Finding the processes our commands left behind. Killing a command's process
// group misses a descendant that left it (`setsid`, a daemon that double-forks):
// it is reparented to init and nothing links it to us any more. Its
// environment still does: every command runs with CODEX_PROCESS_TAG set to a
// value unique to this codex process, which descendants inherit, so at exit
// /proc names the strays. Linux only (elsewhere there is no /proc to read).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const PROCESS_TAG_VAR = 'CODEX_PROCESS_TAG';
/** This codex process's tag. */
export const processTag = `${process.pid}-${randomBytes(8).toString('hex')}`;

/** Pids (other than this process) whose environment holds `VAR=tag`, read from `procRoot`. Synchronous: it runs in exit hooks. */
export function taggedPids(tag = processTag, procRoot = '/proc'): number[] {
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch {
    return [];
  }
  const needle = Buffer.from(`${PROCESS_TAG_VAR}=${tag}\0`);
  const pids: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`${procRoot}/${entry}/environ`);
    } catch {
      continue; // gone meanwhile, or someone else's
    }
    // Entries are NUL-separated: the tag must start one, not end another's value.
    for (let at = environ.indexOf(needle); at !== -1; at = environ.indexOf(needle, at + 1)) {
      if (at === 0 || environ[at - 1] === 0) {
        pids.push(pid);
        break;
      }
    }
  }
  return pids;
}

/** SIGKILLs every process carrying this codex process's tag. */
export function killTagged(): void {
  for (const pid of taggedPids()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
}
