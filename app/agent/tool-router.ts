// Routes the model's tool calls (reference §4.3): shell (and local_shell),
// apply_patch (freeform, JSON, or through shell), update_plan and MCP tools.
// Unknown names and unparsable arguments become outputs the model can read.
import { SessionApprovals } from '../approvals/session-approvals.js';
import type { Config } from '../config/types.js';
import type { RootPins } from '../sandbox/pins.js';
import { pinSessionRoots } from '../sandbox/roots.js';
import type { ResponseItem, ToolSpec } from '../model/items.js';
import type { ShellArgs } from '../tools/args.js';
import { builtinToolSpecs } from './tool-specs.js';
import type { ApprovalGate } from './approval-gate.js';
import type { McpManager } from './mcp-call.js';
import { turnFamily } from './model-family.js';
import type { ToolEnv } from './tool-env.js';
import type { TurnContext } from './turn-context.js';
import { TurnDiffTracker } from './turn-diff.js';

export type { McpManager } from './mcp-call.js';

// The handlers (sandbox, approvals, the patch engine, argument schemas) load on
// the first tool call, so a run that only talks stays off them.
const shell = async (args: ShellArgs, env: ToolEnv) => (await import('./shell-call.js')).handleShell(args, env);
const patch = async (text: string, cwd: string, env: ToolEnv) => (await import('./patch-call.js')).handlePatch(text, cwd, env);
const toolArgs = () => import('../tools/args.js');

const VIEW_IMAGE_SPEC: ToolSpec = {
  type: 'function',
  name: 'view_image',
  description: 'Attach a local image (by filesystem path) to the conversation context for this turn.',
  strict: false,
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Local filesystem path to an image file' } },
    required: ['path'],
    additionalProperties: false,
  },
};

type Call = Extract<ResponseItem, { type: 'function_call' | 'custom_tool_call' | 'local_shell_call' }>;

export interface ToolRouterDeps {
  readonly config: Config;
  readonly gate: ApprovalGate;
  readonly mcp: McpManager | undefined;
}

export class ToolRouter {
  /** Commands approved for the session and roots granted to patches. */
  readonly approvals = new SessionApprovals();
  /** Writable roots (and CODEX_HOME) pinned now, at the session's start. */
  readonly sandboxRoots: RootPins;

  constructor(private readonly deps: ToolRouterDeps) {
    this.sandboxRoots = pinSessionRoots(deps.config.sandboxPolicy, deps.config.cwd, deps.config.codexHome);
  }

  /** A fresh diff tracker for a task. */
  newTurn(cwd: string): TurnDiffTracker {
    return new TurnDiffTracker(cwd);
  }

  /** The turn's model decides: GPT-5 families on the Responses wire get the freeform apply_patch, others the JSON variant. */
  specs(ctx: TurnContext): ToolSpec[] {
    const family = turnFamily(this.deps.config, ctx.model);
    const tools = builtinToolSpecs({
      approvalPolicy: ctx.approvalPolicy,
      includePlanTool: this.deps.config.includePlanTool,
      applyPatch: this.deps.config.includeApplyPatchTool ? (family.freeformApplyPatch ? 'freeform' : 'function') : 'none',
      localShell: family.localShell,
    });
    // --search / tools.web_search: the Responses API's native search, run server-side.
    if (this.deps.config.webSearch) {
      const access = this.deps.config.webSearchExternalAccess;
      tools.push(access === undefined ? { type: 'web_search' } : { type: 'web_search', external_web_access: access });
    }
    if (this.deps.config.toml.tools?.view_image !== false) tools.push(VIEW_IMAGE_SPEC);
    for (const t of this.deps.mcp?.tools() ?? []) {
      tools.push({ type: 'function', name: t.qualifiedName, description: t.description, strict: false, parameters: t.parameters });
    }
    return tools;
  }

  async run(call: Call, ctx: TurnContext, signal: AbortSignal, task: Pick<ToolEnv, 'tracker' | 'emit' | 'inject' | 'sessionLog' | 'checkpoint'>): Promise<string> {
    const callId = call.type === 'local_shell_call' ? call.call_id ?? call.id ?? '' : call.call_id;
    const env: ToolEnv = { config: this.deps.config, ctx, callId, signal, gate: this.deps.gate, approvals: this.approvals, sandboxRoots: this.sandboxRoots, ...task };
    const { emit } = env;
    if (call.type === 'local_shell_call') {
      const a = call.action;
      return shell({
        command: a.command,
        ...(a.working_directory ? { workdir: a.working_directory } : {}),
        ...(a.timeout_ms ? { timeout_ms: a.timeout_ms } : {}),
      }, env);
    }
    if (call.type === 'custom_tool_call') {
      if (call.name === 'apply_patch') return patch(call.input, ctx.cwd, env);
      return `unsupported custom tool call: ${call.name}`;
    }
    switch (call.name) {
      case 'shell':
      case 'container.exec': {
        const args = (await toolArgs()).parseShellArgs(call.arguments);
        return args.ok ? shell(args.value, env) : args.error;
      }
      case 'apply_patch': {
        const args = (await toolArgs()).parseApplyPatchArgs(call.arguments);
        return args.ok ? patch(args.value.input, ctx.cwd, env) : args.error;
      }
      case 'view_image':
        return (await import('./view-image.js')).handleViewImage(call.arguments, env);
      case 'update_plan': {
        const r = (await import('../tools/plan.js')).handleUpdatePlan(call.arguments);
        if (r.ok) emit(r.event);
        return r.output;
      }
      default:
        if (this.deps.mcp?.isMcpTool(call.name)) return (await import('./mcp-call.js')).handleMcpCall(this.deps.mcp, call.name, call.arguments, env);
        return `unsupported call: ${call.name}`;
    }
  }
}
