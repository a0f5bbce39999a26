// The popup that opens on a leading `/` (reference §3.3): filtered as you
// type; ↑/↓ select, Tab completes to `/cmd `, Enter runs, Esc closes until the
// text changes.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { SelectList } from '../../widgets/layout/select-list.js';
import type { ComposerTrigger, Overlay, OverlayResult } from './overlay.js';
import type { TuiApp } from './app.js';
import { filterCommands } from './slash-commands.js';

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
    if (!isModeAction('popup', r.action)) return 'pass';
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

/** Opens the popup when the composer holds just `/…`. */
export function slashTrigger(app: TuiApp): ComposerTrigger {
  return (text) => {
    const q = slashQuery(text);
    return q === undefined ? undefined : new SlashPopup(app, q);
  };
}
