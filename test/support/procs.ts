// Looking at processes through /proc, for tests that check what is left running.
import { readdirSync, readFileSync } from 'node:fs';

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
