// Slash commands (reference §3.3): the table in display order, the popup that
// opens on a leading `/` (filtered as you type; ↑/↓ select, Tab completes to
// `/cmd `, Enter runs, Esc closes until the text changes), and the lookup the
// controller uses on submit.
import type { ResolvedAction } from '../../keymaps/engine.js';
import { SelectList } from '../../widgets/layout/select-list.js';
import type { ComposerTrigger, Overlay, OverlayResult } from './overlay.js';
import type { TuiApp } from './app.js';

export interface SlashCommand {
  name: string;
  description: string;
  /** Allowed while a task runs. */
  whileRunning: boolean;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: 'model', description: 'choose what model and reasoning effort to use', whileRunning: false },
  { name: 'approvals', description: 'choose what Codex can do without approval', whileRunning: false },
  { name: 'new', description: 'start a new chat during a conversation', whileRunning: false },
  { name: 'init', description: 'create an AGENTS.md file with instructions for Codex', whileRunning: false },
  { name: 'compact', description: 'summarize conversation to prevent hitting the context limit', whileRunning: false },
  { name: 'diff', description: 'show git diff (including untracked files)', whileRunning: true },
  { name: 'mention', description: 'mention a file', whileRunning: true },
  { name: 'status', description: 'show current session configuration and token usage', whileRunning: true },
  { name: 'mcp', description: 'list configured MCP tools', whileRunning: true },
  { name: 'quit', description: 'exit Codex', whileRunning: true },
];

/** Commands whose name contains the query's letters in order; prefix matches first. */
export function filterCommands(query: string): SlashCommand[] {
  const q = query.toLowerCase();
  const subseq = (name: string): boolean => {
    let i = 0;
    for (const ch of name) if (ch === q[i]) i++;
    return i === q.length;
  };
  const prefix = SLASH_COMMANDS.filter((c) => c.name.startsWith(q));
  return [...prefix, ...SLASH_COMMANDS.filter((c) => !prefix.includes(c) && subseq(c.name))];
}

/** The command a submitted line names (`/name` or `/name args`), if any. */
export function parseSlash(text: string): { command: SlashCommand; args: string } | undefined {
  const m = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const command = SLASH_COMMANDS.find((c) => c.name === m[1]);
  return command ? { command, args: m[2] ?? '' } : undefined;
}

/** The `/query` being typed: the whole text is one token starting with `/`. */
function slashQuery(text: string): string | undefined {
  return /^\/\S*$/.test(text) ? text.slice(1) : undefined;
}

export class SlashPopup implements Overlay {
  readonly mode = 'popup';
  readonly placement = 'bottom';
  readonly widget = new SelectList(8, 'no matching commands');

  constructor(private readonly app: TuiApp, query: string) {
    this.refilter(query);
  }

  private refilter(query: string): void {
    this.widget.setItems(filterCommands(query).map((c) => ({ label: `/${c.name}`, description: c.description })));
  }

  private selected(): string | undefined {
    return this.widget.current()?.label;
  }

  handle(r: ResolvedAction): OverlayResult {
    switch (r.action) {
      case 'popup_prev': this.widget.move(-1); return 'handled';
      case 'popup_next': this.widget.move(1); return 'handled';
      case 'popup_close': return 'close';
      case 'popup_complete': {
        const sel = this.selected();
        if (sel) this.app.composer.setText(`${sel} `);
        return 'close';
      }
      case 'popup_accept': {
        const sel = this.selected();
        if (!sel) return 'pass';
        this.app.composer.setText('');
        this.app.submitText(sel);
        return 'close';
      }
      default: return 'pass';
    }
  }

  composerChanged(text: string): OverlayResult {
    const q = slashQuery(text);
    if (q === undefined) return 'close';
    this.refilter(q);
    return 'handled';
  }
}

/** Opens the popup when the composer holds just `/…`. */
export function slashTrigger(app: TuiApp): ComposerTrigger {
  return (text) => {
    const q = slashQuery(text);
    return q === undefined ? undefined : new SlashPopup(app, q);
  };
}
