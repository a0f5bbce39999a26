// The transcript: history cells stacked top to bottom with one blank row
// between them, drawn as a vertical window for the viewport.
//
// API (used by the viewport and the controller):
//   const t = new Transcript();
//   t.add(cell) → index            append a cell (any HistoryCell subclass)
//   t.cells, t.length, t.last()     read access
//   t.totalHeight(width)            rows of the whole transcript at a width
//                                   (also `measure`; `render` draws from the top)
//   t.renderWindow(surface, area, topRow, { highlight?, footer? })
//                                   draw rows [topRow, topRow + area.height)
//   t.cellTop(i, width), t.cellHeight(i, width)   where a cell sits (scrolling)
//   t.userMessageIndices()          indices of user message cells (backtrack)
//   t.truncate(i) → removed cells   drop cell i and everything after it
//   t.clear()                       start over (/new)
//   t.onChange = () => …            called when a cell is added or changes, so
//                                   the caller can schedule a frame
//
// Cost: heights are cached per width; a cell that changes (a streamed delta,
// output, a spinner frame) marks only itself dirty, and row offsets are
// recomputed from the first dirty cell on. Drawing a window finds the first
// visible cell by binary search. Nothing here depends on the composer, so a
// keystroke never re-wraps the transcript; a resize re-wraps every cell once.
import type { Line, Rect, Surface, Widget } from '../base/types.js';
import type { HistoryCell } from './cell.js';
import { TOKENS } from './tokens.js';

export interface WindowOptions {
  /** Index of a cell drawn highlighted (the backtrack selection). */
  highlight?: number;
  /** A row drawn at the bottom of the area (a key hint); the window shrinks by one. */
  footer?: Line;
}

export class Transcript implements Widget {
  private readonly items: HistoryCell[] = [];
  private heights: number[] = [];
  /** offsets[i] = first row of cell i; offsets[0..validOffsets] are current. */
  private offsets: number[] = [0];
  private validOffsets = 0;
  private width = -1;
  private readonly dirty = new Set<number>();
  onChange: (() => void) | undefined;

  constructor(private readonly gap = 1) {}

  get cells(): readonly HistoryCell[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  last(): HistoryCell | undefined {
    return this.items[this.items.length - 1];
  }

  add(cell: HistoryCell): number {
    const index = this.items.length;
    this.items.push(cell);
    this.heights.push(0);
    this.dirty.add(index);
    cell.onChange = () => {
      this.dirty.add(index);
      this.validOffsets = Math.min(this.validOffsets, index);
      this.onChange?.();
    };
    this.onChange?.();
    return index;
  }

  truncate(index: number): HistoryCell[] {
    const removed = this.items.splice(index);
    for (const c of removed) c.onChange = undefined;
    this.heights.length = this.items.length;
    this.offsets.length = Math.min(this.offsets.length, this.items.length + 1);
    this.validOffsets = Math.min(this.validOffsets, this.items.length);
    for (const d of [...this.dirty]) if (d >= this.items.length) this.dirty.delete(d);
    this.onChange?.();
    return removed;
  }

  clear(): void {
    this.truncate(0);
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
        this.heights[i] = this.items[i]!.measure(width);
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

  /** Widget: the whole transcript's height. */
  measure(width: number): number {
    return this.totalHeight(width);
  }

  /** Widget: the window from the top (the viewport uses renderWindow with its scroll offset). */
  render(surface: Surface, area: Rect): void {
    this.renderWindow(surface, area, 0);
  }

  cellTop(index: number, width: number): number {
    this.layout(width);
    return this.offsets[index] ?? this.offsets[this.items.length]!;
  }

  cellHeight(index: number, width: number): number {
    this.layout(width);
    return this.heights[index] ?? 0;
  }

  userMessageIndices(): number[] {
    const out: number[] = [];
    this.items.forEach((c, i) => {
      if (c.kind === 'user') out.push(i);
    });
    return out;
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
      const rows = this.items[i]!.lines(area.width);
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
