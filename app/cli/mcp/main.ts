// `codex mcp …` and `codex mcp-server`: bare `mcp` (as the classic CLI) and
// `mcp-server` run Codex as an MCP server over stdio; `mcp list|get|add|remove`
// manage the servers Codex itself uses.
import type { CommandContext } from '../../command-context.js';

export async function main(ctx: CommandContext): Promise<number> {
  const [top, sub] = ctx.cmd.path;
  if (top === 'mcp-server' || (top === 'mcp' && sub === undefined)) {
    const { runMcpServer } = await import('../../mcp/server/server.js');
    return runMcpServer(ctx);
  }
  const commands = await import('./commands.js');
  switch (sub) {
    case 'list': return commands.list(ctx);
    case 'get': return commands.get(ctx);
    case 'add': return commands.add(ctx);
    case 'remove': return commands.remove(ctx);
    default:
      process.stderr.write(`codex mcp: unknown subcommand ${JSON.stringify(sub)}\n`);
      return 2;
  }
}
