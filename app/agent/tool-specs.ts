// The built-in tools offered to the model, in the order of reference §4.3:
// shell, update_plan, apply_patch. Plain JSON only (no zod), so building a
// request stays cheap; arguments are checked in args.ts when a call arrives.
import type { ApprovalPolicy } from '../protocol/policy.js';
import type { ToolSpec } from '../model/items.js';
import { APPLY_PATCH_INSTRUCTIONS, APPLY_PATCH_LARK_GRAMMAR } from '../tools/apply-patch/grammar.js';

export interface BuiltinToolOptions {
  /** `on-request` lets the model ask to run outside the sandbox. */
  readonly approvalPolicy: ApprovalPolicy;
  readonly includePlanTool: boolean;
  /**
   * `freeform`: custom tool constrained by the grammar (Responses API, GPT-5 families);
   * `function`: JSON `{input}` (Chat Completions, providers without custom tools);
   * `none`: the instructions tell the model to call apply_patch through shell.
   */
  readonly applyPatch: 'freeform' | 'function' | 'none';
  /** The native `local_shell` tool (codex-mini-latest on the Responses API) instead of the shell function. */
  readonly localShell?: boolean;
}

const SHELL_DESCRIPTION = 'Runs a command and returns its combined output and exit code. '
  + 'The command is an argument vector executed directly, not through a shell: for pipes, redirects or '
  + 'globs pass ["bash", "-lc", "<script>"]. Set workdir instead of starting the script with cd.';

const ESCALATION_DESCRIPTION = `${SHELL_DESCRIPTION}

Commands run inside a sandbox that limits file writes to the workspace and blocks network access. `
  + 'If a command needs more (writing elsewhere, downloading packages, a failure caused by the sandbox), '
  + 'run it again with with_escalated_permissions set to true and a one-sentence justification; the user '
  + 'is then asked to approve running it without the sandbox.';

function shellSpec(approvalPolicy: ApprovalPolicy): ToolSpec {
  const escalation = approvalPolicy === 'on-request';
  return {
    type: 'function',
    name: 'shell',
    description: escalation ? ESCALATION_DESCRIPTION : SHELL_DESCRIPTION,
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'array', items: { type: 'string' }, description: 'The command to execute' },
        workdir: { type: 'string', description: 'The working directory to execute the command in' },
        timeout_ms: { type: 'number', description: 'The timeout for the command in milliseconds' },
        ...(escalation ? {
          with_escalated_permissions: {
            type: 'boolean',
            description: 'Ask to run this command without the sandbox. Only when it really needs to.',
          },
          justification: {
            type: 'string',
            description: 'Why the command needs to run without the sandbox; shown to the user. Only with with_escalated_permissions.',
          },
        } : {}),
      },
      required: ['command'],
      additionalProperties: false,
    },
  };
}

const UPDATE_PLAN: ToolSpec = {
  type: 'function',
  name: 'update_plan',
  description: 'Records the plan for the current task so the user can follow progress. Send the whole list '
    + 'each time: every step with its status (pending, in_progress or completed), and keep at most one step '
    + 'in_progress. An optional explanation says what changed.',
  strict: false,
  parameters: {
    type: 'object',
    properties: {
      explanation: { type: 'string' },
      plan: {
        type: 'array',
        description: 'The steps of the plan, in order',
        items: {
          type: 'object',
          properties: {
            step: { type: 'string' },
            status: { type: 'string', enum: ['pending', 'in_progress', 'completed'], description: 'One of: pending, in_progress, completed' },
          },
          required: ['step', 'status'],
          additionalProperties: false,
        },
      },
    },
    required: ['plan'],
    additionalProperties: false,
  },
};

const APPLY_PATCH_FREEFORM: ToolSpec = {
  type: 'custom',
  name: 'apply_patch',
  description: 'Edits files with a patch in the apply_patch format. Send the patch text itself, not JSON.',
  format: { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_LARK_GRAMMAR },
};

const APPLY_PATCH_FUNCTION: ToolSpec = {
  type: 'function',
  name: 'apply_patch',
  description: APPLY_PATCH_INSTRUCTIONS,
  strict: false,
  parameters: {
    type: 'object',
    properties: { input: { type: 'string', description: 'The whole patch, from *** Begin Patch to *** End Patch' } },
    required: ['input'],
    additionalProperties: false,
  },
};

export function builtinToolSpecs(opts: BuiltinToolOptions): ToolSpec[] {
  const tools: ToolSpec[] = [opts.localShell ? { type: 'local_shell' } : shellSpec(opts.approvalPolicy)];
  if (opts.includePlanTool) tools.push(UPDATE_PLAN);
  if (opts.applyPatch === 'freeform') tools.push(APPLY_PATCH_FREEFORM);
  if (opts.applyPatch === 'function') tools.push(APPLY_PATCH_FUNCTION);
  return tools;
}
