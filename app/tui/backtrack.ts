// Wires Esc–Esc backtrack (reference §3.4) to the preview widget: the app
// primes on the first Esc and calls `onBacktrack` on the second; the preview
// takes the 'backtrack' keymap mode (Esc/← older, → newer, Enter edits, any
// other key cancels). Enter forks the session before the chosen message, trims
// the visible transcript there and puts the message back in the composer.
import type { ResolvedAction } from '../../keymaps/engine.js';
import { BacktrackPreview } from '../../widgets/transcript/backtrack.js';
import type { TuiApp } from './app.js';
import type { Overlay, OverlayResult } from './overlay.js';

class BacktrackOverlay implements Overlay {
  readonly mode = 'backtrack';
  readonly placement = 'screen';
  readonly widget: BacktrackPreview;

  constructor(private readonly app: TuiApp) {
    this.widget = new BacktrackPreview(app.transcript);
  }

  handle(r: ResolvedAction): OverlayResult {
    switch (r.action) {
      case 'backtrack_older': this.widget.older(); return 'handled';
      case 'backtrack_newer': this.widget.newer(); return 'handled';
      case 'backtrack_confirm': {
        const choice = this.widget.confirm();
        this.app.events.forkPending = true;
        this.app.submit({ type: 'fork', drop_user_turns: choice.dropUserTurns });
        this.app.transcript.truncate(choice.cellIndex);
        this.app.composer.setText(choice.text);
        this.app.view.toBottom();
        return 'close';
      }
      default: return 'close';
    }
  }
}

export function installBacktrack(app: TuiApp): void {
  app.onBacktrack = () => {
    if (!app.running && BacktrackPreview.available(app.transcript)) app.pushOverlay(new BacktrackOverlay(app));
  };
}
