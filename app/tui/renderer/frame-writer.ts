// Frames to terminal bytes: rows that moved are scrolled by the terminal
// (scroll.ts), then each frame is compared with the previous one (diff.ts,
// pure) and only the changed cells are encoded (frame-encoder.ts).
// Pure as a whole: bytes out, no I/O.
import type { CellGrid } from '../../../widgets/base/grid.js';
import { diff, type FrameCells } from './diff.js';
import { FrameEncoder } from './frame-encoder.js';
import type { Palette } from './palette.js';
import { findScroll, scrolled } from './scroll.js';

export class FrameWriter {
  /** What the terminal shows; undefined when unknown (first frame, resize, external output). */
  private previous: FrameCells | undefined;
  private readonly encoder: FrameEncoder;

  constructor(palette: Palette) {
    this.encoder = new FrameEncoder(palette);
  }

  setPalette(p: Palette): void {
    this.encoder.setPalette(p);
    this.invalidate();
  }

  /** Forget what is on screen: the next frame repaints everything (after resize, or external output). */
  invalidate(): void {
    this.previous = undefined;
  }

  /** Bytes that bring the screen from the previous frame to `next`; '' when nothing changed. */
  render(next: CellGrid): string {
    const prev = this.previous;
    const clear = !prev || prev.width !== next.width || prev.height !== next.height;
    // Rows that only moved are moved by the terminal; the diff then starts from the moved rows.
    const scroll = clear ? undefined : findScroll(prev, next);
    const base = clear ? undefined : scroll ? scrolled(prev, scroll) : prev;
    const bytes = this.encoder.encode(diff(base, next), next, clear, scroll);
    // A copy: the caller redraws into the same grid for the next frame.
    this.previous = { width: next.width, height: next.height, chars: next.chars.slice(), styles: next.styles.slice() };
    return bytes;
  }
}
