// The resolved, typed configuration every part of the program receives.
// Built once by the loader (defaults < config.toml < profile < -c < flags) and frozen.
import type { ApprovalPolicy, ReasoningEffort, ReasoningSummary, SandboxPolicy } from '../protocol/policy.js';
import type { ConfigToml, McpServerToml, ShellEnvironmentPolicy, Verbosity, WireApi } from './schema.js';
import type { ProjectTrust } from './trust.js';

export interface ModelProviderInfo {
  /** Key under `model_providers` (or a built-in id: `openai`, `oss`). */
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly envKey?: string;
  readonly envKeyInstructions?: string;
  readonly wireApi: WireApi;
  readonly queryParams: Readonly<Record<string, string>>;
  readonly httpHeaders: Readonly<Record<string, string>>;
  readonly envHttpHeaders: Readonly<Record<string, string>>;
  readonly requestMaxRetries: number; // default 4, capped at 100
  readonly streamMaxRetries: number; // default 5, capped at 100
  readonly streamIdleTimeoutMs: number; // default 300000
  readonly requiresOpenaiAuth: boolean;
}

export interface Config {
  readonly codexHome: string;
  /** Working root for everything (-C/--cd): AGENTS.md, sandbox roots, file search. Absolute. */
  readonly cwd: string;
  readonly model: string;
  readonly modelProviderId: string;
  readonly provider: ModelProviderInfo;
  readonly approvalPolicy: ApprovalPolicy;
  readonly sandboxPolicy: SandboxPolicy;
  /** `bwrap_path`: the bubblewrap to use in place of the system locations. */
  readonly bwrapPath?: string;
  /** The trust decision for the working root (`projects`), which sets the sandbox and approval defaults. */
  readonly project: ProjectTrust;
  /** The sandbox or approval policy was chosen by the user: a flag, config.toml, the profile or -c. */
  readonly policyFromUser: boolean;
  readonly shellEnvironmentPolicy: ShellEnvironmentPolicy;
  readonly mcpServers: Readonly<Record<string, McpServerToml>>;
  readonly notify?: readonly string[];
  readonly historyPersistence: 'save-all' | 'none';
  readonly hideAgentReasoning: boolean;
  readonly showRawAgentReasoning: boolean;
  readonly reasoningEffort?: ReasoningEffort;
  readonly reasoningSummary?: ReasoningSummary;
  readonly verbosity?: Verbosity;
  readonly disableResponseStorage: boolean;
  readonly projectDocMaxBytes: number;
  readonly projectDocFallbackFilenames: readonly string[];
  /** Contents of experimental_instructions_file / base-instructions, replacing the built-in prompt. */
  readonly baseInstructionsOverride?: string;
  readonly includePlanTool: boolean;
  readonly includeApplyPatchTool: boolean;
  readonly fileOpener: ConfigToml['file_opener'];
  readonly disablePasteBurst: boolean;
  readonly tui: {
    readonly theme: string;
    readonly notifications: boolean | readonly ('agent-turn-complete' | 'approval-requested')[];
    readonly keymap: NonNullable<ConfigToml['tui']>['keymap'];
    readonly animations: boolean;
    readonly vim: boolean;
    readonly scrollbackOnExit: 'all' | 'last-turn' | 'none';
    /** `[tui] status_line`: the status bar's items, in order; absent: the default set. */
    readonly statusLine?: readonly string[];
  };
  /** Name of the selected profile (-p or `profile = "…"`), if any. */
  readonly activeProfile?: string;
  /** tools.web_search (alias web_search_request), --search or web_search = "cached"|"live": offer the native web_search tool. */
  readonly webSearch: boolean;
  /** web_search = "live" (true) or "cached" (false); unset with the older keys, which leave it to the API. */
  readonly webSearchExternalAccess?: boolean;
  /** The merged, validated TOML (file + profile + -c), for keys not lifted above. */
  readonly toml: ConfigToml;
  /** Non-fatal findings (unknown keys, …), each naming file and key path. */
  readonly warnings: readonly string[];
}

/** Typed CLI flags; they win over everything in config.toml. */
export interface ConfigOverrides {
  model?: string;
  profile?: string;
  modelProvider?: string;
  approvalPolicy?: ApprovalPolicy;
  sandboxMode?: 'read-only' | 'workspace-write' | 'danger-full-access';
  cwd?: string;
  oss?: boolean;
  baseInstructions?: string;
  includePlanTool?: boolean;
}
