// Runs a real command under a real sandbox plan and collects its output, bounded in time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planLaunch, spawnPlan, type RootPins } from '../../app/sandbox/index.js';
import { pinSessionRoots } from '../../app/sandbox/roots.js';
import type { LaunchPlan } from '../../app/sandbox/index.js';
import type { SandboxPolicy } from '../../app/protocol/policy.js';
import { missingTool } from '../support/tools.js';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly plan: LaunchPlan;
}

export interface RunOptions {
  readonly cwd: string;
  readonly sandboxCwd?: string;
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
  /** The session's pinned roots; by default pinned now, as a new session would. */
  readonly pins?: RootPins;
  readonly codexHome?: string;
}

export async function runIn(policy: SandboxPolicy, argv: readonly string[], opts: RunOptions): Promise<RunResult> {
  const plan = await planLaunch({
    argv, cwd: opts.cwd, sandboxCwd: opts.sandboxCwd ?? opts.cwd, policy,
    env: opts.env ?? { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    pins: opts.pins ?? pinSessionRoots(policy, opts.sandboxCwd ?? opts.cwd, opts.codexHome),
  });
  const child = spawnPlan(plan, { stdio: ['ignore', 'pipe', 'pipe'] });
  return { ...(await collect(child, opts.timeoutMs)), plan };
}

/** Waits for a child with piped stdout/stderr, killing it after `timeoutMs`. */
export function collect(child: ChildProcess, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

export const sh = (script: string): string[] => ['/bin/sh', '-c', script];
/** A node one-liner (ESM) run inside the sandbox. */
export const nodeScript = (code: string): string[] => [process.execPath, '--input-type=module', '-e', code];

/** The unprivileged user the sandbox tests switch to. */
export const NOBODY = 65534;

/** Why an unprivileged user cannot run the sandbox tests here, if not. */
export const nonRootSkip = ((): string | false => {
  const noBwrap = missingTool('bwrap');
  if (noBwrap) return noBwrap;
  if (process.getuid?.() !== 0) return 'needs root to switch to an unprivileged user';
  const probe = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups',
    '/usr/bin/bwrap', '--unshare-user', '--ro-bind', '/', '/', '--', '/bin/true'], { stdio: 'ignore' });
  if (probe.error) return 'setpriv is not installed';
  return probe.status === 0 ? false : 'bwrap cannot create a user namespace for an unprivileged user here';
})();

const CLI = process.env['CODEX_TEST_CLI'] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'codex.js');

export interface LandlockOptions {
  cwd: string;
  /** HOME and CODEX_HOME. */
  home: string;
  uid?: number;
  path?: string;
  env?: Record<string, string>;
}

/** Starts `codex debug landlock [...args]` in `cwd`, as root or (uid) an unprivileged user (setpriv execs it: same pid). */
export function startLandlock(args: string[], opts: LandlockOptions): ChildProcess {
  const env = { PATH: opts.path ?? process.env['PATH'] ?? '/usr/bin:/bin', HOME: opts.home, CODEX_HOME: opts.home, ...opts.env };
  const argv = [CLI, 'debug', 'landlock', ...args];
  return opts.uid === undefined
    ? spawn(process.execPath, argv, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('setpriv', [`--reuid=${opts.uid}`, `--regid=${opts.uid}`, '--clear-groups', process.execPath, ...argv],
      { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export const debugLandlock = (args: string[], opts: LandlockOptions): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  collect(startLandlock(args, opts), 30_000);
