// The MCP client side of a session: starts every enabled `mcp_servers.<name>`
// concurrently, offers their tools to the model as `server__tool`, routes
// calls, and kills every server when the session ends.
//
// API (for the agent's tool router):
//
//   import { McpConnectionManager } from '../mcp/client/manager.js';   // light: no SDK until a server starts
//   const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd, onEvent });
//     Resolves when every server is ready or has failed (each bounded by its
//     startup_timeout_sec, default 10). Never rejects for a server's failure.
//     onEvent(e: McpClientEvent) receives each problem exactly once:
//       { kind: 'startup_failed', server, message: 'MCP client for `docs` failed to start: …' }
//       { kind: 'server_exited',  server, message: 'MCP server `docs` exited (exit code 1; stderr: …); …' }   (mid-session)
//       { kind: 'warning',        server, message: 'skipping duplicate tool name `a__b` …' }
//     Front ends show startup_failed/server_exited as `error` (exec) or a TUI line, warnings as background events.
//   mcp.tools(): McpToolInfo[]      sorted by qualifiedName; {qualifiedName, server, tool, description, parameters}
//                                   parameters is the sanitised JSON schema; offer as a function tool with strict:false.
//                                   Tools of a server that exited are no longer listed.
//   mcp.isMcpTool(name): boolean
//   await mcp.callTool(qualifiedName, argumentsJson, signal?): McpCallOutcome
//     { output, success }                  → function_call_output {call_id, output} (success = !isError)
//     { invocation, durationMs, result }   → mcp_tool_call_begin / mcp_tool_call_end events
//     Never throws: bad JSON → `err: …`; failures/timeouts (tool_timeout_sec, default 60) → `tool call error: …`.
//   mcp.statuses(): McpServerStatus[]  for `mcp_list_tools_response` and the TUI's /mcp
//   await mcp.shutdown()               closes every server (SIGTERM to its process group, SIGKILL after 2 s).
//                                      Children are also killed if the process exits without shutdown().
import type { McpServerToml } from '../../config/schema.js';
import type { McpInvocation, McpServerStatus } from '../../protocol/events.js';
import { logger } from '../../log.js';
import { McpConnection, serverSettings } from './connection.js';
import { isValidServerName, qualifiedToolName, SERVER_NAME_PATTERN } from './names.js';
import {
  outputFromBadArguments, outputFromCallError, outputFromResult, parseToolArguments,
  type CallToolResultLike, type ToolOutput,
} from './result.js';
import { sanitizeSchema, type SanitizedSchema } from './schema.js';

const log = logger('codex_core::mcp_connection_manager');

export type McpClientEvent =
  | { kind: 'startup_failed'; server: string; message: string }
  | { kind: 'server_exited'; server: string; message: string }
  | { kind: 'warning'; server: string; message: string };

export interface McpToolInfo {
  readonly qualifiedName: string;
  readonly server: string;
  readonly tool: string;
  readonly description: string;
  readonly parameters: SanitizedSchema;
}

export interface McpCallOutcome extends ToolOutput {
  readonly invocation: McpInvocation;
  readonly durationMs: number;
  /** As `mcp_tool_call_end.result`. */
  readonly result: { Ok: CallToolResultLike } | { Err: string };
}

