// The popup that opens on a leading `/` (reference §3.3): the built-in
// commands, then the custom prompts (`/prompts:NAME`, re-read when the popup
// opens), filtered as you type; ↑/↓ select, Tab completes to `/cmd `, Enter
// runs, Esc closes until the text changes. Enter on a prompt that takes
// arguments fills the composer instead: `/prompts:NAME ` for positional ones,
// `/prompts:NAME A="" B=""` (the caret in the first quotes) for named ones.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { SelectList } from '../../widgets/layout/select-list.js';
import type { ComposerTrigger, Overlay, OverlayResult } from './overlay.js';
import type { TuiApp } from './app.js';
import { hasPositionalPlaceholders, namedPlaceholders } from './prompts/expand.js';
import type { CustomPrompt, PromptLibrary } from './prompts/library.js';
import { filterCommands, PROMPTS_PREFIX, SLASH_COMMANDS, type PopupEntry } from './slash-commands.js';

/** The `/query` being typed: the whole text is one token starting with `/`. */
function slashQuery(text: string): string | undefined {
  return /^\/\S*$/.test(text) ? text.slice(1) : undefined;
}

type Entry = PopupEntry & { prompt?: CustomPrompt };

function promptEntry(p: CustomPrompt): Entry {
  const description = [p.description ?? 'send saved prompt', p.argumentHint].filter(Boolean).join(' ');
  return { name: `${PROMPTS_PREFIX}${p.name}`, description, prompt: p };
}

export class SlashPopup implements Overlay {
  readonly mode = 'popup';
  readonly placement = 'bottom';
  readonly widget = new SelectList(8, 'no matching commands');
  private readonly entries: Entry[];
  private shown: Entry[] = [];

  constructor(private readonly app: TuiApp, query: string, prompts: readonly CustomPrompt[]) {
    this.entries = [...SLASH_COMMANDS, ...prompts.map(promptEntry)];
    this.refilter(query);
  }

  private refilter(query: string): void {
    this.shown = filterCommands(this.entries, query);
    this.widget.setItems(this.shown.map((c) => ({ label: `/${c.name}`, description: c.description })));
  }

  private selected(): Entry | undefined {
    return this.shown[this.widget.selected];
  }

  handle(r: ResolvedAction): OverlayResult {
    if (!isModeAction('popup', r.action)) return 'pass';
    switch (r.action) {
      case 'popup_prev': this.widget.move(-1); return 'handled';
      case 'popup_next': this.widget.move(1); return 'handled';
      case 'popup_close': return 'close';
      case 'popup_complete': {
        const sel = this.selected();
        if (sel) this.app.composer.setText(`/${sel.name} `);
        return 'close';
      }
      case 'popup_accept': {
        const sel = this.selected();
        if (!sel) return 'pass';
        const line = `/${sel.name}`;
        const named = sel.prompt ? namedPlaceholders(sel.prompt.content) : [];
        if (named.length) {
          const text = `${line} ${named.map((n) => `${n}=""`).join(' ')}`;
          this.app.composer.setText(text);
          this.app.composer.textarea.setText(text, line.length + named[0]!.length + 3);
        } else if (sel.prompt && hasPositionalPlaceholders(sel.prompt.content)) {
          this.app.composer.setText(`${line} `);
        } else {
          this.app.composer.setText('');
          this.app.turns.submitText(line);
        }
        return 'close';
      }
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }

  composerChanged(text: string): OverlayResult {
    const q = slashQuery(text);
    if (q === undefined) return 'close';
    this.refilter(q);
    return 'handled';
  }
}

/** Opens the popup when the composer holds just `/…`; the prompts folder is looked at then. */
export function slashTrigger(app: TuiApp, library: PromptLibrary): ComposerTrigger {
  return (text) => {
    const q = slashQuery(text);
    return q === undefined ? undefined : new SlashPopup(app, q, library.refresh());
  };
}
