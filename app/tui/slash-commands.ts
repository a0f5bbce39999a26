// Slash commands (reference §3.3): the table in display order, the filter the
// popup uses and the lookup the controller uses on submit. The names form a
// union: slash-actions.ts switches over it exhaustively, so a command added
// here and not implemented there fails to compile. The README's command table
// lists the same names and descriptions (test/tui/slash-commands.test.ts).
// Custom prompts (`/prompts:NAME`, prompts/library.ts) join the popup's list.

export const SLASH_COMMANDS = [
  { name: 'model', description: 'choose what model and reasoning effort to use', whileRunning: false },
  { name: 'approvals', description: 'choose what Codex can do without approval', whileRunning: false },
  { name: 'permissions', description: 'choose what Codex can do without approval (same as /approvals)', whileRunning: false },
  { name: 'review', description: 'review changes and find issues: uncommitted, against a branch, a commit', whileRunning: false },
  { name: 'new', description: 'start a new chat during a conversation', whileRunning: false },
  { name: 'resume', description: 'resume a saved chat', whileRunning: false },
  { name: 'fork', description: 'fork this chat into a new session (both stay resumable)', whileRunning: false },
  { name: 'rename', description: 'rename this chat (its title in the resume picker)', whileRunning: true },
  { name: 'init', description: 'create an AGENTS.md file with instructions for Codex', whileRunning: false },
  { name: 'compact', description: 'summarize conversation to prevent hitting the context limit', whileRunning: false },
  { name: 'undo', description: 'put back the files the last turn changed', whileRunning: false },
  { name: 'diff', description: 'show git diff (including untracked files)', whileRunning: true },
  { name: 'mention', description: 'mention a file', whileRunning: true },
  { name: 'status', description: 'show current session configuration and token usage', whileRunning: true },
  { name: 'mcp', description: 'list configured MCP tools', whileRunning: true },
  { name: 'copy', description: "copy the last answer's Markdown to the clipboard", whileRunning: true },
  { name: 'export', description: 'write the conversation to a Markdown file: /export [FILE]', whileRunning: true },
  { name: 'clear', description: 'clear the transcript view (the conversation goes on)', whileRunning: false },
  { name: 'theme', description: 'choose the colour theme (previewed as you move)', whileRunning: true },
  { name: 'statusline', description: 'choose what the status bar shows', whileRunning: true },
  { name: 'logout', description: 'log out of Codex', whileRunning: false },
  { name: 'vim', description: 'toggle vim mode (normal and insert) in the composer', whileRunning: true },
  { name: 'quit', description: 'exit Codex', whileRunning: true },
  { name: 'exit', description: 'exit Codex (same as /quit)', whileRunning: true },
] as const satisfies readonly { name: string; description: string; whileRunning: boolean }[];

export type SlashCommand = (typeof SLASH_COMMANDS)[number];
export type SlashCommandName = SlashCommand['name'];

/** What the popup lists: a built-in command or a custom prompt (`prompts:NAME`). */
export interface PopupEntry {
  readonly name: string;
  readonly description: string;
}

export const PROMPTS_PREFIX = 'prompts:';

/**
 * Entries whose name contains the query's letters in order; prefix matches
 * first (a prompt's name matches with or without `prompts:`).
 */
export function filterCommands<E extends PopupEntry>(entries: readonly E[], query: string): E[] {
  const q = query.toLowerCase();
  const subseq = (name: string): boolean => {
    let i = 0;
    for (const ch of name) if (ch === q[i]) i++;
    return i === q.length;
  };
  const isPrefix = (name: string) => name.startsWith(q) || (name.startsWith(PROMPTS_PREFIX) && name.slice(PROMPTS_PREFIX.length).startsWith(q));
  const prefix = entries.filter((c) => isPrefix(c.name.toLowerCase()));
  return [...prefix, ...entries.filter((c) => !prefix.includes(c) && subseq(c.name.toLowerCase()))];
}

/** What a submitted line names: a built-in command, or a custom prompt (`/prompts:NAME args`). */
export type ParsedSlash =
  | { kind: 'builtin'; command: SlashCommand; args: string }
  | { kind: 'prompt'; name: string; args: string };

/** The command a submitted line names (`/name` or `/name args`), if any. */
export function parseSlash(text: string): ParsedSlash | undefined {
  const m = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const args = m[2] ?? '';
  if (m[1]!.startsWith(PROMPTS_PREFIX) && m[1]!.length > PROMPTS_PREFIX.length) return { kind: 'prompt', name: m[1]!.slice(PROMPTS_PREFIX.length), args };
  const command = SLASH_COMMANDS.find((c) => c.name === m[1]);
  return command ? { kind: 'builtin', command, args } : undefined;
}
