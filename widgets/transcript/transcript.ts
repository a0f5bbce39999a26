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
//   t.full                          the same cells drawn whole (every output
//                                   line, every diff row) as a scroll source,
//                                   for the transcript view (Ctrl+T)
//   t.rowText(row, width)           a row's text (copying a mouse selection)
//   t.userMessageIndices()          indices of user message cells (backtrack)
//   t.insert(i, cell)               put a cell before cell i
//   t.truncate(i) → removed cells   drop cell i and everything after it
//   t.clear()                       start over (/new)
//   t.onChange = () => …            called when a cell is added or changes, so
//                                   the caller can schedule a frame
//
// Cost: heights are cached per width and per way of drawing (rows.ts); a cell
// that changes (a streamed delta, output, a spinner frame) marks only itself
// dirty. Nothing here depends on the composer, so a keystroke never re-wraps
// the transcript; a resize re-wraps every cell once. The full rows are laid
// out only while something draws them.
import type { Rect, Surface, Widget } from '../base/types.js';
import type { ScrollSource } from '../layout/viewport.js';
import type { HistoryCell } from './cell.js';
import { CellRows, type WindowOptions } from './rows.js';

export type { WindowOptions } from './rows.js';

export class Transcript implements Widget {
  private readonly items: HistoryCell[] = [];
  private readonly live: CellRows;
  private readonly whole: CellRows;
  onChange: (() => void) | undefined;

  constructor(gap = 1) {
    this.live = new CellRows(this.items, gap, (c, w) => c.lines(w));
    this.whole = new CellRows(this.items, gap, (c, w) => c.fullLines(w));
  }

  /** The cells drawn whole, for the transcript view (Ctrl+T). */
  readonly full: ScrollSource = {
    totalHeight: (width) => this.whole.totalHeight(width),
    renderWindow: (surface, area, topRow) => this.whole.renderWindow(surface, area, topRow),
  };

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
    this.mark(index);
    cell.onChange = () => {
      this.mark(index);
      this.onChange?.();
    };
    this.onChange?.();
    return index;
  }

  /** Puts `cell` at `index`; the cells from there on move down (their caches are laid out again). */
  insert(index: number, cell: HistoryCell): void {
    const after = this.truncate(index);
    this.add(cell);
    for (const c of after) this.add(c);
  }

  private mark(index: number): void {
    this.live.mark(index);
    this.whole.mark(index);
  }

  truncate(index: number): HistoryCell[] {
    const removed = this.items.splice(index);
    for (const c of removed) c.onChange = undefined;
    this.live.truncated(this.items.length);
    this.whole.truncated(this.items.length);
    this.onChange?.();
    return removed;
  }

  clear(): void {
    this.truncate(0);
  }

  totalHeight(width: number): number {
    return this.live.totalHeight(width);
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
    return this.live.cellTop(index, width);
  }

  cellHeight(index: number, width: number): number {
    return this.live.cellHeight(index, width);
  }

  userMessageIndices(): number[] {
    const out: number[] = [];
    this.items.forEach((c, i) => {
      if (c.kind === 'user') out.push(i);
    });
    return out;
  }

  renderWindow(surface: Surface, area: Rect, topRow: number, opts: WindowOptions = {}): void {
    this.live.renderWindow(surface, area, topRow, opts);
  }

  /** The text of row `row` at `width` (selecting with the mouse); '' for a gap row. */
  rowText(row: number, width: number): string {
    return this.live.rowLine(row, width)?.map((s) => s.text).join('') ?? '';
  }
}
