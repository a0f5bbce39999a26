// The zod schema of config.toml (reference §2). Objects are loose so that
// unknown keys survive parsing; the loader reports them as warnings instead of
// dropping them silently. Written with zod/mini: every start validates the
// config before the first frame, and mini's functions bundle to a fraction of
// classic zod's code (whose every schema also builds its methods on creation).
// The schemas of the tables in a map (model_providers, mcp_servers, profiles)
// are built the first time a value reaches them (z.lazy): building every
// schema is most of the ~4 ms of CPU a start spends on the config. (Not those
// of optional tables: z.optional asks its inner schema whether it is optional
// itself, which builds a lazy one.)
import * as z from 'zod/mini';
import { APPROVAL_POLICIES, REASONING_EFFORTS, REASONING_SUMMARIES } from '../protocol/policy.js';

export const approvalPolicySchema = z.enum(APPROVAL_POLICIES);
export const sandboxModeSchema = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export const reasoningEffortSchema = z.enum(REASONING_EFFORTS);
export const reasoningSummarySchema = z.enum(REASONING_SUMMARIES);
export const verbositySchema = z.enum(['low', 'medium', 'high']);
export const wireApiSchema = z.enum(['responses', 'chat']);

const stringMap = z.record(z.string(), z.string());

export const modelProviderSchema = z.lazy(() => z.looseObject({
  name: z.string(),
  base_url: z.optional(z.string()),
  env_key: z.optional(z.string()),
  env_key_instructions: z.optional(z.string()),
  wire_api: z._default(wireApiSchema, 'chat'),
  query_params: z.optional(stringMap),
  http_headers: z.optional(stringMap),
  env_http_headers: z.optional(stringMap),
  request_max_retries: z.optional(z.number().check(z.int(), z.nonnegative())),
  stream_max_retries: z.optional(z.number().check(z.int(), z.nonnegative())),
  stream_idle_timeout_ms: z.optional(z.number().check(z.int(), z.positive())),
  requires_openai_auth: z._default(z.boolean(), false),
}));

export const mcpServerSchema = z.lazy(() => z.looseObject({
  command: z.optional(z.string()),
  args: z._default(z.array(z.string()), []),
  env: z.optional(stringMap),
  env_vars: z.optional(z.array(z.string())),
  cwd: z.optional(z.string()),
  url: z.optional(z.string()),
  bearer_token_env_var: z.optional(z.string()),
  http_headers: z.optional(stringMap),
  env_http_headers: z.optional(stringMap),
  enabled: z._default(z.boolean(), true),
  startup_timeout_sec: z.optional(z.number().check(z.positive())),
  startup_timeout_ms: z.optional(z.number().check(z.int(), z.positive())),
  tool_timeout_sec: z.optional(z.number().check(z.positive())),
  enabled_tools: z.optional(z.array(z.string())),
  disabled_tools: z.optional(z.array(z.string())),
}));

export const shellEnvironmentPolicySchema = z.looseObject({
  inherit: z._default(z.enum(['all', 'core', 'none']), 'all'),
  ignore_default_excludes: z._default(z.boolean(), false),
  exclude: z._default(z.array(z.string()), []),
  set: z._default(stringMap, {}),
  include_only: z._default(z.array(z.string()), []),
  experimental_use_profile: z._default(z.boolean(), false),
});


export const sandboxWorkspaceWriteSchema = z.looseObject({
  writable_roots: z._default(z.array(z.string()), []),
  network_access: z._default(z.boolean(), false),
  exclude_tmpdir_env_var: z._default(z.boolean(), false),
  exclude_slash_tmp: z._default(z.boolean(), false),
});


export const profileSchema = z.lazy(() => z.looseObject({
  model: z.optional(z.string()),
  model_provider: z.optional(z.string()),
  approval_policy: z.optional(approvalPolicySchema),
  sandbox_mode: z.optional(sandboxModeSchema),
  disable_response_storage: z.optional(z.boolean()),
  model_reasoning_effort: z.optional(reasoningEffortSchema),
  model_reasoning_summary: z.optional(reasoningSummarySchema),
  model_verbosity: z.optional(verbositySchema),
  chatgpt_base_url: z.optional(z.string()),
  experimental_instructions_file: z.optional(z.string()),
}));

