// How `codex mcp list|get` show servers (reference §1.4): aligned tables and
// `key: value` lines with secrets masked, or JSON objects for --json.
import type { McpServerToml } from '../../config/schema.js';

const MASK = '*****';

export type AuthStatus = 'unsupported' | 'bearer_token';

export interface ServerJson {
  name: string;
  enabled: boolean;
  transport:
    | { type: 'stdio'; command: string | null; args: string[]; env: Record<string, string> | null; env_vars: string[]; cwd: string | null }
    | {
        type: 'streamable_http';
        url: string;
        bearer_token_env_var: string | null;
        http_headers: Record<string, string> | null;
        env_http_headers: Record<string, string> | null;
      };
  startup_timeout_sec: number | null;
  tool_timeout_sec: number | null;
  auth_status: AuthStatus;
}

const authStatus = (s: McpServerToml): AuthStatus => (s.url !== undefined && s.bearer_token_env_var !== undefined ? 'bearer_token' : 'unsupported');
const AUTH_LABEL: Record<AuthStatus, string> = { unsupported: 'Unsupported', bearer_token: 'Bearer token' };

export function serverJson(name: string, s: McpServerToml): ServerJson {
  const startup = s.startup_timeout_sec ?? (s.startup_timeout_ms !== undefined ? s.startup_timeout_ms / 1000 : null);
  return {
    name,
    enabled: s.enabled,
    transport: s.url !== undefined
      ? {
          type: 'streamable_http',
          url: s.url,
          bearer_token_env_var: s.bearer_token_env_var ?? null,
          http_headers: s.http_headers ?? null,
          env_http_headers: s.env_http_headers ?? null,
        }
      : { type: 'stdio', command: s.command ?? null, args: s.args, env: s.env ?? null, env_vars: s.env_vars ?? [], cwd: s.cwd ?? null },
    startup_timeout_sec: startup,
    tool_timeout_sec: s.tool_timeout_sec ?? null,
    auth_status: authStatus(s),
  };
}

const sortedKeys = (m: Readonly<Record<string, string>> | undefined) => Object.keys(m ?? {}).sort();

function maskedMap(m: Readonly<Record<string, string>> | undefined, extraNames: readonly string[] = []): string {
  const parts = [...sortedKeys(m).map((k) => `${k}=${MASK}`), ...extraNames];
  return parts.length ? parts.join(', ') : '-';
}

function plainMap(m: Readonly<Record<string, string>> | undefined): string {
  const parts = sortedKeys(m).map((k) => `${k}=${m![k]}`);
  return parts.length ? parts.join(', ') : '-';
}

const orDash = (s: string | undefined) => (s === undefined || s === '' ? '-' : s);

/** Columns separated by two spaces, each as wide as its widest cell; no trailing blanks. */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export function renderList(servers: readonly [string, McpServerToml][]): string {
  const status = (s: McpServerToml) => (s.enabled ? 'enabled' : 'disabled');
  const stdio = servers.filter(([, s]) => s.url === undefined);
  const http = servers.filter(([, s]) => s.url !== undefined);
  const tables: string[] = [];
  if (stdio.length) {
    tables.push(renderTable([
      ['Name', 'Command', 'Args', 'Env', 'Cwd', 'Status', 'Auth'],
      ...stdio.map(([n, s]) => [n, orDash(s.command), s.args.length ? s.args.join(' ') : '-', maskedMap(s.env, s.env_vars), orDash(s.cwd), status(s), AUTH_LABEL[authStatus(s)]]),
    ]));
  }
  if (http.length) {
    tables.push(renderTable([
      ['Name', 'Url', 'Bearer Token Env Var', 'Status', 'Auth'],
      ...http.map(([n, s]) => [n, s.url!, orDash(s.bearer_token_env_var), status(s), AUTH_LABEL[authStatus(s)]]),
    ]));
  }
  return tables.join('\n');
}

export function renderGet(name: string, s: McpServerToml): string {
  const lines = [name, `  enabled: ${s.enabled}`];
  if (s.url !== undefined) {
    lines.push(
      '  transport: streamable_http',
      `  url: ${s.url}`,
      `  bearer_token_env_var: ${orDash(s.bearer_token_env_var)}`,
      `  http_headers: ${maskedMap(s.http_headers)}`,
      `  env_http_headers: ${plainMap(s.env_http_headers)}`,
    );
  } else {
    lines.push(
      '  transport: stdio',
      `  command: ${orDash(s.command)}`,
      `  args: ${s.args.length ? s.args.join(' ') : '-'}`,
      `  cwd: ${orDash(s.cwd)}`,
      `  env: ${maskedMap(s.env, s.env_vars)}`,
    );
  }
  const json = serverJson(name, s);
  if (json.startup_timeout_sec !== null) lines.push(`  startup_timeout_sec: ${json.startup_timeout_sec}`);
  if (json.tool_timeout_sec !== null) lines.push(`  tool_timeout_sec: ${json.tool_timeout_sec}`);
  if (s.enabled_tools) lines.push(`  enabled_tools: ${s.enabled_tools.join(', ') || '-'}`);
  if (s.disabled_tools) lines.push(`  disabled_tools: ${s.disabled_tools.join(', ') || '-'}`);
  lines.push(`  remove: codex mcp remove ${name}`);
  return lines.join('\n') + '\n';
}
