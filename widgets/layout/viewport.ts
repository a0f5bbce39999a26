// Scrolling over tall content (the transcript, a pager's text): the source
// knows its height at a width and draws any window of rows; the viewport keeps
// the scroll position. At the bottom it is sticky (new content scrolls in);
// scrolled up, it stays on the same rows while content grows below.
import { wrapLine } from '../base/text.js';
import type { Line, Rect, Surface, Widget } from '../base/types.js';

export interface ScrollSource {
  totalHeight(width: number): number;
  /** Draws rows [topRow, topRow + area.height) into `area`. */
  renderWindow(surface: Surface, area: Rect, topRow: number): void;
  /** The text of one row (for selecting with the mouse). */
  rowText?(row: number, width: number): string;
}

export class Viewport implements Widget {
  /** Rows between the bottom of the view and the bottom of the content (0 = sticky). */
  private fromBottom = 0;
  private lastTotal = 0;
  private lastHeight = 1;
  private lastWidth = -1;

  constructor(public source: ScrollSource) {}

  get atBottom(): boolean {
    return this.fromBottom === 0;
  }

  /** Rows below the view as of the last frame (0 at the bottom). */
  get rowsBelow(): number {
    return this.fromBottom;
  }

  /** Rows that arrived below the view since it was scrolled up (0 at the bottom). */
  arrived = 0;

  scrollBy(rows: number): void {
    this.fromBottom = Math.max(0, Math.min(this.maxScroll(), this.fromBottom - rows));
  }

  pageUp(): void { this.scrollBy(-Math.max(1, this.lastHeight - 1)); }
  pageDown(): void { this.scrollBy(Math.max(1, this.lastHeight - 1)); }
  // Infinity until the next render clamps it: the content height may not be known yet.
  toTop(): void { this.fromBottom = Infinity; }
  toBottom(): void {
    this.fromBottom = 0;
    this.arrived = 0;
  }

  private maxScroll(): number {
    return Math.max(0, this.lastTotal - this.lastHeight);
  }

  measure(width: number): number {
    return this.source.totalHeight(width);
  }

  /** The first content row drawn by the last frame (for tests and the pager's position). */
  topRow = 0;

  render(surface: Surface, area: Rect): void {
    const total = this.source.totalHeight(area.width);
    // Scrolled up: keep the same rows in view while content grows below. A
    // resize re-wraps everything: the view then keeps its place as a share of
    // the content (the top stays the top), and stays scrolled up.
    if (this.fromBottom > 0 && area.width === this.lastWidth && total > this.lastTotal) {
      this.fromBottom += total - this.lastTotal;
      this.arrived += total - this.lastTotal;
    }
    else if (this.fromBottom > 0 && area.width !== this.lastWidth && this.lastWidth > 0 && this.lastTotal > 0) {
      const top = Math.round((this.topRow / this.lastTotal) * total);
      this.fromBottom = Math.max(1, total - Math.max(1, area.height) - top);
    }
    this.lastTotal = total;
    this.lastWidth = area.width;
    this.lastHeight = Math.max(1, area.height);
    this.fromBottom = Math.min(this.fromBottom, this.maxScroll());
    if (this.fromBottom === 0) this.arrived = 0;
    // Content shorter than the view is drawn from the top.
    this.topRow = Math.max(0, total - area.height - this.fromBottom);
    this.source.renderWindow(surface, area, this.topRow);
  }
}

/** Rows built per width as a scroll source (pager text such as /diff), cached until the width changes. */
export class LinesSource implements ScrollSource {
  private width = -1;
  private rows: Line[] = [];

  constructor(private readonly build: (width: number) => Line[]) {}

  /** The content changed: rebuild on the next use. */
  invalidate(): void {
    this.width = -1;
  }

  /** Plain lines, word-wrapped to the width. */
  static wrapped(lines: readonly Line[]): LinesSource {
    return new LinesSource((w) => lines.flatMap((l) => wrapLine(l, w)));
  }

  private layout(width: number): Line[] {
    if (width !== this.width) {
      this.width = width;
      this.rows = this.build(width);
    }
    return this.rows;
  }

  totalHeight(width: number): number {
    return this.layout(width).length;
  }

  renderWindow(surface: Surface, area: Rect, topRow: number): void {
    const rows = this.layout(area.width);
    for (let i = 0; i < area.height && topRow + i < rows.length; i++) surface.writeLine(area.x, area.y + i, rows[topRow + i]!, area.width);
  }
}
