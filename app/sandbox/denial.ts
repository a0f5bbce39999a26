// Tells a sandbox denial from an ordinary failure, so on-failure / untrusted
// can offer to re-run the command without the sandbox (reference §5.3).
import type { LaunchPlan } from './types.js';

export interface CommandResult {
  readonly sandbox: LaunchPlan['sandbox'];
  /** null when the process died from a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut?: boolean;
}

// What a command prints when the sandbox (not the command's own logic) stopped it.
const DENIAL_PATTERNS: readonly RegExp[] = [
  /operation not permitted/i,
  /permission denied/i,
  /read-only file system/i,
  /\bEPERM\b|\bEACCES\b|\bEROFS\b/,
  /network is unreachable/i,
  /temporary failure in name resolution|could not resolve host|name or service not known/i,
  /bad system call/i,
];

/** Exit 127 is "command not found", which no sandbox change would fix. */
export function looksLikeSandboxDenial(result: CommandResult): boolean {
  if (result.sandbox === 'none' || result.timedOut) return false;
  if (result.exitCode === 0 || result.exitCode === 127) return false;
  const text = `${result.stderr}\n${result.stdout}`;
  return DENIAL_PATTERNS.some((re) => re.test(text));
}
