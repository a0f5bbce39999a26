// The base of every transcript entry. A cell turns its state into wrapped rows
// for a width (`build`), and caches them until the width changes or the cell
// calls `changed()` (a streamed delta, new output, a finished command). The
// Transcript subscribes to `changed()` so it re-measures only dirty cells.
// A cell that shows only part of what it holds in the live transcript (a
// command's tail, a long diff collapsed) draws all of it for the transcript
// view (Ctrl+T) in `buildFull`, cached apart.
import type { Line, Rect, Surface, Widget } from '../base/types.js';

export type CellKind =
  | 'header'
  | 'user'
  | 'assistant'
  | 'reasoning'
  | 'exec'
  | 'patch'
  | 'plan'
  | 'mcp'
  | 'notice'
  | 'review';

export abstract class HistoryCell implements Widget {
  abstract readonly kind: CellKind;
  private cachedWidth = -1;
  private cached: Line[] = [];
  private fullWidth = -1;
  private full: Line[] = [];
  /** Set by the Transcript that holds this cell. */
  onChange: (() => void) | undefined;

  /** The rows of this cell at `width` columns (empty = the cell takes no space). */
  protected abstract build(width: number): Line[];

  lines(width: number): Line[] {
    if (width !== this.cachedWidth) {
      this.cached = width > 0 ? this.build(width) : [];
      this.cachedWidth = width;
    }
    return this.cached;
  }

  /** Everything the cell holds, for the transcript view (default: its live rows). */
  protected buildFull(width: number): Line[] {
    return this.lines(width);
  }

  /** The rows of this cell in the transcript view (Ctrl+T) at `width` columns. */
  fullLines(width: number): Line[] {
    if (width !== this.fullWidth) {
      this.full = width > 0 ? this.buildFull(width) : [];
      this.fullWidth = width;
    }
    return this.full;
  }

  measure(width: number): number {
    return this.lines(width).length;
  }

  render(surface: Surface, area: Rect): void {
    drawRows(surface, area, this.lines(area.width), 0);
  }

  /** Drops the cached rows and tells the container. */
  protected changed(): void {
    this.cachedWidth = -1;
    this.fullWidth = -1;
    this.onChange?.();
  }
}

/** Draws `rows[from…]` into `area`, one row per line, clipped to the area. */
export function drawRows(surface: Surface, area: Rect, rows: readonly Line[], from: number): void {
  const n = Math.min(area.height, rows.length - from);
  for (let i = 0; i < n; i++) surface.writeLine(area.x, area.y + i, rows[from + i]!, area.width);
}
