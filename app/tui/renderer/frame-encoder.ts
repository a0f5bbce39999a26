// Turns a frame's cell updates (diff.ts) into terminal bytes, after moving
// rows that only moved with a scroll region (scroll.ts): the cheapest
// cursor move to each, an SGR change only when the style changes, the cursor
// shown where the frame wants it, all inside a DEC 2026 synchronized update so
// the terminal never shows half a frame. It tracks what the terminal's state
// is (cursor, style); it never writes itself.
import { WIDE_TAIL } from '../../../widgets/base/grid.js';
import { graphemeWidth } from '../../../widgets/base/text.js';
import { uncertainWidth, type CellUpdate, type FrameCells } from './diff.js';
import type { Palette } from './palette.js';
import type { Scroll } from './scroll.js';

const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

export interface EncodedFrame extends FrameCells {
  readonly cursor: { readonly x: number; readonly y: number } | null;
}

export class FrameEncoder {
  private cursorShown: boolean | null = null;
  private cursorPos: { x: number; y: number } | null = null;
  // Terminal state while encoding: cursor position (x = -1 when unknown) and SGR.
  private cx = -1;
  private cy = -1;
  private sgr = -1;
  private out = '';

  constructor(private palette: Palette) {}

  setPalette(p: Palette): void {
    this.palette = p;
  }

  /**
   * Bytes for `updates` of `next`; '' when there is nothing to do. With
   * `clear`, the screen is cleared first (its content and our idea of the
   * terminal's state are unknown). A `scroll` is applied before the updates
   * (which were computed against the scrolled screen).
   */
  encode(updates: readonly CellUpdate[], next: EncodedFrame, clear: boolean, scroll?: Scroll): string {
    this.out = '';
    if (clear) {
      this.out += '\x1b[0m\x1b[H\x1b[2J';
      this.cx = 0;
      this.cy = 0;
      this.sgr = 0;
      this.cursorShown = null;
      this.cursorPos = null;
    }
    if (scroll) this.scroll(scroll);
    for (const u of updates) {
      if (u.kind === 'erase') this.erase(u.x, u.y, next);
      else this.cell(u, next);
    }
    this.placeCursor(next);
    if (!this.out) return '';
    const body = this.out;
    this.out = '';
    return SYNC_BEGIN + body + SYNC_END;
  }

  private cell(u: Extract<CellUpdate, { kind: 'cell' }>, next: EncodedFrame): void {
    this.moveTo(u.x, u.y, next);
    if (u.style !== this.sgr) {
      this.out += this.palette.sgr(u.style);
      this.sgr = u.style;
    }
    this.out += u.ch;
    // Unknown position: pending wrap at the margin, or a grapheme of uncertain width.
    this.cx = u.x + u.width >= next.width || uncertainWidth(u.ch, u.width) ? -1 : u.x + u.width;
  }

  private scroll({ top, bottom, by }: Scroll): void {
    // Uncovered rows take the current background: reset it so they come out blank.
    if (this.sgr !== 0) {
      this.out += '\x1b[0m';
      this.sgr = 0;
    }
    const n = Math.abs(by);
    this.out += `\x1b[${top + 1};${bottom + 1}r\x1b[${n === 1 ? '' : n}${by > 0 ? 'S' : 'T'}\x1b[r`;
    // Setting the region homes the cursor; say unknown rather than rely on it.
    this.cx = -1;
    this.cy = -1;
    this.cursorPos = null;
  }

  private erase(x: number, y: number, next: EncodedFrame): void {
    this.moveTo(x, y, next);
    if (this.sgr !== 0) {
      this.out += '\x1b[0m';
      this.sgr = 0;
    }
    this.out += '\x1b[K';
  }

  private moveTo(x: number, y: number, next: EncodedFrame): void {
    if (this.cx === x && this.cy === y) return;
    if (this.cy === y && this.cx >= 0 && x > this.cx) {
      const gap = x - this.cx;
      // Re-sending up to 3 unchanged narrow cells in the current style is shorter than CUF.
      if (gap <= 3 && this.canReprint(next, y, this.cx, x)) {
        const row = y * next.width;
        for (let k = this.cx; k < x; k++) this.out += next.chars[row + k];
      } else this.out += gap === 1 ? '\x1b[C' : `\x1b[${gap}C`;
    } else if (x === 0 && this.cx >= 0 && y === this.cy + 1) {
      this.out += '\r\n';
    } else if (this.cx === x && y > this.cy && this.cy >= 0) {
      const d = y - this.cy;
      this.out += d === 1 ? '\x1b[B' : `\x1b[${d}B`;
    } else {
      this.out += `\x1b[${y + 1};${x + 1}H`;
    }
    this.cx = x;
    this.cy = y;
  }

  // The cells skipped between two updates of a row are unchanged (the diff
  // lists every change), so they may be re-sent if they look the same in the
  // current style.
  private canReprint(next: EncodedFrame, y: number, from: number, to: number): boolean {
    const row = y * next.width;
    for (let k = from; k < to; k++) {
      const ch = next.chars[row + k]!;
      if (next.styles[row + k] !== this.sgr || ch === WIDE_TAIL || graphemeWidth(ch) !== 1) return false;
    }
    return true;
  }

  private placeCursor(next: EncodedFrame): void {
    const c = next.cursor;
    const moved = this.out.length > 0;
    if (c) {
      if (moved || !this.cursorPos || this.cursorPos.x !== c.x || this.cursorPos.y !== c.y) {
        if (this.cx !== c.x || this.cy !== c.y) this.moveTo(c.x, c.y, next);
        this.cursorPos = { x: c.x, y: c.y };
      }
      if (this.cursorShown !== true) {
        this.out += '\x1b[?25h';
        this.cursorShown = true;
      }
    } else if (this.cursorShown !== false) {
      this.out += '\x1b[?25l';
      this.cursorShown = false;
    }
  }
}
