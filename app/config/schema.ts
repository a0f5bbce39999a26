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

// Schemas are immutable, so the keys of one kind share one: each schema made
// costs ~20 µs of the start's CPU (sharing took building this module's from
// ~3.9 to ~2.5 ms).
const stringMap = z.record(z.string(), z.string());
const optString = z.optional(z.string());
const optStrings = z.optional(z.array(z.string()));
const optStringMap = z.optional(stringMap);
const optBoolean = z.optional(z.boolean());
const falseByDefault = z._default(z.boolean(), false);
const trueByDefault = z._default(z.boolean(), true);
const noStrings = z._default(z.array(z.string()), []);
const optPositiveInt = z.optional(z.number().check(z.int(), z.positive()));
const optNonNegativeInt = z.optional(z.number().check(z.int(), z.nonnegative()));
const optPositive = z.optional(z.number().check(z.positive()));

export const modelProviderSchema = z.lazy(() => z.looseObject({
  name: z.string(),
  base_url: optString,
  env_key: optString,
  env_key_instructions: optString,
  wire_api: z._default(wireApiSchema, 'chat'),
  query_params: optStringMap,
  http_headers: optStringMap,
  env_http_headers: optStringMap,
  request_max_retries: optNonNegativeInt,
  stream_max_retries: optNonNegativeInt,
  stream_idle_timeout_ms: optPositiveInt,
  requires_openai_auth: falseByDefault,
}));

export const mcpServerSchema = z.lazy(() => z.looseObject({
  command: optString,
  args: noStrings,
  env: optStringMap,
  env_vars: optStrings,
  cwd: optString,
  url: optString,
  bearer_token_env_var: optString,
  http_headers: optStringMap,
  env_http_headers: optStringMap,
  enabled: trueByDefault,
  startup_timeout_sec: optPositive,
  startup_timeout_ms: optPositiveInt,
  tool_timeout_sec: optPositive,
  enabled_tools: optStrings,
  disabled_tools: optStrings,
}));

export const shellEnvironmentPolicySchema = z.looseObject({
  inherit: z._default(z.enum(['all', 'core', 'none']), 'all'),
  ignore_default_excludes: falseByDefault,
  exclude: noStrings,
  set: z._default(stringMap, {}),
  include_only: noStrings,
  experimental_use_profile: falseByDefault,
});


export const sandboxWorkspaceWriteSchema = z.looseObject({
  writable_roots: noStrings,
  network_access: falseByDefault,
  exclude_tmpdir_env_var: falseByDefault,
  exclude_slash_tmp: falseByDefault,
});


export const profileSchema = z.lazy(() => z.looseObject({
  model: optString,
  model_provider: optString,
  approval_policy: z.optional(approvalPolicySchema),
  sandbox_mode: z.optional(sandboxModeSchema),
  disable_response_storage: optBoolean,
  model_reasoning_effort: z.optional(reasoningEffortSchema),
  model_reasoning_summary: z.optional(reasoningSummarySchema),
  model_verbosity: z.optional(verbositySchema),
  chatgpt_base_url: optString,
  experimental_instructions_file: optString,
}));

export const tuiSchema = z.looseObject({
  theme: z._default(z.string(), 'dark'),
  notifications: z._default(z.union([z.boolean(), z.array(z.enum(['agent-turn-complete', 'approval-requested']))]), false),
  /** action name → key or list of keys, e.g. `submit = "ctrl+j"`; per mode: `[tui.keymap.composer]`. */
  keymap: z._default(z.record(z.string(), z.union([z.string(), z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))])), {}),
  animations: trueByDefault,
  /** Start the composer in vim's normal mode (/vim toggles it). */
  vim: falseByDefault,
  /** What of the conversation is written to the normal screen (the terminal's scrollback) when codex quits. */
  scrollback_on_exit: z._default(z.enum(['all', 'last-turn', 'none']), 'all'),
  /** What the status bar shows, in order (/statusline writes it); unknown ids are a warning in the TUI. */
  status_line: optStrings,
});


