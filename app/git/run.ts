// The one way codex runs git itself (outside any sandbox: /diff, and any
// future host-side git). A repository's files may have been written by the
// agent, so nothing in them may make git run a program: hooks, fsmonitor,
// pagers, external diff and textconv drivers, credential helpers and remote
// transports are switched off on the command line (which wins over every
// config file), and no GIT_* variable of ours reaches git.
import { execFile } from 'node:child_process';
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

export function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(gitProgram(), gitArgs(args), { cwd, env: gitEnv(), maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 128) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}
