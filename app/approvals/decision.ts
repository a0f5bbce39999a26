// What an approval check decides, and the exact texts the agent loop reports
// (reference §5.3–5.4).
export type SafetyCheck =
  | { readonly decision: 'auto-approve'; /** `platform`: run in the OS sandbox; `none`: run directly. */ readonly sandbox: 'platform' | 'none' }
  | { readonly decision: 'ask-user' }
  | { readonly decision: 'reject'; readonly reason: string };

export const MESSAGES = {
  commandNotTrusted: 'auto-rejected because command is not on trusted list',
  commandRejectedByUser: 'exec command rejected by user',
  retryWithoutSandbox: 'command failed; retry without sandbox?',
  retryingWithoutSandbox: 'retrying command without sandbox',
  emptyPatch: 'empty patch',
  patchOutsideProject: 'writing outside of the project; rejected by user approval settings',
  patchRejectedByUser: 'patch rejected by user',
} as const;

/** Tool output for a patch the policy refused. */
export const patchRejected = (reason: string): string => `patch rejected: ${reason}`;

/** Background event text before asking to retry a denied command. */
export const executionFailed = (error: string): string => `Execution failed: ${error}`;

/** Tool output for a sandbox denial under `never` / `on-request`. */
export const failedInSandbox = (sandbox: 'Seatbelt' | 'LinuxSeccomp', error: string): string =>
  `failed in sandbox ${sandbox} with execution error: ${error}`;
