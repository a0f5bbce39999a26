// Which cells of the screen a frame changes: a pure comparison of two grids
// (the shape of ratatui's Buffer::diff). The encoder (frame-encoder.ts) turns
// the result into bytes; neither knows about the other's concerns.
import { WIDE_TAIL } from '../../../widgets/base/grid.js';

export interface FrameCells {
  readonly width: number;
  readonly height: number;
  readonly chars: readonly string[];
  readonly styles: Uint32Array;
}

export type CellUpdate =
  /** Write `ch` (a grapheme `width` columns wide) at x, y in `style`. */
  | { readonly kind: 'cell'; readonly x: number; readonly y: number; readonly ch: string; readonly style: number; readonly width: 1 | 2 }
  /** The row is blank in the default style from x on: one EL instead of many spaces. */
  | { readonly kind: 'erase'; readonly x: number; readonly y: number };

/** Shortest blank tail worth an EL rather than spaces. */
const ERASE_MIN = 8;

/**
 * A wide grapheme outside the BMP or a multi-code-point cluster (emoji, ZWJ,
 * modifiers): terminals with older Unicode tables draw it one column wide, so
 * the cursor position after it is unknown and the next cell is rewritten.
 */
export function uncertainWidth(ch: string, width: number): boolean {
  return ch.length > 2 || (width === 2 && ch.length === 2);
}

function blankFrom(next: FrameCells, row: number, x: number): boolean {
  if (next.width - x < ERASE_MIN) return false;
  for (let k = x; k < next.width; k++) if (next.chars[row + k] !== ' ' || next.styles[row + k] !== 0) return false;
  return true;
}

/**
 * The updates that turn `previous` into `next`, row by row, left to right.
 * Without a previous frame of the same size the screen counts as blank
 * (the encoder clears it first). The trailing half of a wide grapheme is
 * never an update of its own: writing the head covers it.
 */
export function diff(previous: FrameCells | undefined, next: FrameCells): CellUpdate[] {
  const { width, height, chars, styles } = next;
  const prev = previous && previous.width === width && previous.height === height ? previous : undefined;
  const updates: CellUpdate[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    // After a grapheme whose width terminals disagree on, the next cell is
    // written even when unchanged: it covers whatever the terminal drew wider.
    let cover = false;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const ch = chars[i]!;
      const style = styles[i]!;
      if (ch === WIDE_TAIL) continue;
      const same = prev ? ch === prev.chars[i] && style === prev.styles[i] : ch === ' ' && style === 0;
      if (same && !cover) continue;
      if (blankFrom(next, row, x)) {
        updates.push({ kind: 'erase', x, y });
        break;
      }
      const w = chars[i + 1] === WIDE_TAIL && x + 1 < width ? 2 : 1;
      updates.push({ kind: 'cell', x, y, ch, style, width: w });
      cover = uncertainWidth(ch, w);
    }
  }
  return updates;
}
