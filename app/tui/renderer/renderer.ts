// The frame loop: widgets draw into a cell grid, the FrameWriter turns the
// difference from the last frame into bytes. Requests are coalesced: at most
// one paint per event-loop turn and per `minIntervalMs`, none when nothing was
// requested, and a frame whose bytes are empty writes nothing.
import { CellGrid } from '../../../widgets/base/grid.js';
import { FrameWriter } from './frame-writer.js';
import type { Palette } from './palette.js';

export interface FrameSink {
  write(data: string): void;
}

export interface FrameStats {
  frames: number;
  bytes: number;
  lastFrameMs: number;
  lastBytes: number;
}

export class Renderer {
  readonly grid: CellGrid;
  private readonly writer: FrameWriter;
  private scheduled: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private lastPaint = -Infinity;
  readonly stats: FrameStats = { frames: 0, bytes: 0, lastFrameMs: 0, lastBytes: 0 };
  /** Called after every paint with its duration (benchmarks). */
  onFrame: ((ms: number, bytes: number) => void) | undefined;

  constructor(
    private readonly sink: FrameSink,
    palette: Palette,
    cols: number,
    rows: number,
    private readonly draw: (grid: CellGrid) => void,
    private readonly minIntervalMs = 8,
  ) {
    this.grid = new CellGrid(cols, rows);
    this.writer = new FrameWriter(palette);
  }

  /** Asks for a frame soon; many requests before it paints give one frame. */
  request(): void {
    if (this.scheduled) return;
    const wait = this.lastPaint + this.minIntervalMs - performance.now();
    this.scheduled = wait > 0 ? setTimeout(() => this.paint(), wait) : setImmediate(() => this.paint());
  }

  /** Paints now (first frame, tests, benchmarks). */
  paint(): void {
    if (this.scheduled) {
      clearTimeout(this.scheduled as NodeJS.Timeout);
      clearImmediate(this.scheduled as NodeJS.Immediate);
      this.scheduled = undefined;
    }
    const t0 = performance.now();
    this.grid.clear();
    this.draw(this.grid);
    const bytes = this.writer.render(this.grid);
    if (bytes) this.sink.write(bytes);
    const ms = performance.now() - t0;
    this.lastPaint = t0;
    this.stats.frames++;
    this.stats.bytes += bytes.length;
    this.stats.lastFrameMs = ms;
    this.stats.lastBytes = bytes.length;
    this.onFrame?.(ms, bytes.length);
  }

  /** New terminal size: re-lay out and repaint everything (no stale cells survive). */
  resize(cols: number, rows: number): void {
    this.grid.resize(cols, rows);
    this.writer.invalidate();
    this.request();
  }

  /** Repaints everything on the next frame (Ctrl+L, after output from elsewhere). */
  invalidate(): void {
    this.writer.invalidate();
    this.request();
  }

  setPalette(p: Palette): void {
    this.writer.setPalette(p);
    this.request();
  }

  dispose(): void {
    if (this.scheduled) {
      clearTimeout(this.scheduled as NodeJS.Timeout);
      clearImmediate(this.scheduled as NodeJS.Immediate);
      this.scheduled = undefined;
    }
  }
}
