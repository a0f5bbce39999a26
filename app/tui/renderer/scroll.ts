// Whether a frame is the last one moved up or down within a band of rows (a
// streamed answer pushing the transcript up, a scroll key), so the terminal
// can move those rows itself (a scroll region and SU/SD, ~20 bytes) instead
// of being sent every cell of them again. Pure: the encoder writes the bytes,
// and the diff (diff.ts) compares the frame with the moved previous one, so a
// wrong guess costs bytes, never correctness.
import type { FrameCells } from './diff.js';

/** Rows `top..bottom` (inclusive) moved by `by` rows: > 0 up (SU), < 0 down (SD). */
export interface Scroll {
  readonly top: number;
  readonly bottom: number;
  readonly by: number;
}

/** Fewest rows a scroll must spare re-sending: the escape sequences cost about one short row. */
const MIN_GAIN = 3;

/** A hash per row (chars and styles), and whether the row is blank (blank rows cost one EL: no gain in moving them). */
function rowKeys(f: FrameCells, keys: Int32Array, blank: Uint8Array): void {
  const { width, chars, styles } = f;
  for (let y = 0; y < f.height; y++) {
    let h = 0x811c9dc5 | 0;
    let empty = 1;
    for (let i = y * width, end = i + width; i < end; i++) {
      const ch = chars[i]!;
      const s = styles[i]!;
      let c = ch.length === 1 ? ch.charCodeAt(0) : ch.length;
      for (let k = 1; k < ch.length; k++) c = (Math.imul(c, 31) + ch.charCodeAt(k)) | 0;
      h = Math.imul(h ^ c, 0x01000193);
      h = Math.imul(h ^ s, 0x01000193);
      if (empty && (c !== 32 || s !== 0)) empty = 0;
    }
    keys[y] = h;
    blank[y] = empty;
  }
}

/**
 * The band and distance that spare re-sending the most rows, or undefined when
 * no move spares at least MIN_GAIN. For each distance, each maximal run of
 * rows that equal the previous frame's rows that distance away is a candidate
 * band; its gain is the non-blank rows it brings that were not already in
 * place, less the in-place rows the move would blank at its far edge.
 */
export function findScroll(prev: FrameCells, next: FrameCells): Scroll | undefined {
  const h = next.height;
  if (prev.width !== next.width || prev.height !== h || h < MIN_GAIN + 1) return undefined;
  const pk = new Int32Array(h);
  const nk = new Int32Array(h);
  const pb = new Uint8Array(h);
  const nb = new Uint8Array(h);
  rowKeys(prev, pk, pb);
  rowKeys(next, nk, nb);
  let first = 0;
  while (first < h && nk[first] === pk[first]) first++;
  if (first === h) return undefined;
  let last = h - 1;
  while (nk[last] === pk[last]) last--;
  const same = (y: number): number => (nk[y] === pk[y] && !nb[y] ? 1 : 0);
  let best: Scroll | undefined;
  let bestGain = MIN_GAIN - 1;
  for (let d = 1; d <= last - first; d++) {
    for (const dir of [1, -1]) {
      // Up by d: next row y shows previous row y + d; down: y - d.
      const by = d * dir;
      let runStart = -1;
      let gain = 0;
      for (let y = first; y <= last + 1; y++) {
        const src = y + by;
        const match = y <= last && src >= 0 && src < h && nk[y] === pk[src];
        if (match) {
          if (runStart < 0) {
            runStart = y;
            gain = 0;
          }
          if (!nb[y] && nk[y] !== pk[y]) gain++;
          continue;
        }
        if (runStart < 0) continue;
        // The band spans the run and the rows its content came from; the rows left behind are blanked.
        const top = dir > 0 ? runStart : runStart - d;
        const bottom = dir > 0 ? y - 1 + d : y - 1;
        let g = gain;
        for (let k = 0; k < d; k++) g -= same(dir > 0 ? bottom - k : top + k);
        if (g > bestGain) {
          bestGain = g;
          best = { top, bottom, by };
        }
        runStart = -1;
      }
    }
  }
  return best;
}

/** What the terminal shows after `scroll` is applied to `prev`: rows moved, the uncovered ones blank in the default style. */
export function scrolled(prev: FrameCells, { top, bottom, by }: Scroll): FrameCells {
  const { width } = prev;
  const chars = prev.chars.slice();
  const styles = prev.styles.slice();
  for (let y = top; y <= bottom; y++) {
    const src = y + by;
    const to = y * width;
    if (src >= top && src <= bottom) {
      for (let x = 0; x < width; x++) chars[to + x] = prev.chars[src * width + x]!;
      styles.set(prev.styles.subarray(src * width, src * width + width), to);
    } else {
      chars.fill(' ', to, to + width);
      styles.fill(0, to, to + width);
    }
  }
  return { width, height: prev.height, chars, styles };
}
