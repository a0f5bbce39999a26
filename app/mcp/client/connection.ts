// One configured MCP server: validate its table, start it (stdio child or
// streamable HTTP), run the handshake and tools/list within the startup
// timeout, call its tools, and close it. The SDK is imported here, lazily, so
// sessions without MCP servers never load it.
import { resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerToml } from '../../config/schema.js';
import { cliVersion } from '../../config/version.js';
import { logger } from '../../log.js';
import { serverEnvironment } from './env.js';
import type { CallToolResultLike } from './result.js';
import type { ChildStdioTransport } from './stdio-transport.js';

const log = logger('codex_core::mcp_connection_manager');

export const DEFAULT_STARTUP_TIMEOUT_SEC = 10;
export const DEFAULT_TOOL_TIMEOUT_SEC = 60;
/** tools/list pages fetched at most (a bound against servers that loop their cursor). */
const MAX_LIST_PAGES = 100;
const STDERR_TAIL_BYTES = 2048;
/** How long a failed start waits for the child to exit on its own, to report why. */
const EXIT_WAIT_MS = 300;
/** The MCP SDK's ErrorCode.ConnectionClosed. */
const CONNECTION_CLOSED = -32000;

export type ServerLaunch =
  | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd: string }
  | { kind: 'http'; url: URL; headers: Record<string, string> };

export interface ServerSettings {
  readonly launch: ServerLaunch;
  readonly startupTimeoutMs: number;
  readonly toolTimeoutMs: number;
  readonly enabledTools?: readonly string[];
  readonly disabledTools: readonly string[];
}

/** Turns a `[mcp_servers.NAME]` table into launch settings, or throws an Error saying what is wrong. */
export function serverSettings(server: McpServerToml, cwd: string, env: NodeJS.ProcessEnv): ServerSettings {
  const startupSec = server.startup_timeout_sec ?? (server.startup_timeout_ms !== undefined ? server.startup_timeout_ms / 1000 : DEFAULT_STARTUP_TIMEOUT_SEC);
  const common = {
    startupTimeoutMs: Math.round(startupSec * 1000),
    toolTimeoutMs: Math.round((server.tool_timeout_sec ?? DEFAULT_TOOL_TIMEOUT_SEC) * 1000),
    ...(server.enabled_tools && { enabledTools: server.enabled_tools }),
    disabledTools: server.disabled_tools ?? [],
  };
  if (server.command !== undefined && server.url !== undefined) throw new Error('set either `command` (stdio) or `url` (streamable HTTP), not both');
  if (server.command !== undefined) {
    return {
      ...common,
      launch: {
        kind: 'stdio',
        command: server.command,
        args: server.args,
        env: serverEnvironment(env, server),
        cwd: resolve(cwd, server.cwd ?? '.'),
      },
    };
  }
  if (server.url === undefined) throw new Error('missing `command` (stdio) or `url` (streamable HTTP)');
  let url: URL;
  try {
    url = new URL(server.url);
  } catch {
    throw new Error(`invalid url ${JSON.stringify(server.url)}`);
  }
  const headers: Record<string, string> = { ...server.http_headers };
  for (const [header, variable] of Object.entries(server.env_http_headers ?? {})) {
    const value = env[variable];
    if (value !== undefined && value !== '') headers[header] = value;
  }
  if (server.bearer_token_env_var !== undefined) {
    const token = env[server.bearer_token_env_var];
    if (!token) throw new Error(`environment variable ${server.bearer_token_env_var} (bearer_token_env_var) is not set`);
    headers.Authorization = `Bearer ${token}`;
  }
  return { ...common, launch: { kind: 'http', url, headers } };
}

