// Ending a bwrap sandbox whole. bwrap forks the sandbox's pid 1 into a new pid
// namespace and (with --new-session) a new session, so a kill of bwrap's
// process group misses it; and pid 1 arms its --die-with-parent only after the
// set-up, so bwrap killed during the set-up left pid 1 and the command running
// under init. SIGKILL to a namespace's pid 1 (always delivered from outside)
// makes the kernel kill every process in the namespace, wherever they moved.
import { readFileSync, readlinkSync } from 'node:fs';

/** Pid 1 of a sandbox, as bwrap's --info-fd reports it: its host pid and its pid namespace's inode. */
export interface SandboxInit {
  readonly pid: number;
  readonly pidNamespace: number;
}

/** Pure: the init named in bwrap's --info-fd JSON; undefined while the JSON is missing or incomplete. */
export function parseBwrapInfo(text: string): SandboxInit | undefined {
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof info !== 'object' || info === null) return undefined;
  const { 'child-pid': pid, 'pid-namespace': pidNamespace } = info as Record<string, unknown>;
  if (!Number.isSafeInteger(pid) || !Number.isSafeInteger(pidNamespace)) return undefined;
  return { pid: pid as number, pidNamespace: pidNamespace as number };
}

/**
 * SIGKILLs the sandbox's pid 1, and with it its whole namespace, if `init.pid`
 * is still that process: checked by its pid namespace, so a pid the system has
 * since given to another process is left alone. Synchronous (exit hooks).
 */
export function killPidNamespace(init: SandboxInit, procRoot = '/proc'): void {
  try {
    if (readlinkSync(`${procRoot}/${init.pid}/ns/pid`) !== `pid:[${init.pidNamespace}]`) return;
    process.kill(init.pid, 'SIGKILL');
  } catch {
    // gone already (with its namespace)
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

/**
 * SIGKILLs a bwrap that is still running and the processes it forked: the
 * sandbox's pid 1 is one of them, though bwrap may not have named it yet, and
 * bwrap itself arms --die-with-parent only after the fork, so it may outlive
 * this process. Stopped first, so it forks nothing while its children are read.
 * Synchronous (exit hooks).
 */
export function killBwrapAndChildren(bwrapPid: number, procRoot = '/proc'): void {
  signal(bwrapPid, 'SIGSTOP');
  let children: number[] = [];
  try {
    children = readFileSync(`${procRoot}/${bwrapPid}/task/${bwrapPid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // exited meanwhile, or a kernel without the children file: bwrap alone
  }
  for (const pid of children) signal(pid, 'SIGKILL');
  signal(bwrapPid, 'SIGKILL');
}
