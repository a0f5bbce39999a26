// The interface between the tools that run commands and the sandbox.
// app/tools asks for a launch plan; app/sandbox decides how (bwrap, seatbelt,
// directly for danger-full-access) or refuses with SandboxUnavailableError.
import type { SandboxPolicy } from '../protocol/policy.js';
import type { RootPins } from './pins.js';

export interface LaunchRequest {
  readonly argv: readonly string[];
  /** Directory the command runs in. */
  readonly cwd: string;
  /** The session's working root (writable under workspace-write). */
  readonly sandboxCwd: string;
  readonly policy: SandboxPolicy;
  /** Environment already filtered by shell_environment_policy. */
  readonly env: Readonly<Record<string, string>>;
  /** The session's writable roots (and CODEX_HOME) as pinned when it started. */
  readonly pins: RootPins;
  /** config `bwrap_path`, used in place of the system locations. */
  readonly bwrapPath?: string;
}

export interface LaunchPlan {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Extra file descriptors the child inherits at fd 3, 4, … (e.g. a seccomp program for bwrap). */
  readonly extraFds?: readonly Buffer[];
  /** The fd (after extraFds) on which bwrap names the sandbox's pid 1, so spawnPlan can end the sandbox whole. */
  readonly infoFd?: number;
  readonly sandbox: 'none' | 'linux-bwrap' | 'macos-seatbelt';
  /** Mount points bwrap may create for reserved paths; spawnPlan removes them when the command ends. */
  readonly mountTargets?: readonly string[];
  /** Where spawnPlan writes those mount points down, so the next process removes them after a SIGKILL (in CODEX_HOME). */
  readonly mountJournal?: string;
  /** Writable roots left unbound for this command, each with the reason (see pins.ts). */
  readonly dropped?: readonly string[];
}

/** The sandbox the policy needs cannot start; the command must not run. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}
