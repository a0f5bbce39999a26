// The conversation as text: the user's messages and the assistant's final
// answers (Markdown), in order. Kept apart from the transcript's cells so that
// /clear can empty the view while /copy and /export still see everything; it
// follows what the model sees: Esc–Esc drops the turns the fork dropped, /new
// starts over.

export interface LogEntry {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

export class ConversationLog {
  private entries: LogEntry[] = [];

  get all(): readonly LogEntry[] {
    return this.entries;
  }

  add(role: LogEntry['role'], text: string): void {
    this.entries.push({ role, text });
  }

  clear(): void {
    this.entries = [];
  }

  /** The fork (backtrack) dropped the last `n` user turns: they go, with everything after them. */
  dropUserTurns(n: number): void {
    let seen = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]!.role === 'user' && ++seen === n) {
        this.entries.length = i;
        return;
      }
    }
    if (n > 0) this.entries = [];
  }

  /** The last answer's Markdown (/copy). */
  lastAnswer(): string | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.role === 'assistant') return this.entries[i]!.text;
    return undefined;
  }
}

/**
 * The conversation as a Markdown document (/export): a title naming the
 * session, then `## You` / `## Codex` sections. Messages are Markdown already
 * and go in as they are.
 */
export function conversationMarkdown(entries: readonly LogEntry[], meta: { sessionId: string; cwd: string; date: Date }): string {
  const head = `# Codex session ${meta.sessionId}\n\n${meta.date.toISOString()} · ${meta.cwd}\n`;
  const body = entries.map((e) => `\n## ${e.role === 'user' ? 'You' : 'Codex'}\n\n${e.text.trim()}\n`).join('');
  return head + body;
}