export interface McpStartOptions {
  /** Base for relative server `cwd`s and the default working directory of stdio servers. */
  cwd: string;
  /** Source of the allow-listed variables, bearer tokens and env_http_headers. Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: McpClientEvent) => void;
}

interface ServerState {
  status: McpServerStatus['state'];
  error?: string;
  connection?: McpConnection;
  tools: McpToolInfo[];
}

export class McpConnectionManager {
  private readonly servers = new Map<string, ServerState>();
  private readonly byQualifiedName = new Map<string, McpToolInfo>();
  private shutDown = false;

  private constructor(private readonly onEvent: (event: McpClientEvent) => void) {}

  static async start(configured: Readonly<Record<string, McpServerToml>>, opts: McpStartOptions): Promise<McpConnectionManager> {
    const manager = new McpConnectionManager(opts.onEvent ?? (() => undefined));
    const names = Object.keys(configured).filter((n) => configured[n]!.enabled !== false).sort();
    if (names.length === 0) return manager;
    await Promise.all(names.map((name) => manager.startOne(name, configured[name]!, opts)));
    manager.indexTools(names);
    return manager;
  }

  private async startOne(name: string, server: McpServerToml, opts: McpStartOptions): Promise<void> {
    const state: ServerState = { status: 'starting', tools: [] };
    this.servers.set(name, state);
    try {
      if (!isValidServerName(name)) throw new Error(`invalid server name: must match ${SERVER_NAME_PATTERN.source}`);
      const settings = serverSettings(server, opts.cwd, opts.env ?? process.env);
      const { connection, tools } = await McpConnection.start(name, settings);
      if (this.shutDown) {
        await connection.close();
        return;
      }
      state.connection = connection;
      state.status = 'ready';
      const enabled = settings.enabledTools && new Set(settings.enabledTools);
      const disabled = new Set(settings.disabledTools);
      state.tools = tools
        .filter((t) => (!enabled || enabled.has(t.name)) && !disabled.has(t.name))
        .map((t) => ({
          qualifiedName: qualifiedToolName(name, t.name),
          server: name,
          tool: t.name,
          description: t.description ?? t.title ?? '',
          parameters: sanitizeSchema(t.inputSchema),
        }));
      connection.onExit((reason) => this.serverExited(name, reason));
      log.info(`MCP server \`${name}\` ready with ${state.tools.length} tools`);
    } catch (e) {
      state.status = 'failed';
      state.error = (e as Error).message;
      this.report({ kind: 'startup_failed', server: name, message: `MCP client for \`${name}\` failed to start: ${state.error}` });
    }
  }

  private indexTools(names: readonly string[]): void {
    for (const name of names) {
      for (const tool of this.servers.get(name)!.tools) {
        if (this.byQualifiedName.has(tool.qualifiedName)) {
          this.report({ kind: 'warning', server: name, message: `skipping duplicate tool name \`${tool.qualifiedName}\` (tool \`${tool.tool}\` of MCP server \`${name}\`)` });
          continue;
        }
        this.byQualifiedName.set(tool.qualifiedName, tool);
      }
    }
  }

  private serverExited(name: string, reason: string): void {
    const state = this.servers.get(name);
    if (!state || state.status !== 'ready' || this.shutDown) return;
    state.status = 'failed';
    state.error = reason;
    this.report({ kind: 'server_exited', server: name, message: `MCP server \`${name}\` exited (${reason}); its tools are no longer available` });
  }

  private report(event: McpClientEvent): void {
    log.info(event.message);
    this.onEvent(event);
  }

  tools(): McpToolInfo[] {
    return [...this.byQualifiedName.values()]
      .filter((t) => this.servers.get(t.server)?.status === 'ready')
      .sort((a, b) => (a.qualifiedName < b.qualifiedName ? -1 : a.qualifiedName > b.qualifiedName ? 1 : 0));
  }

  isMcpTool(qualifiedName: string): boolean {
    return this.byQualifiedName.has(qualifiedName);
  }

  /** A tool by qualified name, also when its server has stopped (a call to it still names the server). */
  toolInfo(qualifiedName: string): McpToolInfo | undefined {
    return this.byQualifiedName.get(qualifiedName);
  }

  async callTool(qualifiedName: string, argumentsJson: string, signal?: AbortSignal): Promise<McpCallOutcome> {
    const started = Date.now();
    const info = this.byQualifiedName.get(qualifiedName);
    const invocation: McpInvocation = { server: info?.server ?? '', tool: info?.tool ?? qualifiedName };
    const fail = (out: ToolOutput, err: string): McpCallOutcome => ({ ...out, invocation, durationMs: Date.now() - started, result: { Err: err } });
    if (!info) return fail(outputFromCallError(`unknown MCP tool \`${qualifiedName}\``), `unknown MCP tool \`${qualifiedName}\``);
    const args = parseToolArguments(argumentsJson);
    if (!args.ok) return fail(outputFromBadArguments(args.error), args.error);
    if (args.value !== undefined) invocation.arguments = args.value;
    const state = this.servers.get(info.server)!;
    if (state.status !== 'ready' || !state.connection) {
      const msg = `MCP server \`${info.server}\` is not running${state.error ? ` (${state.error})` : ''}`;
      return fail(outputFromCallError(msg), msg);
    }
    try {
      const result = await state.connection.callTool(info.tool, args.value, signal);
      return { ...outputFromResult(result), invocation, durationMs: Date.now() - started, result: { Ok: result } };
    } catch (e) {
      const msg = (e as Error).message;
      return fail(outputFromCallError(msg), msg);
    }
  }

  statuses(): McpServerStatus[] {
    return [...this.servers.entries()].map(([name, s]) => ({
      name,
      state: s.status,
      ...(s.error !== undefined && { error: s.error }),
      tools: s.tools.map((t) => ({ name: t.tool, qualified_name: t.qualifiedName, ...(t.description && { description: t.description }) })),
    }));
  }

  async shutdown(): Promise<void> {
    this.shutDown = true;
    await Promise.all([...this.servers.values()].map((s) => s.connection?.close()));
  }

  /** Pids of running stdio servers (tests check they are gone after shutdown). */
  pids(): number[] {
    return [...this.servers.values()].flatMap((s) => (s.connection?.pid !== undefined ? [s.connection.pid] : []));
  }
}
