// `codex mcp list|get|add|remove` (reference §1.4). list/get read the loaded
// configuration (so -c overrides show); add/remove edit $CODEX_HOME/config.toml
// as text, verified and replaced atomically, so the user's comments survive.
import { join } from 'node:path';
import type { CommandContext, FlagValue } from '../../command-context.js';
import { findCodexHome } from '../../config/home.js';
import { isValidServerName } from '../../mcp/client/names.js';
import { editConfigTable } from '../../config/edit/config-file.js';
import { renderGet, renderList, serverJson } from './format.js';

const out = (s: string) => process.stdout.write(s);
const fail = (s: string) => {
  process.stderr.write(`${s}\n`);
  return 1;
};

const configFile = () => join(findCodexHome(), 'config.toml');

function serverName(ctx: CommandContext): string | undefined {
  const name = ctx.cmd.positionals[0] ?? '';
  return isValidServerName(name) ? name : undefined;
}

const invalidName = (ctx: CommandContext) => fail(`invalid server name '${ctx.cmd.positionals[0] ?? ''}' (use letters, numbers, '-', '_')`);

export async function list(ctx: CommandContext): Promise<number> {
  const config = await ctx.loadConfig();
  const servers = Object.entries(config.mcpServers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (ctx.cmd.flags.json === true) {
    out(`${JSON.stringify(servers.map(([n, s]) => serverJson(n, s)), null, 2)}\n`);
  } else if (!servers.length) {
    out('No MCP servers configured yet. Try `codex mcp add my-tool -- my-command`.\n');
  } else {
    out(renderList(servers));
  }
  return 0;
}

export async function get(ctx: CommandContext): Promise<number> {
  const name = ctx.cmd.positionals[0] ?? '';
  const config = await ctx.loadConfig();
  const server = Object.hasOwn(config.mcpServers, name) ? config.mcpServers[name] : undefined;
  if (!server) return fail(`No MCP server named '${name}' found.`);
  out(ctx.cmd.flags.json === true ? `${JSON.stringify(serverJson(name, server), null, 2)}\n` : renderGet(name, server));
  return 0;
}

function parseEnv(flag: FlagValue): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (const pair of Array.isArray(flag) ? flag : typeof flag === 'string' ? [flag] : []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `--env ${JSON.stringify(pair)}: environment entries must be in KEY=VALUE form`;
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

export async function add(ctx: CommandContext): Promise<number> {
  const name = serverName(ctx);
  if (name === undefined) return invalidName(ctx);
  const { flags, rest } = ctx.cmd;
  const url = typeof flags.url === 'string' ? flags.url : undefined;
  let entry: Record<string, unknown>;
  if (url !== undefined) {
    if (rest.length) return fail('codex mcp add: give either --url URL or -- COMMAND [ARGS...], not both');
    try {
      new URL(url);
    } catch {
      return fail(`--url ${JSON.stringify(url)}: not a valid URL`);
    }
    const bearer = flags['bearer-token-env-var'];
    entry = { url, ...(typeof bearer === 'string' && { bearer_token_env_var: bearer }) };
  } else {
    const [command, ...args] = rest;
    if (command === undefined || command === '') return fail('codex mcp add: missing the server command: codex mcp add NAME [--env KEY=VALUE]... -- COMMAND [ARGS...], or codex mcp add NAME --url URL');
    const env = parseEnv(flags.env);
    if (typeof env === 'string') return fail(env);
    entry = { command, ...(args.length && { args }), ...(Object.keys(env).length && { env }) };
  }
  editConfigTable(configFile(), ['mcp_servers', name], { kind: 'replace', entries: entry });
  out(`Added global MCP server '${name}'.\n`);
  return 0;
}

export async function remove(ctx: CommandContext): Promise<number> {
  const name = serverName(ctx);
  if (name === undefined) return invalidName(ctx);
  // A server that is not a [mcp_servers.NAME] table but defined inline is refused by the verification, not left silently.
  if (!editConfigTable(configFile(), ['mcp_servers', name], { kind: 'remove' })) {
    out(`No MCP server named '${name}' found.\n`);
    return 0;
  }
  out(`Removed global MCP server '${name}'.\n`);
  return 0;
}
