// What codex leaves in the terminal when it quits: the conversation drawn
// once more, at the terminal's width at that moment, as plain lines with SGR
// colours for the normal screen, so the user's own scrollback holds it after
// the alternate screen is gone (which takes its contents with it).
import { CellGrid, WIDE_TAIL } from '../../../widgets/base/grid.js';
import type { Transcript } from '../../../widgets/transcript/transcript.js';
import type { Palette } from './palette.js';

export type ScrollbackMode = 'all' | 'last-turn' | 'none';

/** A grid's rows as text with SGR sequences, each ending in a reset and a newline; trailing blank cells are left out. */
export function gridToAnsi(grid: CellGrid, palette: Palette): string {
  let out = '';
  for (let y = 0; y < grid.height; y++) {
    const base = y * grid.width;
    let end = grid.width;
    while (end > 0 && grid.chars[base + end - 1] === ' ' && grid.styles[base + end - 1] === 0) end--;
    let style = 0;
    for (let x = 0; x < end; x++) {
      const ch = grid.chars[base + x]!;
      if (ch === WIDE_TAIL) continue;
      const id = grid.styles[base + x]!;
      if (id !== style) {
        out += palette.sgr(id);
        style = id;
      }
      out += ch;
    }
    out += style !== 0 ? '\x1b[0m\n' : '\n';
  }
  return out;
}

/**
 * The transcript's cells (`last-turn`: from the last message the user sent) at
 * `width` columns, as the transcript draws them, ready for the normal screen.
 */
export function conversationText(transcript: Transcript, width: number, mode: ScrollbackMode, palette: Palette): string {
  if (mode === 'none' || width <= 0 || !transcript.length) return '';
  const users = transcript.userMessageIndices();
  const from = mode === 'last-turn' && users.length ? users[users.length - 1]! : 0;
  const top = transcript.cellTop(from, width);
  const rows = transcript.totalHeight(width) - top;
  if (rows <= 0) return '';
  const grid = new CellGrid(width, rows);
  transcript.renderWindow(grid, { x: 0, y: 0, width, height: rows }, top);
  return gridToAnsi(grid, palette);
}
