// The frame loop: widgets draw into a cell grid, the FrameWriter turns the
// difference from the last frame into bytes. Requests are coalesced: at most
// one paint per event-loop turn, none when nothing was requested, and a frame
// whose bytes are empty writes nothing. What asked sets how soon: a key's echo
// comes at most `inputMs` after the last frame; output nobody typed for (a
// streamed answer, a spinner) at most once per `backgroundMs` (60 frames a
// second, a display's refresh: at 40 the longest gap between frames while
// streaming was 39 ms against 22 at 60, too near the 50 ms that reads as a
// stutter on a loaded machine, for ~10% less CPU).
import { CellGrid } from '../../../widgets/base/grid.js';
import { nowMs } from '../clock.js';
import { FrameWriter } from './frame-writer.js';
import type { Palette } from './palette.js';

export interface FrameSink {
  write(data: string): void;
}

/** `input`: the user is waiting on this frame (a key, a click); `background`: the agent's output. */
export type FramePace = 'input' | 'background';

export interface Pacing {
  inputMs: number;
  backgroundMs: number;
  now: () => number;
}

const PACING: Pacing = { inputMs: 8, backgroundMs: 16, now: nowMs };

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
  /** When the scheduled paint runs. */
  private due = Infinity;
  private lastPaint = -Infinity;
  private readonly pacing: Pacing;
  readonly stats: FrameStats = { frames: 0, bytes: 0, lastFrameMs: 0, lastBytes: 0 };
  /** Called after every paint with its duration (benchmarks). */
  onFrame: ((ms: number, bytes: number) => void) | undefined;

  constructor(
    private readonly sink: FrameSink,
    palette: Palette,
    cols: number,
    rows: number,
    private readonly draw: (grid: CellGrid) => void,
    pacing: Partial<Pacing> = {},
  ) {
    this.pacing = { ...PACING, ...pacing };
    this.grid = new CellGrid(cols, rows);
    this.writer = new FrameWriter(palette);
  }

  /** Asks for a frame soon; many requests before it paints give one frame. */
  request(pace: FramePace = 'input'): void {
    // Nothing is scheduled later than a background frame: it never moves one.
    if (this.scheduled && pace === 'background') return;
    const now = this.pacing.now();
    const at = Math.max(now, this.lastPaint + (pace === 'input' ? this.pacing.inputMs : this.pacing.backgroundMs));
    if (this.scheduled) {
      if (at >= this.due) return;
      this.cancel();
    }
    this.due = at;
    this.scheduled = at > now ? setTimeout(() => this.paint(), at - now) : setImmediate(() => this.paint());
  }

  private cancel(): void {
    if (!this.scheduled) return;
    clearTimeout(this.scheduled as NodeJS.Timeout);
    clearImmediate(this.scheduled as NodeJS.Immediate);
    this.scheduled = undefined;
    this.due = Infinity;
  }

  /** Paints now (first frame, tests, benchmarks). */
  paint(): void {
    this.cancel();
    const t0 = this.pacing.now();
    this.grid.clear();
    this.draw(this.grid);
    const bytes = this.writer.render(this.grid);
    if (bytes) this.sink.write(bytes);
    const ms = this.pacing.now() - t0;
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
    this.cancel();
  }
}