export const configTomlSchema = z.looseObject({
  model: optString,
  model_provider: optString,
  model_providers: z._default(z.record(z.string(), modelProviderSchema), {}),
  model_context_window: optPositiveInt,
  model_max_output_tokens: optPositiveInt,
  model_auto_compact_token_limit: z.optional(z.number().check(z.int())),
  approval_policy: z.optional(approvalPolicySchema),
  sandbox_mode: z.optional(sandboxModeSchema),
  sandbox_workspace_write: z.optional(sandboxWorkspaceWriteSchema),
  /** Linux: the bubblewrap program to use instead of /usr/bin/bwrap or /usr/local/bin/bwrap; it must be root-owned and writable by no one else. */
  bwrap_path: z.optional(z.string().check(z.regex(/^\//, 'expected an absolute path'))),
  shell_environment_policy: z.optional(shellEnvironmentPolicySchema),
  disable_response_storage: falseByDefault,
  /** The program to run after each turn; `[]` turns it off (`-c notify=[]` for one run). */
  notify: optStrings,
  instructions: optString,
  experimental_instructions_file: optString,
  mcp_servers: z._default(z.record(z.string(), mcpServerSchema), {}),
  project_doc_max_bytes: z._default(z.number().check(z.int(), z.nonnegative()), 32768),
  project_doc_fallback_filenames: noStrings,
  profile: optString,
  profiles: z._default(z.record(z.string(), profileSchema), {}),
  history: z.optional(z.looseObject({
    persistence: z._default(z.enum(['save-all', 'none']), 'save-all'),
    max_bytes: optNonNegativeInt,
  })),
  file_opener: z._default(z.enum(['vscode', 'vscode-insiders', 'windsurf', 'cursor', 'none']), 'vscode'),
  hide_agent_reasoning: falseByDefault,
  show_raw_agent_reasoning: falseByDefault,
  model_reasoning_effort: z.optional(reasoningEffortSchema),
  model_reasoning_summary: z.optional(reasoningSummarySchema),
  model_verbosity: z.optional(verbositySchema),
  model_supports_reasoning_summaries: falseByDefault,
  chatgpt_base_url: z._default(z.string(), 'https://chatgpt.com/backend-api/'),
  projects: z._default(z.record(z.string(), z.looseObject({ trust_level: optString })), {}),
  preferred_auth_method: z._default(z.enum(['chatgpt', 'apikey']), 'chatgpt'),
  /** The built-in `openai` provider's base URL (what the Codex SDK's `baseUrl` sets). */
  openai_base_url: optString,
  /** Newer form of tools.web_search: "live" searches the web, "cached" only OpenAI's index. */
  web_search: z.optional(z.enum(['disabled', 'cached', 'live'])),
  tools: z.optional(z.looseObject({
    web_search: optBoolean,
    web_search_request: optBoolean,
    view_image: optBoolean,
  })),
  tui: z.optional(tuiSchema),
  disable_paste_burst: falseByDefault,
  responses_originator_header_internal_override: optString,
  include_plan_tool: optBoolean,
  include_apply_patch_tool: optBoolean,
  experimental_use_exec_command_tool: optBoolean,
  experimental_use_unified_exec_tool: optBoolean,
});

export type ConfigToml = z.infer<typeof configTomlSchema>;
export type ModelProviderToml = z.infer<typeof modelProviderSchema>;
export type McpServerToml = z.infer<typeof mcpServerSchema>;
export type ShellEnvironmentPolicy = z.infer<typeof shellEnvironmentPolicySchema>;
export type SandboxMode = z.infer<typeof sandboxModeSchema>;
export type Verbosity = z.infer<typeof verbositySchema>;
export type WireApi = z.infer<typeof wireApiSchema>;
