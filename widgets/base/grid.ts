// The cell grid: a frame is width×height cells, each one grapheme plus an
// interned style id. A wide grapheme (CJK, emoji) occupies its cell and the
// next, whose char is WIDE_TAIL. Widgets draw through the Surface interface;
// the renderer diffs two grids. Overwriting half of a wide grapheme blanks the
// other half so the grid never holds an orphan tail or head.
import { graphemes, graphemeWidth, isPrintableAscii } from './text.js';
import { styleId } from './style-table.js';
import type { Line, Rect, Style, Surface } from './types.js';

export const WIDE_TAIL = '';

export class CellGrid implements Surface {
  width: number;
  height: number;
  chars: string[];
  styles: Uint32Array;
  cursor: { x: number; y: number } | null = null;

  constructor(width: number, height: number) {
    this.width = Math.max(0, width);
    this.height = Math.max(0, height);
    this.chars = new Array<string>(this.width * this.height).fill(' ');
    this.styles = new Uint32Array(this.width * this.height);
  }

  /** Blank every cell and drop the cursor (start of a frame). */
  clear(): void {
    this.chars.fill(' ');
    this.styles.fill(0);
    this.cursor = null;
  }

  resize(width: number, height: number): void {
    this.width = Math.max(0, width);
    this.height = Math.max(0, height);
    this.chars = new Array<string>(this.width * this.height).fill(' ');
    this.styles = new Uint32Array(this.width * this.height);
    this.cursor = null;
  }

  char(x: number, y: number): string {
    return this.chars[y * this.width + x] ?? ' ';
  }

  styleAt(x: number, y: number): number {
    return this.styles[y * this.width + x] ?? 0;
  }

  /** Sets one cell; `g` must be a single grapheme of width `w` (1 or 2). */
  put(x: number, y: number, g: string, w: number, sid: number): void {
    const row = y * this.width;
    const i = row + x;
    if (this.chars[i] === WIDE_TAIL && x > 0) this.chars[i - 1] = ' ';
    if (w === 2) {
      const next = i + 1;
      if (x + 1 < this.width && this.chars[next + 1] === WIDE_TAIL && x + 2 < this.width) this.chars[next + 1] = ' ';
      this.chars[i] = g;
      this.styles[i] = sid;
      this.chars[next] = WIDE_TAIL;
      this.styles[next] = sid;
    } else {
      if (x + 1 < this.width && this.chars[i + 1] === WIDE_TAIL) this.chars[i + 1] = ' ';
      this.chars[i] = g;
      this.styles[i] = sid;
    }
  }

  writeText(x: number, y: number, text: string, style?: Style, maxWidth?: number): number {
    if (y < 0 || y >= this.height || x >= this.width) return 0;
    const sid = styleId(style);
    const limit = Math.min(this.width, maxWidth === undefined ? this.width : x + Math.max(0, maxWidth));
    if (isPrintableAscii(text)) {
      // Most text: a cell per character, no segmenting and no array of graphemes.
      const from = Math.max(0, -x);
      const end = Math.min(text.length, limit - x);
      for (let i = from; i < end; i++) this.put(x + i, y, text[i]!, 1, sid);
      return Math.max(0, Math.max(end, from) - from);
    }
    let col = x;
    for (const g of graphemes(text)) {
      const w = graphemeWidth(g);
      if (w === 0) continue;
      if (col + w > limit) {
        // A wide grapheme that does not fit leaves a blank, never half a glyph.
        if (w === 2 && col < limit && col >= 0) this.put(col++, y, ' ', 1, sid);
        break;
      }
      if (col >= 0) this.put(col, y, g, w, sid);
      else if (col + w > 0) this.put(0, y, ' ', 1, sid);
      col += w;
    }
    return Math.max(0, col - Math.max(x, 0));
  }