export const tuiSchema = z.looseObject({
  theme: z._default(z.string(), 'dark'),
  notifications: z._default(z.union([z.boolean(), z.array(z.enum(['agent-turn-complete', 'approval-requested']))]), false),
  /** action name → key or list of keys, e.g. `submit = "ctrl+j"`; per mode: `[tui.keymap.composer]`. */
  keymap: z._default(z.record(z.string(), z.union([z.string(), z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))])), {}),
  animations: z._default(z.boolean(), true),
  /** Start the composer in vim's normal mode (/vim toggles it). */
  vim: z._default(z.boolean(), false),
  /** What of the conversation is written to the normal screen (the terminal's scrollback) when codex quits. */
  scrollback_on_exit: z._default(z.enum(['all', 'last-turn', 'none']), 'all'),
  /** What the status bar shows, in order (/statusline writes it); unknown ids are a warning in the TUI. */
  status_line: z.optional(z.array(z.string())),
});


export const configTomlSchema = z.looseObject({
  model: z.optional(z.string()),
  model_provider: z.optional(z.string()),
  model_providers: z._default(z.record(z.string(), modelProviderSchema), {}),
  model_context_window: z.optional(z.number().check(z.int(), z.positive())),
  model_max_output_tokens: z.optional(z.number().check(z.int(), z.positive())),
  model_auto_compact_token_limit: z.optional(z.number().check(z.int())),
  approval_policy: z.optional(approvalPolicySchema),
  sandbox_mode: z.optional(sandboxModeSchema),
  sandbox_workspace_write: z.optional(sandboxWorkspaceWriteSchema),
  /** Linux: the bubblewrap program to use instead of /usr/bin/bwrap or /usr/local/bin/bwrap; it must be root-owned and writable by no one else. */
  bwrap_path: z.optional(z.string().check(z.regex(/^\//, 'expected an absolute path'))),
  shell_environment_policy: z.optional(shellEnvironmentPolicySchema),
  disable_response_storage: z._default(z.boolean(), false),
  /** The program to run after each turn; `[]` turns it off (`-c notify=[]` for one run). */
  notify: z.optional(z.array(z.string())),
  instructions: z.optional(z.string()),
  experimental_instructions_file: z.optional(z.string()),
  mcp_servers: z._default(z.record(z.string(), mcpServerSchema), {}),
  project_doc_max_bytes: z._default(z.number().check(z.int(), z.nonnegative()), 32768),
  project_doc_fallback_filenames: z._default(z.array(z.string()), []),
  profile: z.optional(z.string()),
  profiles: z._default(z.record(z.string(), profileSchema), {}),
  history: z.optional(z.looseObject({
    persistence: z._default(z.enum(['save-all', 'none']), 'save-all'),
    max_bytes: z.optional(z.number().check(z.int(), z.nonnegative())),
  })),
  file_opener: z._default(z.enum(['vscode', 'vscode-insiders', 'windsurf', 'cursor', 'none']), 'vscode'),
  hide_agent_reasoning: z._default(z.boolean(), false),
  show_raw_agent_reasoning: z._default(z.boolean(), false),
  model_reasoning_effort: z.optional(reasoningEffortSchema),
  model_reasoning_summary: z.optional(reasoningSummarySchema),
  model_verbosity: z.optional(verbositySchema),
  model_supports_reasoning_summaries: z._default(z.boolean(), false),
  chatgpt_base_url: z._default(z.string(), 'https://chatgpt.com/backend-api/'),
  projects: z._default(z.record(z.string(), z.looseObject({ trust_level: z.optional(z.string()) })), {}),
  preferred_auth_method: z._default(z.enum(['chatgpt', 'apikey']), 'chatgpt'),
  /** The built-in `openai` provider's base URL (what the Codex SDK's `baseUrl` sets). */
  openai_base_url: z.optional(z.string()),
  /** Newer form of tools.web_search: "live" searches the web, "cached" only OpenAI's index. */
  web_search: z.optional(z.enum(['disabled', 'cached', 'live'])),
  tools: z.optional(z.looseObject({
    web_search: z.optional(z.boolean()),
    web_search_request: z.optional(z.boolean()),
    view_image: z.optional(z.boolean()),
  })),
  tui: z.optional(tuiSchema),
  disable_paste_burst: z._default(z.boolean(), false),
  responses_originator_header_internal_override: z.optional(z.string()),
  include_plan_tool: z.optional(z.boolean()),
  include_apply_patch_tool: z.optional(z.boolean()),
  experimental_use_exec_command_tool: z.optional(z.boolean()),
  experimental_use_unified_exec_tool: z.optional(z.boolean()),
});

export type ConfigToml = z.infer<typeof configTomlSchema>;
export type ModelProviderToml = z.infer<typeof modelProviderSchema>;
export type McpServerToml = z.infer<typeof mcpServerSchema>;
export type ShellEnvironmentPolicy = z.infer<typeof shellEnvironmentPolicySchema>;
export type SandboxMode = z.infer<typeof sandboxModeSchema>;
export type Verbosity = z.infer<typeof verbositySchema>;
export type WireApi = z.infer<typeof wireApiSchema>;
