// Looking at processes through /proc, for tests that check what is left running.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Running, as opposed to gone or a zombie waiting for its parent (init, for an orphan) to reap it. */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Live processes whose command line contains `marker`, with their program (argv[0]). */
export function processesWith(marker: string): { pid: number; program: string }[] {
  const found: { pid: number; program: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(marker) && alive(Number(entry))) found.push({ pid: Number(entry), program: cmdline.split('\0')[0] ?? '' });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * SIGKILLs every process whose executable lives under `dir` (also once that
 * file is deleted), and says which: what a native Codex CLI run left running
 * from its CODEX_HOME (0.169's app-server daemon and its updater). A process
 * of another user or a kernel thread has no readable exe and is skipped.
 */
export function stopProcessesUnder(dir: string): { pid: number; program: string }[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const stopped: { pid: number; program: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let exe: string;
    try {
      exe = readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, '');
    } catch {
      continue;
    }
    if (!exe.startsWith(prefix)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      stopped.push({ pid: Number(entry), program: exe });
    } catch {
      // gone meanwhile
    }
  }
  return stopped;
}
