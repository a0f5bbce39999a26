// The one command table: every subcommand, flag, positional and help text of
// `codex`. Parsing (parse.ts), --help (help.ts) and completions (completion/)
// are generated from it. It is data only: a command names its handler, and
// handlers.ts imports that module when the command is dispatched.
import { APPROVAL_POLICIES } from '../protocol/policy.js';
import type { CommandSpec, FlagSpec, MissingCommand } from './spec.js';

const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'elvish', 'powershell'] as const;
export const YOLO = 'dangerously-bypass-approvals-and-sandbox';

const config: FlagSpec = {
  long: 'config', short: 'c', value: 'key=value', repeatable: true, global: true,
  help: 'Override a configuration value that would otherwise be loaded from `~/.codex/config.toml`. Use a dotted path (`foo.bar.baz`) to override nested values. The value is parsed as TOML; if that fails, the raw string is used. Examples: -c model="o3", -c \'sandbox_workspace_write.writable_roots=["/data"]\', -c shell_environment_policy.inherit=all',
};
const image: FlagSpec = { long: 'image', short: 'i', value: 'FILE', repeatable: true, delimiter: ',', complete: 'file', help: 'Optional image(s) to attach to the initial prompt' };
const model: FlagSpec = { long: 'model', short: 'm', value: 'MODEL', help: 'Model the agent should use' };
const oss: FlagSpec = { long: 'oss', help: 'Use the local open source model provider (Ollama): the same as -c model_provider=oss, with the model gpt-oss:20b unless -m is given' };
const profile: FlagSpec = { long: 'profile', short: 'p', value: 'CONFIG_PROFILE', help: 'Configuration profile from config.toml to specify default options' };
const sandbox: FlagSpec = { long: 'sandbox', short: 's', value: 'SANDBOX_MODE', choices: SANDBOX_MODES, help: 'Select the sandbox policy to use when executing model-generated shell commands' };
const approval: FlagSpec = { long: 'ask-for-approval', short: 'a', value: 'APPROVAL_POLICY', choices: APPROVAL_POLICIES, help: 'Configure when the model requires human approval before executing a command' };
const fullAuto: FlagSpec = { long: 'full-auto', help: 'Convenience alias for low-friction sandboxed automatic execution (-a on-failure, --sandbox workspace-write)' };
const yolo: FlagSpec = {
  long: YOLO, aliases: ['yolo'], conflicts: ['ask-for-approval', 'full-auto'],
  help: 'Skip all confirmation prompts and execute commands without sandboxing. EXTREMELY DANGEROUS. Intended solely for running in environments that are externally sandboxed',
};
const cd: FlagSpec = { long: 'cd', short: 'C', value: 'DIR', complete: 'dir', help: 'Tell the agent to use the specified directory as its working root' };
const search: FlagSpec = { long: 'search', help: 'Enable web search: the native Responses `web_search` tool becomes available to the model' };
const last: FlagSpec = { long: 'last', help: 'Continue the most recent session without showing the picker' };
const json: FlagSpec = { long: 'json', help: 'Print the result as JSON' };

/** Flags of the interactive TUI, shared by `codex` and `codex resume`. */
const tuiFlags: FlagSpec[] = [config, image, model, oss, profile, sandbox, approval, fullAuto, yolo, cd, search];

const execFlags: FlagSpec[] = [
  config, image, model, oss, sandbox, profile, fullAuto, { ...yolo, conflicts: ['full-auto'] }, cd,
  { long: 'skip-git-repo-check', help: 'Allow running Codex outside a Git repository' },
  { long: 'color', value: 'COLOR', choices: ['always', 'never', 'auto'], defaultValue: 'auto', help: 'Specifies color settings for use in the output' },
  { long: 'json', aliases: ['experimental-json'], help: 'Print events to stdout as JSONL' },
  { long: 'output-last-message', short: 'o', value: 'FILE', complete: 'file', help: 'Specifies file where the last message from the agent should be written' },
  { long: 'output-schema', value: 'FILE', complete: 'file', help: 'Path to a JSON Schema file describing the shape of the final response' },
  { long: 'add-dir', value: 'DIR', repeatable: true, complete: 'dir', help: 'Additional directory that should be writable alongside the primary workspace' },
];

