// A call to an MCP server's tool (`server__tool`), reported as
// mcp_tool_call_begin/end; the manager turns every failure into an output.
import type { McpConnectionManager } from '../mcp/client/manager.js';
import type { ToolEnv } from './tool-env.js';

export type McpManager = Pick<McpConnectionManager, 'tools' | 'toolInfo' | 'isMcpTool' | 'callTool' | 'statuses' | 'shutdown'>;

function parsedArguments(json: string): unknown {
  try {
    return json.trim() ? JSON.parse(json) : undefined;
  } catch {
    return undefined;
  }
}

export async function handleMcpCall(mcp: McpManager, name: string, args: string, env: ToolEnv): Promise<string> {
  const info = mcp.toolInfo(name);
  const invocation = { server: info?.server ?? '', tool: info?.tool ?? name, arguments: parsedArguments(args) };
  env.emit({ type: 'mcp_tool_call_begin', call_id: env.callId, invocation });
  const outcome = await mcp.callTool(name, args, env.signal);
  env.emit({
    type: 'mcp_tool_call_end', call_id: env.callId, invocation: outcome.invocation,
    duration_ms: outcome.durationMs, result: outcome.result,
  });
  return outcome.output;
}
