// What the user sends while a turn runs, in two kinds (the PendingInput widget
// shows both above the composer): steered messages went into the running turn
// and wait for the model's next step (they leave when the loop echoes them);
// queued follow-ups (Tab) wait here and each starts its own turn when the
// previous one ends, unless the user takes the last one back to edit (Alt+Up).
import type { Draft } from '../../widgets/composer/composer.js';
import { PendingInput } from '../../widgets/status/pending-input.js';

export class PendingTurnInput {
  readonly widget = new PendingInput();
  private drafts: Draft[] = [];

  /** A message sent into the running turn. */
  steered(text: string): void {
    this.widget.steered.push(text);
  }

  /** The loop echoed a user message: a steered one has reached the conversation. */
  echoed(text: string): void {
    const i = this.widget.steered.indexOf(text);
    if (i >= 0) this.widget.steered.splice(i, 1);
  }

  /** The turn ended: what was steered is in the conversation or starts the loop's next turn. */
  turnEnded(): void {
    this.widget.steered = [];
  }

  queue(draft: Draft): void {
    this.drafts.push(draft);
    this.sync();
  }

  /** The next follow-up to send, oldest first. */
  next(): Draft | undefined {
    const d = this.drafts.shift();
    this.sync();
    return d;
  }

  /** Alt+Up: the newest follow-up, taken back before it is sent. */
  takeLast(): Draft | undefined {
    const d = this.drafts.pop();
    this.sync();
    return d;
  }

  /** Everything still pending, oldest first, as drafts to edit (the turn was interrupted); the lists empty. */
  drain(): Draft[] {
    const steered = this.widget.steered.map((text): Draft => ({ text, images: [], typed: text, placeholders: [] }));
    const all = [...steered, ...this.drafts];
    this.widget.steered = [];
    this.drafts = [];
    this.sync();
    return all;
  }

  private sync(): void {
    this.widget.queued = this.drafts.map((d) => d.text);
  }
}
