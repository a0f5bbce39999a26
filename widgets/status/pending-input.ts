// What the user said while a turn runs, above the composer, in two kinds:
//
//   ↳ also check the tests                 steered: already sent, the model reads it at its next step
//   ⇥ then update the changelog            queued: starts its own turn when this one ends
//     ⌥↑ edit queued
//
// The app keeps the lists (steered messages leave when the loop echoes them,
// queued ones when they are sent or taken back); this only draws them.
import { truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

const S = {
  steered: { fg: 'muted', italic: true } as Style,
  queued: { fg: 'text' } as Style,
  mark: { fg: 'accent' } as Style,
  hint: { fg: 'muted' } as Style,
};

export class PendingInput implements Widget {
  /** Sent into the running turn, not yet seen by the model. */
  steered: string[] = [];
  /** Follow-ups waiting for the turn to end, oldest first. */
  queued: string[] = [];
  /** The key that takes the last queued message back (from the keymap), shown under them. */
  editKey = '⌥↑';

  get empty(): boolean {
    return !this.steered.length && !this.queued.length;
  }

  measure(_width: number): number {
    return this.steered.length + this.queued.length + (this.queued.length ? 1 : 0);
  }

  render(surface: Surface, area: Rect): void {
    const rows: [string, string, Style][] = [
      ...this.steered.map((t): [string, string, Style] => ['↳ ', t, S.steered]),
      ...this.queued.map((t): [string, string, Style] => ['⇥ ', t, S.queued]),
    ];
    // On a short area the newest rows and the hint stay.
    const hint = this.queued.length ? 1 : 0;
    const shown = rows.slice(Math.max(0, rows.length - Math.max(0, area.height - hint)));
    let y = area.y;
    for (const [mark, text, style] of shown) {
      const x = area.x + 2 + surface.writeText(area.x + 2, y, mark, S.mark);
      surface.writeText(x, y, truncate(text.replace(/\s+/g, ' '), Math.max(1, area.x + area.width - x)), style);
      y++;
    }
    if (hint && y < area.y + area.height) surface.writeText(area.x + 4, y, truncate(`${this.editKey} edit queued`, Math.max(1, area.width - 4)), S.hint);
  }
}