  writeLine(x: number, y: number, line: Line, maxWidth?: number): number {
    let used = 0;
    const max = maxWidth ?? this.width - x;
    for (const span of line) {
      if (used >= max) break;
      used += this.writeText(x + used, y, span.text, span.style, max - used);
    }
    return used;
  }

  fill(area: Rect, ch: string, style?: Style): void {
    const sid = styleId(style);
    const g = graphemes(ch)[0] ?? ' ';
    const w = graphemeWidth(g) === 2 ? 2 : 1;
    const x0 = Math.max(0, area.x);
    const y0 = Math.max(0, area.y);
    const x1 = Math.min(this.width, area.x + area.width);
    const y1 = Math.min(this.height, area.y + area.height);
    if (w === 1 && x0 < x1) {
      // A row at a time (the first frame fills the whole screen; a put per cell was ~1 ms of its CPU). As put() would:
      // a wide grapheme cut at either edge of the span loses its other half.
      for (let y = y0; y < y1; y++) {
        const row = y * this.width;
        if (x0 > 0 && this.chars[row + x0] === WIDE_TAIL) this.chars[row + x0 - 1] = ' ';
        if (x1 < this.width && this.chars[row + x1] === WIDE_TAIL) this.chars[row + x1] = ' ';
        this.chars.fill(g, row + x0, row + x1);
        this.styles.fill(sid, row + x0, row + x1);
      }
      return;
    }
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x + w <= x1; x += w) this.put(x, y, g, w, sid);
      if (w === 2 && (x1 - x0) % 2 === 1) this.put(x1 - 1, y, ' ', 1, sid);
    }
  }

  setCursor(x: number, y: number): void {
    this.cursor = x >= 0 && y >= 0 && x < this.width && y < this.height ? { x, y } : null;
  }

  /** The text of row `y` (wide tails omitted), for tests and debugging. */
  rowText(y: number): string {
    let s = '';
    for (let x = 0; x < this.width; x++) s += this.chars[y * this.width + x] ?? '';
    return s;
  }
}

/**
 * A Surface limited to `area` of another surface, with coordinates relative to
 * the area's origin: a container hands each child one, so a child cannot draw
 * outside its rectangle.
 */
export class ClippedSurface implements Surface {
  /** `scrollY` rows of the child's drawing are above the area (a partly scrolled-out cell). */
  constructor(private readonly base: Surface, private readonly area: Rect, private readonly scrollY = 0) {}

  get width(): number { return this.area.width; }
  get height(): number { return this.area.height; }

  writeText(x: number, y: number, text: string, style?: Style, maxWidth?: number): number {
    const row = y - this.scrollY;
    if (x < 0 || row < 0 || row >= this.area.height || x >= this.area.width) return 0;
    const room = this.area.width - x;
    return this.base.writeText(this.area.x + x, this.area.y + row, text, style, Math.min(room, maxWidth ?? room));
  }

  writeLine(x: number, y: number, line: Line, maxWidth?: number): number {
    const row = y - this.scrollY;
    if (x < 0 || row < 0 || row >= this.area.height || x >= this.area.width) return 0;
    const room = this.area.width - x;
    return this.base.writeLine(this.area.x + x, this.area.y + row, line, Math.min(room, maxWidth ?? room));
  }

  fill(area: Rect, ch: string, style?: Style): void {
    const x = Math.max(0, area.x);
    const y = Math.max(0, area.y - this.scrollY);
    const w = Math.min(this.area.width, area.x + area.width) - x;
    const h = Math.min(this.area.height, area.y - this.scrollY + area.height) - y;
    if (w > 0 && h > 0) this.base.fill({ x: this.area.x + x, y: this.area.y + y, width: w, height: h }, ch, style);
  }

  setCursor(x: number, y: number): void {
    const row = y - this.scrollY;
    if (x >= 0 && row >= 0 && x < this.area.width && row < this.area.height) this.base.setCursor(this.area.x + x, this.area.y + row);
  }
}
