// Encodes frames as terminal bytes: each frame is compared with the previous
// one and only changed cells are written, with the cheapest cursor move and an
// SGR change only when the style changes, all inside a DEC 2026 synchronized
// update so the terminal never shows half a frame. Pure: bytes out, no I/O.
import { WIDE_TAIL, type CellGrid } from '../../../widgets/base/grid.js';
import { graphemeWidth } from '../../../widgets/base/text.js';
import type { Palette } from './palette.js';

const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

export class FrameWriter {
  private prevChars: string[] = [];
  private prevStyles = new Uint32Array(0);
  private width = -1;
  private height = -1;
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
    this.invalidate();
  }

  /** Forget what is on screen: the next frame repaints everything (after resize, or external output). */
  invalidate(): void {
    this.width = -1;
  }

  /** Bytes that bring the screen from the previous frame to `next`; '' when nothing changed. */
  render(next: CellGrid): string {
    this.out = '';
    const full = next.width !== this.width || next.height !== this.height;
    if (full) {
      // Unknown or resized screen: clear it, then everything non-blank is a change.
      this.out += '\x1b[0m\x1b[H\x1b[2J';
      this.cx = 0;
      this.cy = 0;
      this.sgr = 0;
      this.width = next.width;
      this.height = next.height;
      this.prevChars = new Array<string>(next.width * next.height).fill(' ');
      this.prevStyles = new Uint32Array(next.width * next.height);
      this.cursorShown = null;
      this.cursorPos = null;
    }
    this.paintChanges(next);
    this.placeCursor(next);
    if (!this.out) return '';
    const body = this.out;
    this.out = '';
    return SYNC_BEGIN + body + SYNC_END;
  }

  private paintChanges(next: CellGrid): void {
    const { width, height, chars, styles } = next;
    const pc = this.prevChars;
    const ps = this.prevStyles;
    for (let y = 0; y < height; y++) {
      const row = y * width;
      // After a grapheme whose width terminals disagree on, the next cell is
      // written even when unchanged: it covers whatever the terminal drew wider.
      let cover = false;
      for (let x = 0; x < width; x++) {
        const i = row + x;
        const ch = chars[i]!;
        const st = styles[i]!;
        if (ch === WIDE_TAIL) {
          // The head's write covered it, or the head did not change and neither did this.
          pc[i] = ch;
          ps[i] = st;
          continue;
        }
        if (ch === pc[i] && st === ps[i] && !cover) continue;
        cover = false;
        if (this.eraseRestOfRow(next, y, x)) break;
        this.moveTo(x, y, next);
        if (st !== this.sgr) {
          this.out += this.palette.sgr(st);
          this.sgr = st;
        }
        this.out += ch;
        const w = chars[i + 1] === WIDE_TAIL && x + 1 < width ? 2 : 1;
        pc[i] = ch;
        ps[i] = st;
        // Unknown position: pending wrap at the margin, or a wide grapheme outside
        // the BMP / a multi-code-point cluster (emoji, ZWJ, modifiers), which
        // terminals with older Unicode tables draw one column wide.
        const uncertain = ch.length > 2 || (w === 2 && ch.length === 2);
        this.cx = x + w >= width || uncertain ? -1 : x + w;
        cover = uncertain;
      }
    }
  }

  // When the rest of a row is blank in the default style, one EL replaces many spaces.
  private eraseRestOfRow(next: CellGrid, y: number, x: number): boolean {
    const { width, chars, styles } = next;
    const row = y * width;
    const remaining = width - x;
    if (remaining < 8) return false;
    for (let k = x; k < width; k++) if (chars[row + k] !== ' ' || styles[row + k] !== 0) return false;
    this.moveTo(x, y, next);
    if (this.sgr !== 0) {
      this.out += '\x1b[0m';
      this.sgr = 0;
    }
    this.out += '\x1b[K';
    for (let k = x; k < width; k++) {
      this.prevChars[row + k] = ' ';
      this.prevStyles[row + k] = 0;
    }
    return true;
  }

  private moveTo(x: number, y: number, next: CellGrid): void {
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

  private canReprint(next: CellGrid, y: number, from: number, to: number): boolean {
    const row = y * next.width;
    for (let k = from; k < to; k++) {
      const ch = next.chars[row + k]!;
      if (next.styles[row + k] !== this.sgr || ch === WIDE_TAIL || graphemeWidth(ch) !== 1) return false;
      if (this.prevChars[row + k] !== ch || this.prevStyles[row + k] !== next.styles[row + k]) return false;
    }
    return true;
  }

  private placeCursor(next: CellGrid): void {
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
