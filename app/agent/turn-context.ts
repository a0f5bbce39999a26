// The per-turn settings a task runs with. They start from the Config and
// change with override_turn_context (the TUI's /model, /approvals, …).
import type { ApprovalPolicy, ReasoningEffort, ReasoningSummary, SandboxPolicy } from '../protocol/policy.js';
import type { Config } from '../config/types.js';
import type { Op } from '../protocol/ops.js';

export interface TurnContext {
  readonly cwd: string;
  readonly approvalPolicy: ApprovalPolicy;
  readonly sandboxPolicy: SandboxPolicy;
  readonly model: string;
  readonly effort?: ReasoningEffort;
  readonly summary?: ReasoningSummary;
  readonly baseInstructions: string;
}

export function initialTurnContext(config: Config, baseInstructions: string): TurnContext {
  return {
    cwd: config.cwd,
    approvalPolicy: config.approvalPolicy,
    sandboxPolicy: config.sandboxPolicy,
    model: config.model,
    ...(config.reasoningEffort ? { effort: config.reasoningEffort } : {}),
    ...(config.reasoningSummary ? { summary: config.reasoningSummary } : {}),
    baseInstructions,
  };
}

export function applyOverride(ctx: TurnContext, op: Extract<Op, { type: 'override_turn_context' }>): TurnContext {
  return {
    ...ctx,
    ...(op.cwd !== undefined ? { cwd: op.cwd } : {}),
    ...(op.approval_policy !== undefined ? { approvalPolicy: op.approval_policy } : {}),
    ...(op.sandbox_policy !== undefined ? { sandboxPolicy: op.sandbox_policy } : {}),
    ...(op.model !== undefined ? { model: op.model } : {}),
    ...(op.effort !== undefined ? { effort: op.effort } : {}),
    ...(op.summary !== undefined ? { summary: op.summary } : {}),
  };
}

/** Whether the model must be told about the change with a new <environment_context>. */
export function environmentChanged(a: TurnContext, b: TurnContext): boolean {
  return a.cwd !== b.cwd || a.approvalPolicy !== b.approvalPolicy || JSON.stringify(a.sandboxPolicy) !== JSON.stringify(b.sandboxPolicy);
}

/** The rollout's turn_context payload. */
export function turnContextRecord(ctx: TurnContext): object {
  return {
    cwd: ctx.cwd, approval_policy: ctx.approvalPolicy, sandbox_policy: ctx.sandboxPolicy,
    model: ctx.model, effort: ctx.effort, summary: ctx.summary,
  };
}
