// Selecting text with the mouse, in the app. The app reports the mouse (for
// the wheel), so the terminal's own selection needs Shift; here a left-button
// drag over the transcript highlights its text and the release copies it
// (the caller sends it to the clipboard with OSC 52). A click selects nothing.
import type { InputEvent } from '../../keymaps/input-event.js';
import type { MarkedViewport } from '../../widgets/layout/scroll-marker.js';
import { selectedText } from '../../widgets/layout/selection.js';

export class MouseSelection {
  private selecting = false;

  constructor(private readonly pane: MarkedViewport, private readonly copy: (text: string) => void) {}

  handle(e: Extract<InputEvent, { type: 'mouse' }>): void {
    const pane = this.pane;
    const at = pane.pointAt(e.x, e.y);
    if (e.action === 'press') {
      pane.selection = at ? { anchor: at, head: at } : undefined;
      this.selecting = at !== undefined;
      return;
    }
    const sel = pane.selection;
    if (!this.selecting || !sel) return;
    // Past the view's edge the selection follows the pointer to the edge.
    const a = pane.screen;
    const head = at ?? { row: pane.view.topRow + Math.max(0, Math.min(a.height - 1, e.y - a.y)), col: Math.max(0, Math.min(a.width - 1, e.x - a.x)) };
    pane.selection = { anchor: sel.anchor, head };
    if (e.action === 'drag') return;
    this.selecting = false;
    const moved = head.row !== sel.anchor.row || head.col !== sel.anchor.col;
    const text = moved ? selectedText(pane.selection, (row) => pane.rowText(row)) : '';
    if (text.trim()) this.copy(text);
    else pane.selection = undefined;
  }
}
