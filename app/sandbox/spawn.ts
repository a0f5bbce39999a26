// Starts a LaunchPlan: the child gets the plan's extra buffers on fd 3, 4, …
// (bwrap reads its seccomp program from one) and everything else as asked.
import { spawn } from 'node:child_process';
import type { ChildProcess, IOType, SpawnOptions } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { LaunchPlan } from './types.js';

export interface SpawnPlanOptions {
  /** stdin, stdout, stderr. */
  readonly stdio?: readonly [IOType | 'inherit', IOType | 'inherit', IOType | 'inherit'];
  readonly detached?: boolean;
}

export function spawnPlan(plan: LaunchPlan, opts: SpawnPlanOptions = {}): ChildProcess {
  const [cmd, ...args] = plan.argv;
  if (cmd === undefined) throw new Error('spawnPlan: empty argv');
  const extra = plan.extraFds ?? [];
  const options: SpawnOptions = {
    cwd: plan.cwd,
    env: { ...plan.env },
    stdio: [...(opts.stdio ?? ['pipe', 'pipe', 'pipe']), ...extra.map(() => 'pipe' as const)],
    detached: opts.detached ?? false,
  };
  const child = spawn(cmd, args, options);
  extra.forEach((buf, i) => {
    const fd = child.stdio[3 + i] as Writable | null;
    if (!fd) return;
    fd.on('error', () => {}); // the child may exit before reading; its exit status tells the story
    fd.end(buf);
  });
  return child;
}
