// assess_command_safety (reference §5.3): run unsandboxed, run in the platform
// sandbox, ask the user, or refuse, from the approval and sandbox policies.
import { platform } from 'node:process';
import type { ApprovalPolicy, SandboxPolicy } from '../protocol/policy.js';
import { MESSAGES } from './decision.js';
import type { SafetyCheck } from './decision.js';
import { isKnownSafeCommand } from './safe-commands.js';
import type { ApprovedCommands } from './session-approvals.js';

export interface CommandSafetyOptions {
  /** The model asked for `with_escalated_permissions` (on-request). */
  readonly withEscalatedPermissions?: boolean;
  /** Whether this OS has a platform sandbox; defaults to Linux or macOS. */
  readonly platformSandbox?: boolean;
}

export const hasPlatformSandbox = (): boolean => platform === 'linux' || platform === 'darwin';

export function assessCommandSafety(
  argv: readonly string[],
  approvalPolicy: ApprovalPolicy,
  sandboxPolicy: SandboxPolicy,
  approvedForSession: ApprovedCommands,
  opts: CommandSafetyOptions = {},
): SafetyCheck {
  if (approvedForSession.has(argv)) return { decision: 'auto-approve', sandbox: 'none' };
  const sandboxed = sandboxPolicy.mode !== 'danger-full-access' && (opts.platformSandbox ?? hasPlatformSandbox());
  // Stricter than the original, which runs known-safe commands unsandboxed: a
  // "read-only" command still obeys files the agent can write (a nested repo's
  // core.fsmonitor, a sed script), so it needs no approval but keeps the sandbox.
  if (isKnownSafeCommand(argv)) return { decision: 'auto-approve', sandbox: sandboxed ? 'platform' : 'none' };
  if (approvalPolicy === 'untrusted') return { decision: 'ask-user' };
  if (sandboxPolicy.mode === 'danger-full-access') return { decision: 'auto-approve', sandbox: 'none' };
  if (approvalPolicy === 'on-request' && opts.withEscalatedPermissions) return { decision: 'ask-user' };
  if (opts.platformSandbox ?? hasPlatformSandbox()) return { decision: 'auto-approve', sandbox: 'platform' };
  return approvalPolicy === 'never' ? { decision: 'reject', reason: MESSAGES.commandNotTrusted } : { decision: 'ask-user' };
}

/**
 * After a sandbox denial: `offer-retry` (ask "command failed; retry without
 * sandbox?") under untrusted and on-failure; `report` the failure to the model otherwise.
 */
export function sandboxFailureAction(approvalPolicy: ApprovalPolicy): 'offer-retry' | 'report' {
  return approvalPolicy === 'untrusted' || approvalPolicy === 'on-failure' ? 'offer-retry' : 'report';
}
