// The interface between the tools that run commands and the sandbox.
// app/tools asks for a launch plan; app/sandbox decides how (bwrap, seatbelt,
// directly for danger-full-access) or refuses with SandboxUnavailableError.
import type { SandboxPolicy } from '../protocol/policy.js';

export interface LaunchRequest {
  readonly argv: readonly string[];
  /** Directory the command runs in. */
  readonly cwd: string;
  /** The session's working root (writable under workspace-write). */
  readonly sandboxCwd: string;
  readonly policy: SandboxPolicy;
  /** Environment already filtered by shell_environment_policy. */
  readonly env: Readonly<Record<string, string>>;
}

export interface LaunchPlan {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Extra file descriptors the child inherits at fd 3, 4, … (e.g. a seccomp program for bwrap). */
  readonly extraFds?: readonly Buffer[];
  readonly sandbox: 'none' | 'linux-bwrap' | 'macos-seatbelt';
}

/** The sandbox the policy needs cannot start; the command must not run. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}
