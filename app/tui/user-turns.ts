// Where the user's text goes: a slash command or custom prompt to the wired
// interactions, a message into the running turn (steered), or a follow-up
// queued after it (Tab); a turn's end sends the next follow-up, an interrupt
// gives what waited back to the composer.
import type { EditAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import type { Composer, Draft } from '../../widgets/composer/composer.js';
import type { Viewport } from '../../widgets/layout/viewport.js';
import { textWithImages, type Op } from '../protocol/ops.js';
import type { AppEvent } from './app-host.js';
import type { PendingTurnInput } from './pending-turn-input.js';
import { parseSlash } from './slash-commands.js';

/** What the routing acts on: the app (app.ts). */
export interface TurnTarget {
  readonly running: boolean;
  readonly composer: Composer;
  readonly view: Viewport;
  readonly pendingInput: PendingTurnInput;
  request(e: AppEvent): void;
  submit(op: Op): string;
  composerAction(action: EditAction, r: ResolvedAction, at: number): void;
}

export class UserTurns {
  constructor(private readonly app: TurnTarget) {}

  /** Submits user text and the images attached to it (not typed in the composer: a start prompt, a popup's line). */
  submitText(text: string, images: readonly string[] = []): void {
    this.submitDraft({ text, images: [...images], typed: text, placeholders: [] });
  }

  /**
   * Submits a draft: a slash command, a custom prompt (which gets the whole
   * draft, to put back if it cannot be expanded), or a user turn (injected into a running one).
   */
  submitDraft(draft: Draft): void {
    const { text, images } = draft;
    this.app.view.toBottom();
    const slash = text.startsWith('/') ? parseSlash(text) : undefined;
    if (slash?.kind === 'builtin') this.app.request({ type: 'slash_command', command: slash.command, args: slash.args });
    else if (slash?.kind === 'prompt') this.app.request({ type: 'custom_prompt', name: slash.name, args: slash.args, draft });
    else this.sendMessage(text, images);
  }

  /** A user turn with its images (injected into a running one). */
  sendMessage(text: string, images: readonly string[] = []): void {
    if (this.app.running) this.app.pendingInput.steered(text);
    this.app.submit({ type: 'user_input', items: textWithImages(text, images) });
  }

  /** Tab: while a turn runs the draft waits and starts its own turn after it (a slash command runs now); idle, it is sent. */
  queueFollowUp(now: number): void {
    if (!this.app.running) {
      this.app.composerAction('submit', { action: 'submit' }, now);
      return;
    }
    const draft = this.app.composer.take(now);
    if (!draft) return;
    if (draft.text.startsWith('/') && parseSlash(draft.text)) this.submitDraft(draft);
    else this.app.pendingInput.queue(draft);
  }

  /** A turn ended: the oldest queued follow-up starts the next one. */
  sendNextFollowUp(): void {
    const draft = this.app.pendingInput.next();
    if (draft) this.submitDraft(draft);
  }

  /** A turn was interrupted: what was steered or queued goes back to the composer (before any draft), to edit or send again. */
  takeBackPendingInput(): void {
    for (const d of this.app.pendingInput.drain().reverse()) this.app.composer.restore(d);
  }
}
