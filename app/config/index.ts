// The config loader: config.toml (smol-toml) + profile + `-c` overrides,
// checked by the zod schema (checked-toml.ts; or the last start's result,
// checked-memo.ts), + typed CLI flags, resolved into one frozen Config.
// Precedence, lowest first: defaults < config.toml < profile < -c < flags.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { cacheDir, makeCacheDir } from '../code-cache-dir.js';
import { buildId } from '../start-hooks.js';
import type { CheckedToml } from './checked-toml.js';
import { recall, remember, type MemoKey } from './checked-memo.js';
import { ConfigError, formatKeyPath } from './errors.js';
import { findCodexHome } from './home.js';
import { origin, type Source } from './origin.js';
import { decodeUtf8 } from './utf8.js';
import { parseCliOverride } from './overrides.js';
import { builtinProviders, OSS_DEFAULT_MODEL, toProviderInfo } from './providers.js';
import { projectTrust } from './trust.js';
import type { ConfigToml, SandboxMode } from './schema.js';
import type { Config, ConfigOverrides } from './types.js';
import type { SandboxPolicy } from '../protocol/policy.js';
import { cliVersion } from './version.js';

export { ConfigError } from './errors.js';
export { findCodexHome } from './home.js';
export { loadDotEnv } from './dotenv.js';
export { parseCliOverride } from './overrides.js';

export interface LoadConfigOptions {
  codexHome?: string;
  /** Raw `-c key=value` strings, in command-line order (root ones first). */
  cliOverrides?: string[];
  overrides?: ConfigOverrides;
  /** Environment for provider defaults (OPENAI_BASE_URL, CODEX_OSS_*). Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** config.toml's text; empty when there is none. */
function readConfigText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new ConfigError(`${file}: cannot read: ${(e as Error).message}`);
  }
  return decodeUtf8(file, bytes);
}

/** The checked config: the last start's when everything it depends on is the same (checked-memo.ts), else checked now (loading the schema) and remembered. */
async function checked(src: Source, raw: readonly string[], profile: string | undefined, env: NodeJS.ProcessEnv): Promise<CheckedToml> {
  const build = buildId();
  const home = build === undefined ? undefined : cacheDir(env);
  // Only a directory of the user's own, for the user only (as for the code cache).
  const dir = home && makeCacheDir(home) ? home : undefined;
  const key: MemoKey = { build: build ?? '', file: src.file, text: src.text, cli: raw, profile };
  const known = dir ? recall(dir, key) : undefined;
  if (known) return known;
  const result = (await import('./checked-toml.js')).checkToml(src, profile);
  if (dir) remember(dir, key, result);
  return result;
}

function checkDirectory(dir: string): string {
  const abs = resolve(dir);
  let ok = false;
  try {
    ok = statSync(abs).isDirectory();
  } catch {
    throw new ConfigError(`-C/--cd: directory ${JSON.stringify(dir)} does not exist`);
  }
  if (!ok) throw new ConfigError(`-C/--cd: ${JSON.stringify(dir)} is not a directory`);
  return abs;
}

function sandboxPolicy(mode: SandboxMode, toml: ConfigToml, src: Source): SandboxPolicy {
  if (mode !== 'workspace-write') return { mode };
  const ww = toml.sandbox_workspace_write;
  const roots = ww?.writable_roots ?? [];
  roots.forEach((r, i) => {
    if (!isAbsolute(r)) {
      const path = ['sandbox_workspace_write', 'writable_roots', i];
      throw new ConfigError(`${origin(src, path)}: invalid value for \`${formatKeyPath(path)}\`: expected an absolute path, found string ${JSON.stringify(r)}`);
    }
  });
  return {
    mode,
    writableRoots: roots,
    networkAccess: ww?.network_access ?? false,
    excludeTmpdirEnvVar: ww?.exclude_tmpdir_env_var ?? false,
    excludeSlashTmp: ww?.exclude_slash_tmp ?? false,
  };
}

function readInstructions(file: string, cwd: string, src: Source): string {
  const abs = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ConfigError(`${origin(src, ['experimental_instructions_file'])}: cannot read experimental_instructions_file ${abs}: ${(e as Error).message}`);
  }
  if (!text.trim()) throw new ConfigError(`${origin(src, ['experimental_instructions_file'])}: experimental_instructions_file ${abs} is empty`);
  return text;
}

/** `web_search = "…"` (newer) wins over `tools.web_search` / `web_search_request` (older). */
function webSearch(toml: ConfigToml): Pick<Config, 'webSearch' | 'webSearchExternalAccess'> {
  if (toml.web_search === undefined) return { webSearch: toml.tools?.web_search ?? toml.tools?.web_search_request ?? false };
  if (toml.web_search === 'disabled') return { webSearch: false };
  return { webSearch: true, webSearchExternalAccess: toml.web_search === 'live' };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v)) deepFreeze(child);
  }
  return v;
}

