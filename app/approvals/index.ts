// Approvals: which commands and patches run without asking (reference §5.2–5.4).
export { assessCommandSafety, hasPlatformSandbox, sandboxFailureAction } from './command-safety.js';
export type { CommandSafetyOptions } from './command-safety.js';
export { assessPatchSafety, patchWritableRoots } from './patch-safety.js';
export type { PatchChange, PatchRoots } from './patch-safety.js';
export { isKnownSafeCommand } from './safe-commands.js';
export { SessionApprovals } from './session-approvals.js';
export type { ApprovedCommands } from './session-approvals.js';
export { MESSAGES, executionFailed, failedInSandbox, patchRejected } from './decision.js';
export type { SafetyCheck } from './decision.js';
