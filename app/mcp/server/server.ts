// `codex mcp` / `codex mcp-server`: Codex as an MCP server over stdio with the
// tools `codex` (start a conversation) and `codex-reply` (continue one)
// (reference §6.2). Each call runs on the shared agent loop; several may run at
// once. Stdout carries only the protocol; logs go to stderr.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { z } from 'zod';
import type { CommandContext } from '../../command-context.js';
import { loadConfig } from '../../config/index.js';
import { cliVersion } from '../../config/version.js';
import { startSession } from '../../agent/session.js';
import { logger } from '../../log.js';
import { Conversation, type CallChannel } from './conversation.js';
import { cliOverridesFromConfig, codexParamsSchema, codexReplyParamsSchema, describeParamsError, overridesFromParams } from './params.js';
import { ServerStdioTransport } from './stdio-transport.js';
import { CODEX_REPLY_TOOL, CODEX_TOOL } from './tool-specs.js';

const log = logger('codex_mcp_server');
/** Approvals wait for a person: no request timeout short of setTimeout's maximum. */
const ELICITATION_TIMEOUT_MS = 2 ** 31 - 1;
const SHUTDOWN_GRACE_MS = 5000;
const anyResult = z.looseObject({});

type Extra = RequestHandlerExtra<never, never>;

const textResult = (text: string, isError: boolean): CallToolResult => ({ content: [{ type: 'text', text }], isError });

function channel(server: Server, extra: Extra): CallChannel {
  return {
    requestId: extra.requestId,
    signal: extra.signal,
    notify: (e) => server.notification({ method: 'codex/event', params: { _meta: { requestId: extra.requestId }, id: e.id, msg: e.msg } }),
    elicit: (params) => server.request({ method: 'elicitation/create', params }, anyResult, {
      signal: extra.signal, timeout: ELICITATION_TIMEOUT_MS, relatedRequestId: extra.requestId,
    }),
  };
}

export async function runMcpServer(ctx: CommandContext): Promise<number> {
  const globalOverrides = Array.isArray(ctx.cmd.flags.config) ? ctx.cmd.flags.config : [];
  const conversations = new Map<string, Conversation>();
  const server = new Server(
    { name: 'codex-mcp-server', version: cliVersion(), title: 'Codex' },
    { capabilities: { tools: { listChanged: true } } },
  );

  async function codex(args: unknown, extra: Extra): Promise<CallToolResult> {
    const parsed = codexParamsSchema.safeParse(args ?? {});
    if (!parsed.success) return textResult(`Failed to parse configuration for Codex tool: ${describeParamsError(parsed.error)}`, true);
    let session;
    try {
      const config = await loadConfig({
        cliOverrides: [...globalOverrides, ...cliOverridesFromConfig(parsed.data.config)],
        overrides: overridesFromParams(parsed.data),
      });
      session = await startSession(config, { recordHistory: false });
    } catch (e) {
      return textResult(`Failed to load Codex configuration from overrides: ${(e as Error).message}`, true);
    }
    const conversation = new Conversation(session);
    conversations.set(session.id, conversation);
    const outcome = await conversation.run(parsed.data.prompt, channel(server, extra));
    return textResult(outcome.text, outcome.isError);
  }

  async function codexReply(args: unknown, extra: Extra): Promise<CallToolResult> {
    const parsed = codexReplyParamsSchema.safeParse(args ?? {});
    if (!parsed.success) return textResult(`Failed to parse arguments for codex-reply: ${describeParamsError(parsed.error)}`, true);
    const conversation = conversations.get(parsed.data.conversationId);
    if (!conversation) return textResult(`Session not found for conversation_id: ${parsed.data.conversationId}`, true);
    const outcome = await conversation.run(parsed.data.prompt, channel(server, extra));
    return textResult(outcome.text, outcome.isError);
  }

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [CODEX_TOOL, CODEX_REPLY_TOOL] }));
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    switch (req.params.name) {
      case CODEX_TOOL.name: return codex(req.params.arguments, extra as Extra);
      case CODEX_REPLY_TOOL.name: return codexReply(req.params.arguments, extra as Extra);
      default: return textResult(`Unknown tool '${req.params.name}'`, true);
    }
  });

  const done = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await server.connect(new ServerStdioTransport());
  log.info('codex mcp server ready on stdio');
  await done;
  await Promise.all([...conversations.values()].map((c) => c.shutdown(SHUTDOWN_GRACE_MS)));
  await server.close();
  return 0;
}
