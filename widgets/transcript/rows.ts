// Where each cell of a transcript sits, for one way of drawing the cells (the
// live transcript's rows, or the transcript view's full rows): heights cached
// per width, row offsets recomputed from the first dirty cell on, the first
// visible cell found by binary search. Drawing a window costs the rows shown.
import type { Line, Rect, Surface } from '../base/types.js';
import type { HistoryCell } from './cell.js';
import { TOKENS } from './tokens.js';

export interface WindowOptions {
  /** Index of a cell drawn highlighted (the backtrack selection). */
  highlight?: number;
  /** A row drawn at the bottom of the area (a key hint); the window shrinks by one. */
  footer?: Line;
}

export class CellRows {
  private heights: number[] = [];
  /** offsets[i] = first row of cell i; offsets[0..validOffsets] are current. */
  private offsets: number[] = [0];
  private validOffsets = 0;
  private width = -1;
  private readonly dirty = new Set<number>();

  constructor(
    private readonly items: readonly HistoryCell[],
    private readonly gap: number,
    private readonly rowsOf: (cell: HistoryCell, width: number) => Line[],
  ) {}

  /** Cell `index` was added or changed. */
  mark(index: number): void {
    this.dirty.add(index);
    this.validOffsets = Math.min(this.validOffsets, index);
  }

  /** The cells from `length` on are gone. */
  truncated(length: number): void {
    this.heights.length = length;
    this.offsets.length = Math.min(this.offsets.length, length + 1);
    this.validOffsets = Math.min(this.validOffsets, length);
    for (const d of [...this.dirty]) if (d >= length) this.dirty.delete(d);
  }

  private layout(width: number): void {
    if (width !== this.width) {
      this.width = width;
      this.dirty.clear();
      for (let i = 0; i < this.items.length; i++) this.dirty.add(i);
      this.validOffsets = 0;
    }
    if (this.dirty.size) {
      let first = this.items.length;
      for (const i of this.dirty) {
        this.heights[i] = this.rowsOf(this.items[i]!, width).length;
        first = Math.min(first, i);
      }
      this.dirty.clear();
      this.validOffsets = Math.min(this.validOffsets, first);
    }
    // A hidden (zero-row) cell takes no gap either.
    for (let i = this.validOffsets; i < this.items.length; i++) {
      const h = this.heights[i]!;
      this.offsets[i + 1] = this.offsets[i]! + (h > 0 ? h + this.gap : 0);
    }
    this.validOffsets = this.items.length;
  }

  totalHeight(width: number): number {
    this.layout(width);
    const end = this.offsets[this.items.length]!;
    return end > 0 ? end - this.gap : 0;
  }

  cellTop(index: number, width: number): number {
    this.layout(width);
    return this.offsets[index] ?? this.offsets[this.items.length]!;
  }

  cellHeight(index: number, width: number): number {
    this.layout(width);
    return this.heights[index] ?? 0;
  }

  /** Index of the cell that contains `row` (or the gap after it). */
  private cellAt(row: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The line drawn at `row` (undefined for a gap row or past the end). */
  rowLine(row: number, width: number): Line | undefined {
    this.layout(width);
    if (!this.items.length || row < 0) return undefined;
    const i = this.cellAt(row);
    return this.rowsOf(this.items[i]!, width)[row - this.offsets[i]!];
  }

  renderWindow(surface: Surface, area: Rect, topRow: number, opts: WindowOptions = {}): void {
    surface.fill(area, ' ');
    if (area.width <= 0 || area.height <= 0) return;
    const height = opts.footer ? area.height - 1 : area.height;
    if (opts.footer) surface.writeLine(area.x, area.y + area.height - 1, opts.footer, area.width);
    this.layout(area.width);
    if (!this.items.length || height <= 0) return;
    const top = Math.max(0, topRow);
    let y = 0;
    for (let i = this.cellAt(top); i < this.items.length && y < height; i++) {
      const rows = this.rowsOf(this.items[i]!, area.width);
      const start = this.offsets[i]!;
      const selected = opts.highlight === i;
      for (let r = Math.max(0, top - start); r < rows.length && y < height; r++, y++) {
        const row = area.y + y;
        if (selected) {
          surface.fill({ x: area.x, y: row, width: area.width, height: 1 }, ' ', SELECTED);
          surface.writeLine(area.x, row, highlightRow(rows[r]!), area.width);
        } else surface.writeLine(area.x, row, rows[r]!, area.width);
      }
      // The gap rows after a cell stay blank.
      if (rows.length) y += Math.min(this.gap, Math.max(0, start + rows.length + this.gap - Math.max(top, start + rows.length)));
    }
  }
}

const SELECTED = { fg: TOKENS.selection, bg: TOKENS.selectionBg };

function highlightRow(row: Line): Line {
  return row.map((s) => ({ text: s.text, style: { ...s.style, ...SELECTED } }));
}
