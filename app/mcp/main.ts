// Placeholder created with the command table so `codex mcp` dispatches; the
// owner of this folder replaces it with the real front end.
import type { CommandContext } from '../cli/context.js';

export async function main(_ctx: CommandContext): Promise<number> {
  process.stderr.write('codex mcp: not available yet\n');
  return 2;
}
