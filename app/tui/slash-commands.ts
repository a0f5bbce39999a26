// Slash commands (reference §3.3): the table in display order, the filter the
// popup uses and the lookup the controller uses on submit. The names form a
// union: slash-actions.ts switches over it exhaustively, so a command added
// here and not implemented there fails to compile.

export const SLASH_COMMANDS = [
  { name: 'model', description: 'choose what model and reasoning effort to use', whileRunning: false },
  { name: 'approvals', description: 'choose what Codex can do without approval', whileRunning: false },
  { name: 'new', description: 'start a new chat during a conversation', whileRunning: false },
  { name: 'resume', description: 'resume a saved chat', whileRunning: false },
  { name: 'fork', description: 'fork this chat into a new session (both stay resumable)', whileRunning: false },
  { name: 'rename', description: 'rename this chat (its title in the resume picker)', whileRunning: true },
  { name: 'init', description: 'create an AGENTS.md file with instructions for Codex', whileRunning: false },
  { name: 'compact', description: 'summarize conversation to prevent hitting the context limit', whileRunning: false },
  { name: 'diff', description: 'show git diff (including untracked files)', whileRunning: true },
  { name: 'mention', description: 'mention a file', whileRunning: true },
  { name: 'status', description: 'show current session configuration and token usage', whileRunning: true },
  { name: 'mcp', description: 'list configured MCP tools', whileRunning: true },
  { name: 'quit', description: 'exit Codex', whileRunning: true },
] as const satisfies readonly { name: string; description: string; whileRunning: boolean }[];

export type SlashCommand = (typeof SLASH_COMMANDS)[number];
export type SlashCommandName = SlashCommand['name'];

/** Commands whose name contains the query's letters in order; prefix matches first. */
export function filterCommands(query: string): SlashCommand[] {
  const q = query.toLowerCase();
  const subseq = (name: string): boolean => {
    let i = 0;
    for (const ch of name) if (ch === q[i]) i++;
    return i === q.length;
  };
  const prefix: SlashCommand[] = SLASH_COMMANDS.filter((c) => c.name.startsWith(q));
  return [...prefix, ...SLASH_COMMANDS.filter((c) => !prefix.includes(c) && subseq(c.name))];
}

/** The command a submitted line names (`/name` or `/name args`), if any. */
export function parseSlash(text: string): { command: SlashCommand; args: string } | undefined {
  const m = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const command = SLASH_COMMANDS.find((c) => c.name === m[1]);
  return command ? { command, args: m[2] ?? '' } : undefined;
}
