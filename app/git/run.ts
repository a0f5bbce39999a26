// The one way codex runs git itself (outside any sandbox: /diff, /review,
// checkpoints). A repository's files may have been written by the
// agent, so nothing in them may make git run a program: hooks, fsmonitor,
// pagers, external diff and textconv drivers, credential helpers and remote
// transports are switched off on the command line (which wins over every
// config file), and no GIT_* variable of the parent's reaches git (a caller
// names its own: a temporary index, a commit identity).
import { spawn } from 'node:child_process';
import { rootOwnedBinary } from '../system-binary.js';

/** `-c` settings that keep git from starting any other program. */
export const HARDENING: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.askPass=',
  'credential.helper=',
  'diff.external=',
  'protocol.allow=never',
];

const SYSTEM_GIT = ['/usr/bin/git', '/usr/local/bin/git', '/bin/git'];

/** A root-owned system git when there is one, else the `git` on PATH (the user's own install). */
export function gitProgram(): string {
  return rootOwnedBinary(SYSTEM_GIT) ?? 'git';
}

/** Pure: the full argument list, hardening first. */
export function gitArgs(args: readonly string[]): string[] {
  return ['--no-pager', ...HARDENING.flatMap((kv) => ['-c', kv]), ...args];
}

/** Pure: the parent's environment without GIT_*, never prompting, taking no optional locks. */
export function gitEnv(parent: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parent)) if (v !== undefined && !k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

export interface GitResult {
  /** git's exit status; 128 when it could not run or died. */
  readonly code: number;
  readonly stdout: string;
}

export interface GitBytesOptions {
  /** Written to git's stdin (then closed). */
  readonly stdin?: string | Buffer;
  /**
   * Variables set on top of gitEnv(): only ours, named by the caller (a
   * temporary GIT_INDEX_FILE, a commit identity), never the parent's.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export interface GitBytesResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const MAX_OUTPUT = 256 * 1024 * 1024;

/** Runs git with stdout as bytes (blobs are binary), optional stdin and extra environment. */
export function runGitBytes(cwd: string, args: readonly string[], opts: GitBytesOptions = {}): Promise<GitBytesResult> {
  return new Promise((resolve) => {
    const child = spawn(gitProgram(), gitArgs(args), { cwd, env: { ...gitEnv(), ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_OUTPUT) child.kill('SIGKILL');
      else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // git may exit before reading all of stdin (a bad argument): that is its exit status, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
    let settled = false;
    const done = (code: number) => {
      if (settled) return;
      settled = true;
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    };
    child.on('error', () => done(128));
    child.on('close', (code) => done(size > MAX_OUTPUT || code === null ? 128 : code));
  });
}

export async function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  const r = await runGitBytes(cwd, args);
  return { code: r.code, stdout: r.stdout.toString('utf8') };
}
