// The policy vocabulary the front ends and the loop speak (approval policy,
// sandbox policy, reasoning settings). config.toml's schema validates against
// these lists, so the protocol stays a leaf that imports nothing of ours.

export const APPROVAL_POLICIES = ['untrusted', 'on-failure', 'on-request', 'never'] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export const REASONING_SUMMARIES = ['auto', 'concise', 'detailed', 'none'] as const;
export type ReasoningSummary = (typeof REASONING_SUMMARIES)[number];

export type SandboxPolicy =
  | { readonly mode: 'read-only' }
  | {
      readonly mode: 'workspace-write';
      /** Extra absolute roots from config / --add-dir; cwd, /tmp and $TMPDIR are added by the sandbox. */
      readonly writableRoots: readonly string[];
      readonly networkAccess: boolean;
      readonly excludeTmpdirEnvVar: boolean;
      readonly excludeSlashTmp: boolean;
    }
  | { readonly mode: 'danger-full-access' };
