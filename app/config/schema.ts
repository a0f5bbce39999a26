// The zod schema of config.toml (reference §2). Objects are loose so that
// unknown keys survive parsing; the loader reports them as warnings instead of
// dropping them silently.
import { z } from 'zod';
import { APPROVAL_POLICIES, REASONING_EFFORTS, REASONING_SUMMARIES } from '../protocol/policy.js';

export const approvalPolicySchema = z.enum(APPROVAL_POLICIES);
export const sandboxModeSchema = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export const reasoningEffortSchema = z.enum(REASONING_EFFORTS);
export const reasoningSummarySchema = z.enum(REASONING_SUMMARIES);
export const verbositySchema = z.enum(['low', 'medium', 'high']);
export const wireApiSchema = z.enum(['responses', 'chat']);

const stringMap = z.record(z.string(), z.string());

export const modelProviderSchema = z.looseObject({
  name: z.string(),
  base_url: z.string().optional(),
  env_key: z.string().optional(),
  env_key_instructions: z.string().optional(),
  wire_api: wireApiSchema.default('chat'),
  query_params: stringMap.optional(),
  http_headers: stringMap.optional(),
  env_http_headers: stringMap.optional(),
  request_max_retries: z.number().int().nonnegative().optional(),
  stream_max_retries: z.number().int().nonnegative().optional(),
  stream_idle_timeout_ms: z.number().int().positive().optional(),
  requires_openai_auth: z.boolean().default(false),
});

export const mcpServerSchema = z.looseObject({
  command: z.string().optional(),
  args: z.array(z.string()).default([]),
  env: stringMap.optional(),
  env_vars: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  url: z.string().optional(),
  bearer_token_env_var: z.string().optional(),
  http_headers: stringMap.optional(),
  env_http_headers: stringMap.optional(),
  enabled: z.boolean().default(true),
  startup_timeout_sec: z.number().positive().optional(),
  startup_timeout_ms: z.number().int().positive().optional(),
  tool_timeout_sec: z.number().positive().optional(),
  enabled_tools: z.array(z.string()).optional(),
  disabled_tools: z.array(z.string()).optional(),
});

export const shellEnvironmentPolicySchema = z.looseObject({
  inherit: z.enum(['all', 'core', 'none']).default('all'),
  ignore_default_excludes: z.boolean().default(false),
  exclude: z.array(z.string()).default([]),
  set: stringMap.default({}),
  include_only: z.array(z.string()).default([]),
  experimental_use_profile: z.boolean().default(false),
});

export const sandboxWorkspaceWriteSchema = z.looseObject({
  writable_roots: z.array(z.string()).default([]),
  network_access: z.boolean().default(false),
  exclude_tmpdir_env_var: z.boolean().default(false),
  exclude_slash_tmp: z.boolean().default(false),
});

export const profileSchema = z.looseObject({
  model: z.string().optional(),
  model_provider: z.string().optional(),
  approval_policy: approvalPolicySchema.optional(),
  sandbox_mode: sandboxModeSchema.optional(),
  disable_response_storage: z.boolean().optional(),
  model_reasoning_effort: reasoningEffortSchema.optional(),
  model_reasoning_summary: reasoningSummarySchema.optional(),
  model_verbosity: verbositySchema.optional(),
  chatgpt_base_url: z.string().optional(),
  experimental_instructions_file: z.string().optional(),
});

export const tuiSchema = z.looseObject({
  theme: z.string().default('dark'),
  notifications: z.union([z.boolean(), z.array(z.enum(['agent-turn-complete', 'approval-requested']))]).default(false),
  /** action name → key or list of keys, e.g. `submit = "ctrl+j"`; per mode: `[tui.keymap.composer]`. */
  keymap: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))])).default({}),
  animations: z.boolean().default(true),
  /** Start the composer in vim's normal mode (/vim toggles it). */
  vim: z.boolean().default(false),
  /** What of the conversation is written to the normal screen (the terminal's scrollback) when codex quits. */
  scrollback_on_exit: z.enum(['all', 'last-turn', 'none']).default('all'),
  /** What the status bar shows, in order (/statusline writes it); unknown ids are a warning in the TUI. */
  status_line: z.array(z.string()).optional(),
});

