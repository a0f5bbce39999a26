// The app's own key actions (keymaps/actions.ts AppAction): Esc interrupts or
// primes backtrack, Ctrl+C interrupts, clears the draft or arms quit, Ctrl+D
// quits, the scroll keys, and the keys that queue a follow-up or take one back.
// It keeps the two-press states (Esc–Esc, Ctrl+C twice) and their footer hints.
import type { AppAction, EditAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import type { Composer } from '../../widgets/composer/composer.js';
import type { Viewport } from '../../widgets/layout/viewport.js';
import type { Footer } from '../../widgets/status/footer.js';
import type { AppEvent, AppHost } from './app-host.js';
import type { PendingTurnInput } from './pending-turn-input.js';

export const QUIT_HINT_MS = 2000;
export const QUIT_HINT = 'ctrl + c again to quit';
export const BACKTRACK_HINT = 'Esc edit prev';

/** What the actions act on: the app (app.ts). */
export interface ActionTarget {
  readonly running: boolean;
  readonly composer: Composer;
  readonly footer: Footer;
  readonly view: Viewport;
  readonly pendingInput: PendingTurnInput;
  readonly host: AppHost;
  interrupt(): void;
  quit(): void;
  request(e: AppEvent): void;
  showNotice(text: string, ms: number): void;
  composerAction(action: EditAction, r: ResolvedAction, at: number): void;
  composerEdited(before: string): void;
  readonly turns: { queueFollowUp(now: number): void };
}

export class AppActions {
  private quitArmedUntil = 0;
  private backtrackPrimed = false;

  constructor(private readonly app: ActionTarget) {}

  run(action: AppAction, now: number): void {
    switch (action) {
      case 'cancel':
        if (this.app.running) this.app.interrupt();
        else if (this.app.composer.isEmpty()) {
          // Esc–Esc (reference §3.4): the first Esc primes, the second opens the preview.
          if (this.backtrackPrimed) {
            this.disarmBacktrack();
            this.app.request({ type: 'backtrack' });
          } else {
            this.backtrackPrimed = true;
            this.app.showNotice(BACKTRACK_HINT, Infinity);
          }
        }
        return;
      case 'interrupt_or_quit':
        if (this.app.running) this.app.interrupt();
        else if (!this.app.composer.isEmpty()) {
          // Later versions: Ctrl+C on a draft clears it rather than arming quit.
          const before = this.app.composer.text;
          this.app.composer.clear(now);
          this.quitArmedUntil = 0;
          this.app.composerEdited(before);
        } else if (now < this.quitArmedUntil) this.app.quit();
        else {
          this.quitArmedUntil = now + QUIT_HINT_MS;
          this.app.showNotice(QUIT_HINT, QUIT_HINT_MS);
        }
        return;
      case 'delete_forward_or_quit':
        // Ctrl+D on an empty composer quits, as end of input does in a shell.
        if (this.app.composer.isEmpty()) this.app.quit();
        else this.app.composerAction('delete_forward', { action: 'delete_forward' }, now);
        return;
      case 'open_transcript': this.app.request({ type: 'open_transcript' }); return;
      case 'scroll_page_up': this.app.view.pageUp(); return;
      case 'scroll_page_down': this.app.view.pageDown(); return;
      case 'scroll_top': this.app.view.toTop(); return;
      case 'scroll_bottom': this.app.view.toBottom(); return;
      case 'scroll_up': this.app.view.scrollBy(-3); return;
      case 'scroll_down': this.app.view.scrollBy(3); return;
      case 'redraw': this.app.host.redraw(); return;
      case 'queue_message': this.app.turns.queueFollowUp(now); return;
      case 'edit_queued': {
        const draft = this.app.pendingInput.takeLast();
        if (draft) this.app.composer.restore(draft);
        return;
      }
      default: {
        const _: never = action;
        return _;
      }
    }
  }

  disarmBacktrack(): void {
    if (!this.backtrackPrimed) return;
    this.backtrackPrimed = false;
    if (this.app.footer.notice === BACKTRACK_HINT) this.app.footer.notice = undefined;
  }

  /** Typing disarms Ctrl+C-to-quit, and its hint goes with it. */
  disarmQuit(): void {
    this.quitArmedUntil = 0;
    if (this.app.footer.notice === QUIT_HINT) this.app.footer.notice = undefined;
  }
}