export async function loadConfig(opts: LoadConfigOptions = {}): Promise<Config> {
  const env = opts.env ?? process.env;
  const flags = opts.overrides ?? {};
  const codexHome = opts.codexHome ?? findCodexHome(env);
  const cwd = checkDirectory(flags.cwd ?? process.cwd());
  const file = join(codexHome, 'config.toml');
  const text = readConfigText(file);
  const raw = opts.cliOverrides ?? [];
  const src: Source = { file, text, cli: raw.map(parseCliOverride) };
  const { toml, profileName, tui, shellEnvironmentPolicy, warnings: unknown } = await checked(src, raw, flags.profile, env);
  const warnings = [...unknown];

  const builtins = builtinProviders(env, cliVersion());
  if (toml.openai_base_url !== undefined) builtins.openai = { ...builtins.openai!, base_url: toml.openai_base_url };
  const providers = { ...builtins };
  for (const [id, p] of Object.entries(toml.model_providers)) {
    if (id in builtins) warnings.push(`${origin(src, ['model_providers', id])}: \`model_providers.${id}\` is a built-in provider and cannot be redefined (entry ignored)`);
    else providers[id] = p;
  }
  const modelProviderId = flags.oss ? 'oss' : flags.modelProvider ?? toml.model_provider ?? 'openai';
  const providerToml = providers[modelProviderId];
  if (!providerToml) throw new ConfigError(`Model provider \`${modelProviderId}\` not found`);

  const model = flags.model ?? (flags.oss ? OSS_DEFAULT_MODEL : undefined) ?? toml.model ?? (modelProviderId === 'oss' ? OSS_DEFAULT_MODEL : 'gpt-5');
  const project = projectTrust(toml, cwd);
  const sandboxMode = flags.sandboxMode ?? toml.sandbox_mode ?? (project.trustLevel === 'trusted' ? 'workspace-write' : 'read-only');
  const approvalPolicy = flags.approvalPolicy ?? toml.approval_policy ?? (project.trustLevel === 'untrusted' ? 'untrusted' : 'on-request');
  const instructions = flags.baseInstructions ?? (toml.experimental_instructions_file !== undefined ? readInstructions(toml.experimental_instructions_file, cwd, src) : undefined);

  const config: Config = {
    codexHome,
    cwd,
    model,
    modelProviderId,
    provider: toProviderInfo(modelProviderId, providerToml),
    approvalPolicy,
    sandboxPolicy: sandboxPolicy(sandboxMode, toml, src),
    project,
    policyFromUser: [flags.sandboxMode, flags.approvalPolicy, toml.sandbox_mode, toml.approval_policy].some((v) => v !== undefined),
    shellEnvironmentPolicy,
    mcpServers: toml.mcp_servers,
    ...(toml.notify?.length ? { notify: toml.notify } : {}),
    ...(toml.bwrap_path !== undefined ? { bwrapPath: toml.bwrap_path } : {}),
    historyPersistence: toml.history?.persistence ?? 'save-all',
    hideAgentReasoning: toml.hide_agent_reasoning,
    showRawAgentReasoning: toml.show_raw_agent_reasoning,
    ...(toml.model_reasoning_effort && { reasoningEffort: toml.model_reasoning_effort }),
    ...(toml.model_reasoning_summary && { reasoningSummary: toml.model_reasoning_summary }),
    ...(toml.model_verbosity && { verbosity: toml.model_verbosity }),
    disableResponseStorage: toml.disable_response_storage,
    projectDocMaxBytes: toml.project_doc_max_bytes,
    projectDocFallbackFilenames: toml.project_doc_fallback_filenames,
    ...(instructions !== undefined && { baseInstructionsOverride: instructions }),
    // Both tools are offered unless turned off explicitly, as 0.169 does.
    includePlanTool: flags.includePlanTool ?? toml.include_plan_tool ?? true,
    includeApplyPatchTool: toml.include_apply_patch_tool ?? true,
    fileOpener: toml.file_opener,
    disablePasteBurst: toml.disable_paste_burst,
    tui: {
      theme: tui.theme, notifications: tui.notifications, keymap: tui.keymap, animations: tui.animations, vim: tui.vim, scrollbackOnExit: tui.scrollback_on_exit,
      ...(tui.status_line && { statusLine: tui.status_line }),
    },
    ...(profileName !== undefined && { activeProfile: profileName }),
    ...webSearch(toml),
    toml,
    warnings,
  };
  return deepFreeze(config);
}