const debugCommand = (name: string, summary: string): CommandSpec => ({
  name, summary, handler: 'debug',
  flags: [{ long: 'full-auto', help: 'Use the workspace-write policy (writable cwd and temp dirs) instead of read-only' }],
  rest: { name: 'COMMAND', help: 'Full command line to run under the sandbox', required: true },
});

/** The native CLI's (0.169) subcommands this implementation lacks (`codex-rs/cli/src/main.rs`). */
const MISSING: MissingCommand[] = [
  { name: 'apply', aliases: ['a'], does: 'applies the latest diff of a Codex Cloud task with git apply' },
  { name: 'cloud', aliases: ['cloud-tasks'], does: 'browses Codex Cloud tasks' },
  { name: 'review', does: 'runs a code review non-interactively', instead: 'use codex exec review (--uncommitted, --base BRANCH, --commit SHA), or /review in the TUI' },
  { name: 'fork', does: 'forks a saved interactive session', instead: 'in the TUI, /fork forks the current one' },
  { name: 'sandbox', does: 'runs a command in the sandbox', instead: 'use codex debug landlock -- CMD (Linux) or codex debug seatbelt -- CMD (macOS)' },
  { name: 'app-server', does: 'runs the app server for IDE extensions' },
  { name: 'app', does: 'launches the desktop app' },
  { name: 'features', does: 'lists and toggles feature flags' },
  { name: 'execpolicy', does: 'checks exec policy files' },
  { name: 'responses-api-proxy', does: 'runs the Responses API proxy', instead: 'codex proxy forwards /v1/* to the configured provider' },
  { name: 'stdio-to-uds', does: 'relays stdio to a Unix socket' },
  { name: 'generate-ts', does: 'generates TypeScript protocol types' },
  { name: 'exec-server', does: 'runs the exec server' },
  { name: 'agents', does: 'manages agents' },
  { name: 'plugin', does: 'manages plugins' },
  { name: 'remote-control', does: 'controls a session remotely' },
  { name: 'update', does: 'updates Codex', instead: 'update with your package manager (npm)' },
  { name: 'doctor', does: 'checks the installation' },
  { name: 'queue', does: 'queues tasks' },
  { name: 'archive', does: 'archives saved sessions' },
  { name: 'unarchive', does: 'restores archived sessions' },
  { name: 'delete', does: 'deletes saved sessions' },
];

