// The Esc–Esc backtrack preview (reference §3.4): the transcript with one user
// message highlighted and a key hint at the bottom. It opens on the most recent
// user message; `older()` (Esc, ←) and `newer()` (→) step; `confirm()` says
// how many user turns to drop (the `fork` op's `drop_user_turns`), which cell
// to trim the transcript at, and the text to pre-fill the composer with.
import type { Line, Rect, Surface, Widget } from '../base/types.js';
import type { UserMessageCell } from './cells/message.js';
import { TOKENS } from './tokens.js';
import type { Transcript } from './transcript.js';

export interface BacktrackChoice {
  /** 1 = the most recent user message. */
  dropUserTurns: number;
  /** Pass to `transcript.truncate()` to trim the visible transcript. */
  cellIndex: number;
  text: string;
}

const KEY = { fg: TOKENS.key, bold: true };
const HINT = { fg: TOKENS.muted };

export function backtrackFooter(): Line {
  return [
    { text: ' esc', style: KEY },
    { text: '/', style: HINT },
    { text: '←', style: KEY },
    { text: ' older  ', style: HINT },
    { text: '→', style: KEY },
    { text: ' newer  ', style: HINT },
    { text: '⏎', style: KEY },
    { text: ' edit message  ', style: HINT },
    { text: 'other keys', style: KEY },
    { text: ' cancel', style: HINT },
  ];
}

export class BacktrackPreview implements Widget {
  private readonly users: number[];
  /** Position in `users`, counted from the end (0 = most recent). */
  private back = 0;

  /** Throws if the transcript has no user message (the controller checks first). */
  constructor(private readonly transcript: Transcript) {
    this.users = transcript.userMessageIndices();
    if (!this.users.length) throw new Error('backtrack needs at least one user message');
  }

  static available(transcript: Transcript): boolean {
    return transcript.userMessageIndices().length > 0;
  }

  /** The highlighted cell's index in the transcript. */
  get selected(): number {
    return this.users[this.users.length - 1 - this.back]!;
  }

  older(): void {
    if (this.back < this.users.length - 1) this.back++;
  }

  newer(): void {
    if (this.back > 0) this.back--;
  }

  confirm(): BacktrackChoice {
    const cell = this.transcript.cells[this.selected] as UserMessageCell;
    return { dropUserTurns: this.back + 1, cellIndex: this.selected, text: cell.text };
  }

  measure(width: number): number {
    return this.transcript.totalHeight(width) + 1;
  }

  /** Draws the window that shows the selected message (its top, with context above when there is room). */
  render(surface: Surface, area: Rect): void {
    const view = area.height - 1;
    const total = this.transcript.totalHeight(area.width);
    const top = this.transcript.cellTop(this.selected, area.width);
    const h = this.transcript.cellHeight(this.selected, area.width);
    const below = Math.max(0, view - h);
    // Keep the selection a third of the way down, never scrolling past the end.
    const want = top - Math.floor(below / 3);
    const topRow = Math.max(0, Math.min(want, Math.max(0, total - view)));
    this.transcript.renderWindow(surface, area, Math.min(topRow, top), { highlight: this.selected, footer: backtrackFooter() });
  }
}
