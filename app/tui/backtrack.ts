// Esc–Esc backtrack (reference §3.4) over the preview widget: the app primes
// on the first Esc and asks for the preview on the second; the preview
// takes the 'backtrack' keymap mode (Esc/← older, → newer, Enter edits, any
// other key cancels). Enter forks the session before the chosen message, trims
// the visible transcript there and puts the message back in the composer.
import { isModeAction } from '../../keymaps/actions.js';
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
    if (!isModeAction('backtrack', r.action)) return 'close';
    switch (r.action) {
      case 'backtrack_older': this.widget.older(); return 'handled';
      case 'backtrack_newer': this.widget.newer(); return 'handled';
      case 'backtrack_confirm': {
        const choice = this.widget.confirm();
        this.app.events.forkPending = { kind: 'backtrack' };
        this.app.submit({ type: 'fork', drop_user_turns: choice.dropUserTurns });
        this.app.transcript.truncate(choice.cellIndex);
        this.app.conversation.dropUserTurns(choice.dropUserTurns);
        this.app.composer.setText(choice.text);
        this.app.view.toBottom();
        return 'close';
      }
      case 'backtrack_cancel': return 'close';
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }
}

/** Opens the preview when there is a message to go back to and nothing runs. */
export function openBacktrack(app: TuiApp): void {
  if (!app.running && BacktrackPreview.available(app.transcript)) app.pushOverlay(new BacktrackOverlay(app));
}
