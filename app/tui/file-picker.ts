// Wires the `@` file picker (reference §3.2): when the whitespace-delimited
// token under the caret starts with `@`, a popup above the composer shows the
// best matches from the file index of the working root (searched by the
// FileSearchManager: the first key at once, later ones debounced while
// searches are slow, one search in flight). ↑/↓ or Ctrl+P/N
// select; Tab or Enter replace the token with the path and a space; Esc closes
// it and it stays closed for that token.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { atTokenAt, replaceAtToken, type AtToken } from '../../widgets/file-picker/at-token.js';
import { FilePicker } from '../../widgets/file-picker/picker.js';
import { FileSearchManager, type Searcher } from '../files/search-manager.js';
import type { TuiApp } from './app.js';
import type { Overlay, OverlayResult } from './overlay.js';

class FilePickerOverlay implements Overlay {
  readonly mode = 'popup';
  readonly placement = 'bottom';
  readonly widget = new FilePicker();
  private readonly manager: FileSearchManager;

  constructor(private readonly app: TuiApp, index: Searcher, private readonly dismiss: (t: AtToken) => void, token: AtToken) {
    this.manager = new FileSearchManager(index, (u) => {
      this.widget.show(u.kind === 'loading' ? u : { kind: 'results', query: u.query, matches: u.matches });
      app.host.requestFrame();
    });
    this.query(token);
  }

  private query(token: AtToken): void {
    if (token.query) this.manager.setQuery(token.query);
    else {
      this.manager.cancel();
      this.widget.show({ kind: 'hint' });
    }
  }

  private token(): AtToken | undefined {
    return atTokenAt(this.app.composer.text, this.app.composer.textarea.cursor);
  }

  handle(r: ResolvedAction): OverlayResult {
    if (!isModeAction('popup', r.action)) return 'pass';
    switch (r.action) {
      case 'popup_prev': this.widget.move(-1); return 'handled';
      case 'popup_next': this.widget.move(1); return 'handled';
      case 'popup_close': {
        const t = this.token();
        if (t) this.dismiss(t);
        return 'close';
      }
      case 'popup_accept':
      case 'popup_complete': {
        const path = this.widget.selection();
        const t = this.token();
        // Enter with nothing to pick closes the popup and submits as usual; Tab does nothing.
        if (!path || !t) {
          if (r.action !== 'popup_accept') return 'handled';
          this.app.closeOverlay(this);
          return 'pass';
        }
        const next = replaceAtToken(this.app.composer.text, t, path);
        this.app.composer.textarea.setText(next.text, next.cursor);
        return 'close';
      }
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }

  composerChanged(text: string, cursor: number): OverlayResult {
    const t = atTokenAt(text, cursor);
    if (!t) return 'close';
    this.query(t);
    return 'handled';
  }

  onClose(): void {
    this.manager.dispose();
  }
}

/** Installs the `@` trigger over `index` (which builds itself in the background). */
export function installFilePicker(app: TuiApp, index: Searcher): void {
  let dismissed: { start: number; query: string } | undefined;
  app.addComposerTrigger((text, cursor) => {
    const t = atTokenAt(text, cursor);
    if (!t) {
      dismissed = undefined;
      return undefined;
    }
    // Esc closed the popup for this token: typing more into it keeps it closed.
    if (dismissed && dismissed.start === t.start && t.query.startsWith(dismissed.query)) return undefined;
    dismissed = undefined;
    return new FilePickerOverlay(app, index, (tok) => (dismissed = { start: tok.start, query: tok.query }), t);
  });
}
