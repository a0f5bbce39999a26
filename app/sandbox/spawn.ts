// Starts a LaunchPlan: the child gets the plan's extra buffers on fd 3, 4, …
// (bwrap reads its seccomp program from one) and everything else as asked.
import { spawn } from 'node:child_process';
import type { ChildProcess, IOType, SpawnOptions } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** execvp's search path when PATH is unset. */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Why the command a sandbox wrapper would exec cannot start, found before the
 * wrapper runs: bwrap would only report it in its own words with exit status 1,
 * where a direct spawn fails with ENOENT (127) or EACCES (126). The sandbox sees
 * the host's file system, so the lookup on the host is the same.
 */
export function wrappedCommandError(plan: LaunchPlan): { command: string; code: 'ENOENT' | 'EACCES' } | undefined {
  if (plan.sandbox === 'none') return undefined;
  const command = plan.argv[plan.argv.indexOf('--') + 1];
  if (!command) return undefined;
  const candidates = command.includes('/')
    ? [resolve(plan.cwd, command)]
    : (plan.env['PATH'] ?? DEFAULT_PATH).split(':').filter(Boolean).map((dir) => join(resolve(plan.cwd, dir), command));
  let code: 'ENOENT' | 'EACCES' = 'ENOENT';
  for (const path of candidates) {
    try {
      if (!statSync(path).isFile()) continue;
      accessSync(path, constants.X_OK);
      return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EACCES') code = 'EACCES';
    }
  }
  return { command, code };
}