export const ROOT: CommandSpec = {
  name: 'codex',
  summary: 'Codex CLI',
  about: 'Codex CLI\n\nIf no subcommand is specified, options will be forwarded to the interactive CLI.',
  handler: 'tui',
  flags: [...tuiFlags, { long: 'version', short: 'V', help: 'Print version' }],
  positionals: [{ name: 'PROMPT', help: 'Optional user prompt to start the session' }],
  missing: MISSING,
  subcommands: [
    {
      name: 'exec', aliases: ['e'], summary: 'Run Codex non-interactively',
      handler: 'exec',
      flags: execFlags,
      positionals: [{ name: 'PROMPT', help: 'Initial instructions for the agent. If not provided as an argument (or if `-` is used), instructions are read from stdin' }],
      subcommands: [{
        name: 'resume', summary: 'Resume a previous session by id or pick the most recent with --last',
        handler: 'exec',
        inheritFlags: true,
        flags: [last],
        positionals: [
          { name: 'SESSION_ID', help: 'Session id (UUID) to resume; with --last this is taken as the prompt' },
          { name: 'PROMPT', help: 'Prompt to send after resuming the session. If `-` is used, read from stdin' },
        ],
      }, {
        name: 'review', summary: 'Run a code review against the current repository',
        about: 'Run a code review against the current repository.\n\nReview the uncommitted changes (--uncommitted), the changes against a base branch\n(--base), a commit (--commit), or follow custom instructions (PROMPT).\nThe findings are printed to stdout.',
        handler: 'exec',
        inheritFlags: true,
        flags: [
          { long: 'uncommitted', conflicts: ['base', 'commit'], help: 'Review staged, unstaged, and untracked changes' },
          { long: 'base', value: 'BRANCH', conflicts: ['uncommitted', 'commit'], help: 'Review changes against the given base branch' },
          { long: 'commit', value: 'SHA', conflicts: ['uncommitted', 'base'], help: 'Review the changes introduced by a commit' },
          { long: 'title', value: 'TITLE', requires: ['commit'], help: 'Optional commit title to display in the review summary' },
        ],
        positionals: [{ name: 'PROMPT', help: 'Custom review instructions. If `-` is used, read from stdin' }],
      }],
    },
    {
      name: 'login', summary: 'Manage login', handler: 'login',
      about: 'Store an OpenAI API key in $CODEX_HOME/auth.json (mode 0600)',
      flags: [
        config,
        { long: 'api-key', value: 'API_KEY', conflicts: ['with-api-key'], help: 'Store this API key' },
        { long: 'with-api-key', help: 'Read the API key from stdin (e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`)' },
      ],
      subcommands: [{ name: 'status', summary: 'Show login status', handler: 'login', flags: [config] }],
    },
    { name: 'logout', summary: 'Remove stored authentication credentials', handler: 'login', flags: [config] },
    {
      name: 'mcp', summary: 'Run Codex as an MCP server over stdio, or manage the MCP servers Codex uses', handler: 'mcp',
      flags: [config],
      subcommands: [
        { name: 'list', summary: 'List configured MCP servers', handler: 'mcp', flags: [config, { ...json, help: 'Output the configured servers as JSON' }] },
        {
          name: 'get', summary: 'Show details of a configured MCP server', handler: 'mcp',
          flags: [config, { ...json, help: 'Output the server configuration as JSON' }],
          positionals: [{ name: 'NAME', help: 'Name of the MCP server', required: true }],
        },
        {
          name: 'add', summary: 'Add a global MCP server entry to config.toml', handler: 'mcp',
          flags: [
            config,
            { long: 'env', value: 'KEY=VALUE', repeatable: true, conflicts: ['url'], help: 'Environment variables to set when launching the server (stdio servers only)' },
            { long: 'url', value: 'URL', help: 'URL of a streamable HTTP MCP server (instead of a command)' },
            { long: 'bearer-token-env-var', value: 'ENV_VAR', requires: ['url'], help: 'Environment variable whose value is sent as a bearer token to the --url server' },
          ],
          positionals: [{ name: 'NAME', help: 'Name for the MCP server (letters, digits, - and _)', required: true }],
          rest: { name: 'COMMAND', help: 'Command (and its arguments) that launches the stdio MCP server, after --' },
        },
        {
          name: 'remove', summary: 'Remove a global MCP server entry from config.toml', handler: 'mcp', flags: [config],
          positionals: [{ name: 'NAME', help: 'Name of the MCP server to remove', required: true }],
        },
      ],
    },
    { name: 'mcp-server', summary: 'Run Codex as an MCP server over stdio', handler: 'mcp', flags: [config] },
    {
      name: 'proxy', summary: 'Run an OpenAI-compatible pass-through proxy to the configured model provider',
      handler: 'proxy',
      flags: [
        config,
        { long: 'bind', value: 'ADDR', defaultValue: '127.0.0.1:11435', help: 'Address to listen on' },
        { long: 'allow-cors-any', help: 'Allow cross-origin requests from any origin, with any method and header' },
      ],
    },
    {
      name: 'resume', summary: 'Resume a previous interactive session (picker by default; --last for the most recent)',
      handler: 'tui', flags: [...tuiFlags, last],
      positionals: [{ name: 'SESSION_ID', help: 'Session id (UUID) to resume' }, { name: 'PROMPT', help: 'Optional prompt to send after resuming' }],
    },
    {
      name: 'debug', summary: 'Internal debugging commands',
      subcommands: [
        debugCommand('landlock', 'Run a command under the Linux sandbox (here: bubblewrap + seccomp, not Landlock; Linux only)'),
        debugCommand('seatbelt', 'Run a command under Seatbelt (macOS only)'),
      ],
    },
    {
      name: 'completion', summary: 'Generate shell completion scripts', handler: 'completion',
      positionals: [{ name: 'SHELL', help: 'Shell to generate completions for', choices: COMPLETION_SHELLS }],
    },
  ],
};
