// Starts a LaunchPlan: the child gets the plan's extra buffers on fd 3, 4, …
// (bwrap reads its seccomp program from one) and everything else as asked;
// mount points bwrap made for reserved paths are removed when it ends (or, after
// a SIGKILL, by the next process: mount-points.ts), and a
// bwrap sandbox never outlives its bwrap process, nor this one.
import { spawn } from 'node:child_process';
import type { ChildProcess, IOType, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { onProcessExit } from '../exit-hooks.js';
import { holdMountPoints, holdsMountPoint, releaseMountPoints, sweepMountPoints } from './mount-points.js';
import { killBwrapAndChildren, killPidNamespace, parseBwrapInfo } from './pid-namespace.js';
import type { LaunchPlan } from './types.js';

export interface SpawnPlanOptions {
  /** stdin, stdout, stderr. */
  readonly stdio?: readonly [IOType | 'inherit', IOType | 'inherit', IOType | 'inherit'];
  readonly detached?: boolean;
}

/**
 * An unlinked temporary file for bwrap's --info-fd: unlike a pipe it can be
 * read at any moment, synchronously (exit hooks), and nobody else can open it.
 */
function openInfoFile(): number {
  const path = join(tmpdir(), `codex-bwrap-info-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(path, 'wx+', 0o600);
  unlinkSync(path);
  return fd;
}

/** Kills the sandbox's pid namespace once bwrap has named its pid 1 in `infoFile`; before that, pid 1 waits for bwrap in bwrap's process group. */
function endSandbox(infoFile: number): void {
  const buf = Buffer.alloc(4096);
  const init = parseBwrapInfo(buf.subarray(0, readSync(infoFile, buf, 0, buf.length, 0)).toString('utf8'));
  if (init) killPidNamespace(init);
}

/** The sandbox ends when bwrap does (killed, or its command done) or when this process exits. */
function bindSandboxToChild(child: ChildProcess, infoFile: number): void {
  const unhook = onProcessExit(() => {
    endSandbox(infoFile);
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killBwrapAndChildren(child.pid);
  });
  let open = true;
  const finish = (): void => {
    if (!open) return;
    open = false;
    endSandbox(infoFile);
    unhook();
    closeSync(infoFile);
  };
  child.once('exit', finish);
  child.once('error', finish);
}

export function spawnPlan(plan: LaunchPlan, opts: SpawnPlanOptions = {}): ChildProcess {
  const [cmd, ...args] = plan.argv;
  if (cmd === undefined) throw new Error('spawnPlan: empty argv');
  const extra = plan.extraFds ?? [];
  const stdio: (IOType | 'inherit' | number)[] = [...(opts.stdio ?? ['pipe', 'pipe', 'pipe']), ...extra.map(() => 'pipe' as const)];
  const infoFile = plan.infoFd !== undefined ? openInfoFile() : undefined;
  if (plan.infoFd !== undefined && infoFile !== undefined) {
    while (stdio.length < plan.infoFd) stdio.push('ignore');
    stdio[plan.infoFd] = infoFile;
  }
  const options: SpawnOptions = { cwd: plan.cwd, env: { ...plan.env }, stdio, detached: opts.detached ?? false };
  // Ours to remove: mount points bwrap is about to make, or that a running command of ours made
  // (after removing those a killed codex left, which would otherwise look like the user's own).
  const journal = plan.mountJournal;
  if (journal) sweepMountPoints(journal);
  const targets = (plan.mountTargets ?? []).filter((p) => holdsMountPoint(p) || !existsSync(p));
  holdMountPoints(targets, journal);
  let child: ChildProcess;
  try {
    child = spawn(cmd, args, options);
  } catch (err) {
    releaseMountPoints(targets, journal);
    if (infoFile !== undefined) closeSync(infoFile);
    throw err;
  }
  if (infoFile !== undefined) bindSandboxToChild(child, infoFile);
  child.once('close', () => releaseMountPoints(targets, journal));
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
