// Arguments of the `codex` and `codex-reply` tools (zod at the edge), and how
// a `codex` call becomes config-loader options: typed overrides for the named
// parameters, `-c key=value` strings for the free-form `config` object.
import { z } from 'zod';
import { approvalPolicySchema, sandboxModeSchema } from '../../config/schema.js';
import type { ConfigOverrides } from '../../config/types.js';
import { tomlValue } from '../../config/edit/toml-value.js';

export const codexParamsSchema = z.object({
  prompt: z.string(),
  model: z.string().optional(),
  profile: z.string().optional(),
  cwd: z.string().optional(),
  'approval-policy': z.optional(approvalPolicySchema),
  sandbox: z.optional(sandboxModeSchema),
  config: z.record(z.string(), z.unknown()).optional(),
  'base-instructions': z.string().optional(),
  'include-plan-tool': z.boolean().optional(),
});
export type CodexParams = z.infer<typeof codexParamsSchema>;

export const codexReplyParamsSchema = z.object({ conversationId: z.string(), prompt: z.string() });

export function overridesFromParams(p: CodexParams): ConfigOverrides {
  return {
    ...(p.model !== undefined && { model: p.model }),
    ...(p.profile !== undefined && { profile: p.profile }),
    ...(p.cwd !== undefined && { cwd: p.cwd }),
    ...(p['approval-policy'] !== undefined && { approvalPolicy: p['approval-policy'] }),
    ...(p.sandbox !== undefined && { sandboxMode: p.sandbox }),
    ...(p['base-instructions'] !== undefined && { baseInstructions: p['base-instructions'] }),
    ...(p['include-plan-tool'] !== undefined && { includePlanTool: p['include-plan-tool'] }),
  };
}

/** `{"sandbox_workspace_write": {"network_access": true}}` → [`sandbox_workspace_write={ network_access = true }`]. */
export function cliOverridesFromConfig(config: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.entries(config ?? {}).map(([key, value]) => `${key}=${tomlValue(value, `config.${key}`)}`);
}

/** A readable one-line summary of a zod failure: `prompt: expected string, received undefined`. */
export function describeParamsError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
}