export const configTomlSchema = z.looseObject({
  model: z.string().optional(),
  model_provider: z.string().optional(),
  model_providers: z.record(z.string(), modelProviderSchema).default({}),
  model_context_window: z.number().int().positive().optional(),
  model_max_output_tokens: z.number().int().positive().optional(),
  model_auto_compact_token_limit: z.number().int().optional(),
  approval_policy: approvalPolicySchema.optional(),
  sandbox_mode: sandboxModeSchema.optional(),
  sandbox_workspace_write: sandboxWorkspaceWriteSchema.optional(),
  /** Linux: the bubblewrap program to use instead of /usr/bin/bwrap or /usr/local/bin/bwrap; it must be root-owned and writable by no one else. */
  bwrap_path: z.string().regex(/^\//, 'expected an absolute path').optional(),
  shell_environment_policy: shellEnvironmentPolicySchema.optional(),
  disable_response_storage: z.boolean().default(false),
  /** The program to run after each turn; `[]` turns it off (`-c notify=[]` for one run). */
  notify: z.array(z.string()).optional(),
  instructions: z.string().optional(),
  experimental_instructions_file: z.string().optional(),
  mcp_servers: z.record(z.string(), mcpServerSchema).default({}),
  project_doc_max_bytes: z.number().int().nonnegative().default(32768),
  project_doc_fallback_filenames: z.array(z.string()).default([]),
  profile: z.string().optional(),
  profiles: z.record(z.string(), profileSchema).default({}),
  history: z.looseObject({
    persistence: z.enum(['save-all', 'none']).default('save-all'),
    max_bytes: z.number().int().nonnegative().optional(),
  }).optional(),
  file_opener: z.enum(['vscode', 'vscode-insiders', 'windsurf', 'cursor', 'none']).default('vscode'),
  hide_agent_reasoning: z.boolean().default(false),
  show_raw_agent_reasoning: z.boolean().default(false),
  model_reasoning_effort: reasoningEffortSchema.optional(),
  model_reasoning_summary: reasoningSummarySchema.optional(),
  model_verbosity: verbositySchema.optional(),
  model_supports_reasoning_summaries: z.boolean().default(false),
  chatgpt_base_url: z.string().default('https://chatgpt.com/backend-api/'),
  projects: z.record(z.string(), z.looseObject({ trust_level: z.string().optional() })).default({}),
  preferred_auth_method: z.enum(['chatgpt', 'apikey']).default('chatgpt'),
  /** The built-in `openai` provider's base URL (what the Codex SDK's `baseUrl` sets). */
  openai_base_url: z.string().optional(),
  /** Newer form of tools.web_search: "live" searches the web, "cached" only OpenAI's index. */
  web_search: z.enum(['disabled', 'cached', 'live']).optional(),
  tools: z.looseObject({
    web_search: z.boolean().optional(),
    web_search_request: z.boolean().optional(),
    view_image: z.boolean().optional(),
  }).optional(),
  tui: tuiSchema.optional(),
  disable_paste_burst: z.boolean().default(false),
  responses_originator_header_internal_override: z.string().optional(),
  include_plan_tool: z.boolean().optional(),
  include_apply_patch_tool: z.boolean().optional(),
  experimental_use_exec_command_tool: z.boolean().optional(),
  experimental_use_unified_exec_tool: z.boolean().optional(),
});

export type ConfigToml = z.infer<typeof configTomlSchema>;
export type ModelProviderToml = z.infer<typeof modelProviderSchema>;
export type McpServerToml = z.infer<typeof mcpServerSchema>;
export type ShellEnvironmentPolicy = z.infer<typeof shellEnvironmentPolicySchema>;
export type SandboxMode = z.infer<typeof sandboxModeSchema>;
export type Verbosity = z.infer<typeof verbositySchema>;
export type WireApi = z.infer<typeof wireApiSchema>;