/** What went wrong, in a line: the SDK reports a non-MCP answer as a long list of schema issues. */
function startFailure(e: unknown, launch: ServerLaunch): string {
  const issues = (e as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return (e as Error).message;
  return launch.kind === 'http'
    ? `the server at ${launch.url.href} did not answer with MCP (JSON-RPC) messages; is \`url\` the server's MCP endpoint?`
    : 'the server wrote something that is not an MCP (JSON-RPC) message';
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class McpConnection {
  private closing = false;
  private exitListener?: (message: string) => void;
  private stderrTail = '';

  private constructor(
    readonly name: string,
    readonly settings: ServerSettings,
    private readonly client: Client,
    private readonly transport: Transport,
  ) {}

  /** Starts the server; resolves once initialize + tools/list are done, rejects (with the child killed) otherwise. */
  static async start(name: string, settings: ServerSettings): Promise<{ connection: McpConnection; tools: Tool[] }> {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const client = new Client({ name: 'codex-mcp-client', version: cliVersion(), title: 'Codex' });
    let connection: McpConnection | undefined;
    const transport = await McpConnection.transport(name, settings.launch, (chunk) => connection?.keepStderr(chunk));
    connection = new McpConnection(name, settings, client, transport);
    client.onclose = () => connection.onTransportClosed();
    // What the transport skipped (a line that is not JSON-RPC, an oversized message no call waits for) goes to the log.
    client.onerror = (e) => log.warn(`MCP server \`${name}\`: ${e.message}`);
    const seconds = settings.startupTimeoutMs / 1000;
    const timeoutMessage = `timed out after ${seconds}s waiting for the server to initialize and list its tools`;
    try {
      const tools = await withTimeout(connection.handshake(), settings.startupTimeoutMs, timeoutMessage);
      return { connection, tools };
    } catch (e) {
      // A server that died by itself says more with its exit status than with the
      // broken pipe, closed connection or timeout it left behind: a busy process may
      // handle the timer before the exit, and the exit may trail a broken pipe.
      // An answer the server gave (a JSON-RPC error code other than "connection closed") is kept.
      const code = (e as { code?: unknown }).code;
      const timedOut = (e as Error).message === timeoutMessage;
      const brokenTransport = !timedOut && (typeof code !== 'number' || code === CONNECTION_CLOSED);
      const stdio = transport as Partial<ChildStdioTransport>;
      if (brokenTransport) await stdio.endedWithin?.(EXIT_WAIT_MS);
      await connection.close(); // waits for the exit and the last of stderr
      const exited = brokenTransport || timedOut ? stdio.ownExit?.(brokenTransport) : undefined;
      throw new Error(connection.withStderr(exited ? `the server exited (${exited}) during startup` : startFailure(e, settings.launch)));
    }
  }

  private static async transport(name: string, launch: ServerLaunch, onStderr: (chunk: string) => void): Promise<Transport> {
    if (launch.kind === 'stdio') {
      const { ChildStdioTransport } = await import('./stdio-transport.js');
      return new ChildStdioTransport({ ...launch, server: name, onStderr });
    }
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    return new StreamableHTTPClientTransport(launch.url, { requestInit: { headers: launch.headers } });
  }

  private async handshake(): Promise<Tool[]> {
    await this.client.connect(this.transport, { timeout: this.settings.startupTimeoutMs });
    const tools: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const res = await this.client.listTools(cursor === undefined ? undefined : { cursor }, { timeout: this.settings.startupTimeoutMs });
      tools.push(...res.tools);
      cursor = res.nextCursor;
      if (cursor === undefined) break;
    }
    return tools;
  }

  /** The child's pid (stdio servers), for tests and exit hooks. */
  get pid(): number | undefined {
    return (this.transport as Partial<ChildStdioTransport>).pid;
  }

  /** Called once if the server goes away while the session still uses it. */
  onExit(listener: (message: string) => void): void {
    this.exitListener = listener;
  }

  async callTool(tool: string, args: Record<string, unknown> | undefined, signal?: AbortSignal): Promise<CallToolResultLike> {
    // A plain tools/call request, not Client.callTool: that one rejects a result
    // that misses or breaks the tool's declared outputSchema, and the original
    // passes any result on to the model (structuredContent if present, else content).
    const { CompatibilityCallToolResultSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const res = await this.client.request(
      { method: 'tools/call', params: { name: tool, ...(args !== undefined && { arguments: args }) } },
      CompatibilityCallToolResultSchema,
      { timeout: this.settings.toolTimeoutMs, ...(signal && { signal }) },
    );
    if (!('content' in res) || !Array.isArray(res.content)) {
      // Protocol 2024-10-07 servers answer with { toolResult }.
      return { content: [{ type: 'text', text: JSON.stringify(res.toolResult ?? res) }] };
    }
    return {
      content: res.content,
      ...('structuredContent' in res && { structuredContent: res.structuredContent }),
      ...(res.isError === true && { isError: true }),
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client.close().catch(() => undefined);
    await this.transport.close().catch(() => undefined);
  }

  private onTransportClosed(): void {
    if (this.closing) return;
    this.closing = true;
    const status = (this.transport as Partial<ChildStdioTransport>).exitStatus;
    this.exitListener?.(this.withStderr(status ?? 'connection closed'));
  }

  private keepStderr(chunk: string): void {
    this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
  }

  private withStderr(message: string): string {
    const tail = this.stderrTail.trim();
    return tail ? `${message}; stderr: ${tail.split('\n').slice(-5).join('\n')}` : message;
  }
}
