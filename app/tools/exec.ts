// Runs a LaunchPlan (the sandbox decided how) as its own process group:
// streams output as it comes, enforces the timeout, and on timeout or abort
// kills the whole group, grandchildren included. Output is kept within a
// memory cap. Never rejects for the command's own failures.
import type { ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { spawnPlan, wrappedCommandError } from '../sandbox/spawn.js';
import type { LaunchPlan } from '../sandbox/types.js';
import { onProcessExit } from '../exit-hooks.js';
import { CappedBuffer } from './capped-buffer.js';
import { killTagged, PROCESS_TAG_VAR, processTag } from './process-tag.js';

/** Reference §4.3: the classic shell tool's default. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
/** Exit code reported for a command killed by its timeout. */
export const TIMEOUT_EXIT_CODE = 124;
/** At most this many output callbacks per command (reference: 10 000 delta events). */
export const MAX_OUTPUT_DELTAS = 10_000;
const DEFAULT_CAPTURE_BYTES = 1024 * 1024;
/** SIGTERM first, SIGKILL after this. */
const KILL_GRACE_MS = 500;
/** After the command exits, how long a background child may keep its output pipes open. */
const IO_DRAIN_MS = 2_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export type OutputStream = 'stdout' | 'stderr';

export interface RunOptions {
  /** Default DEFAULT_EXEC_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Aborting kills the process group. */
  readonly signal?: AbortSignal;
  /** Called with raw chunks as they arrive, at most `maxOutputDeltas` times. */
  readonly onOutput?: (stream: OutputStream, chunk: Buffer) => void;
  /** Default MAX_OUTPUT_DELTAS. */
  readonly maxOutputDeltas?: number;
  /** Memory cap per collected stream (stdout, stderr, aggregated). Default 1 MiB. */
  readonly maxCaptureBytes?: number;
}

export interface ExecOutcome {
  /** The exit status; 128+n after signal n; 124 on timeout; 127/126 when it could not start. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  readonly aggregatedOutput: string;
  /** Lines the command wrote in all, including those the memory cap left out of aggregatedOutput. */
  readonly aggregatedLines: number;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** The timeout that applied, in milliseconds. */
  readonly timeoutMs: number;
  readonly aborted: boolean;
  /** Why the program could not be started (not found, bad working directory, …). */
  readonly spawnError?: string;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Groups still running; if this process ends first (exit or a fatal signal), they go with it,
// and so do descendants that left their group (setsid): they carry our process tag.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function track(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  onProcessExit(() => {
    for (const g of liveGroups) killGroup(g, 'SIGKILL');
    killTagged();
  });
}

/** Why `command` could not start, as the system words it; exit 127 (not found) or 126 (not runnable), as a shell reports them. */
function spawnFailure(command: string, err: { code?: string | undefined; message: string }): { message: string; exitCode: number } {
  switch (err.code) {
    case 'ENOENT': return { message: `${command}: No such file or directory`, exitCode: 127 };
    case 'EACCES': return { message: `${command}: Permission denied`, exitCode: 126 };
    default: return { message: `${command}: ${err.message}`, exitCode: 126 };
  }
}

function notStarted(message: string, code: number, timeoutMs: number, started: number): ExecOutcome {
  return {
    exitCode: code, stdout: '', stderr: '', aggregatedOutput: '', aggregatedLines: 0, durationMs: performance.now() - started,
    timedOut: false, timeoutMs, aborted: false, spawnError: message,
  };
}

export async function runLaunchPlan(plan: LaunchPlan, opts: RunOptions = {}): Promise<ExecOutcome> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const started = performance.now();
  const dir = await stat(plan.cwd).catch(() => undefined);
  if (!dir?.isDirectory()) return notStarted(`working directory ${plan.cwd} does not exist`, 127, timeoutMs, started);
  if (opts.signal?.aborted) return { ...notStarted('aborted before start', 130, timeoutMs, started), aborted: true };

  const cap = opts.maxCaptureBytes ?? DEFAULT_CAPTURE_BYTES;
  const out = { stdout: new CappedBuffer(cap), stderr: new CappedBuffer(cap), all: new CappedBuffer(cap) };
  let deltas = 0;
  let timedOut = false;
  let aborted = false;

  const unstartable = wrappedCommandError(plan);
  if (unstartable) {
    const { message, exitCode } = spawnFailure(unstartable.command, { code: unstartable.code, message: '' });
    return notStarted(message, exitCode, timeoutMs, started);
  }
  let child: ChildProcess;
  try {
    child = spawnPlan({ ...plan, env: { ...plan.env, [PROCESS_TAG_VAR]: processTag } }, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (err) {
    // Rejected before any process existed, e.g. a NUL byte in an argument.
    const { message, exitCode } = spawnFailure(plan.argv[0] ?? '', err as NodeJS.ErrnoException);
    return notStarted(message, exitCode, timeoutMs, started);
  }
  const collect = (stream: OutputStream) => (chunk: Buffer): void => {
    out[stream].push(chunk);
    out.all.push(chunk);
    if (opts.onOutput && deltas < (opts.maxOutputDeltas ?? MAX_OUTPUT_DELTAS)) {
      deltas++;
      opts.onOutput(stream, chunk);
    }
  };
  if (child.pid !== undefined) track(child.pid);
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));

  let graceTimer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (child.pid === undefined || graceTimer) return;
    const pid = child.pid;
    killGroup(pid, 'SIGTERM');
    graceTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
  };
  // setTimeout fires at once for delays past 2^31-1 ms; a longer timeout is "no timeout" in practice.
  const timer = setTimeout(() => { timedOut = true; stop(); }, Math.min(timeoutMs, MAX_TIMER_MS));
  const onAbort = (): void => { aborted = true; stop(); };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const status = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
      child.once('error', (err) => resolve(err));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    if (status instanceof Error) {
      const { message, exitCode } = spawnFailure(plan.argv[0] ?? '', status as NodeJS.ErrnoException);
      return notStarted(message, exitCode, timeoutMs, started);
    }
    // Output may still be in the pipes; a background grandchild may hold them open.
    await new Promise<void>((resolve) => {
      const drain = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve();
      }, IO_DRAIN_MS);
      child.once('close', () => { clearTimeout(drain); resolve(); });
      if (child.stdout?.closed !== false && child.stderr?.closed !== false) { clearTimeout(drain); resolve(); }
    });
    const signalNo = status.signal ? constants.signals[status.signal] : undefined;
    const exitCode = timedOut ? TIMEOUT_EXIT_CODE : status.code ?? 128 + (signalNo ?? 0);
    return {
      exitCode,
      stdout: out.stdout.text(),
      stderr: out.stderr.text(),
      aggregatedOutput: out.all.text(),
      aggregatedLines: out.all.lines,
      durationMs: performance.now() - started,
      timedOut,
      timeoutMs,
      aborted,
    };
  } finally {
    // A command's background processes (`daemon &`) outlive its leader in the
    // same group: the group stays on the list, so they end with codex. An empty
    // group leaves it (its id could later be given to someone else's group).
    if (child.pid !== undefined && !groupAlive(child.pid)) liveGroups.delete(child.pid);
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    // The grace timer stays armed if we signalled: stragglers of the group still get SIGKILL.
    graceTimer?.unref();
  }
}
