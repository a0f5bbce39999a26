// Esc–Esc backtrack (reference §3.4) over the preview widget: the app primes
// on the first Esc and asks for the preview on the second; the preview
// takes the 'backtrack' keymap mode (Esc/← older, → newer, Enter edits, any
// other key cancels). Enter forks the session before the chosen message, trims
// the visible transcript there and puts the message back in the composer.
// When a turn from that message on changed files, a choice comes first:
// restore the files too (the session undoes those turns), or only the
// conversation.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { BacktrackPreview, type BacktrackChoice } from '../../widgets/transcript/backtrack.js';
import type { TuiApp } from './app.js';
import { ChoiceOverlay } from './choice.js';
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
        // The session numbers turns by user message: the first one going away.
        const firstDropped = this.app.conversation.all.filter((e) => e.role === 'user').length - choice.dropUserTurns + 1;
        if (this.app.checkpointTurns.some((t) => t >= firstDropped)) {
          this.app.pushOverlay(new ChoiceOverlay('Go back to this message', [
            { item: { label: 'Restore conversation and files', description: 'put back the files Codex changed from here on' }, value: true },
            { item: { label: 'Restore conversation only', description: 'leave the files as they are' }, value: false },
          ], (restoreFiles) => goBack(this.app, choice, firstDropped, restoreFiles)));
        } else {
          goBack(this.app, choice, firstDropped, false);
        }
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

function goBack(app: TuiApp, choice: BacktrackChoice, firstDropped: number, restoreFiles: boolean): void {
  app.events.forkPending = { kind: 'backtrack' };
  app.submit({ type: 'fork', drop_user_turns: choice.dropUserTurns, ...(restoreFiles ? { restore_files: true } : {}) });
  app.transcript.truncate(choice.cellIndex);
  app.conversation.dropUserTurns(choice.dropUserTurns);
  app.checkpointTurns = app.checkpointTurns.filter((t) => t < firstDropped);
  app.composer.setText(choice.text);
  app.view.toBottom();
}

/** Opens the preview when there is a message to go back to and nothing runs. */
export function openBacktrack(app: TuiApp): void {
  if (!app.running && BacktrackPreview.available(app.transcript)) app.pushOverlay(new BacktrackOverlay(app));
}
