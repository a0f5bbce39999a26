// Lays the composer text out in visual rows (wrapped at the width after the
// last space, so words stay whole; a word longer than the row breaks between
// graphemes) and maps between the caret's string index and its row/column, so
// Up/Down move by visual row and the terminal cursor lands on the caret.
import { graphemeSegmenter, graphemeWidth } from '../base/text.js';

export interface VisualRow {
  /** String indices [start, end) of the row's text. */
  start: number;
  end: number;
  /** Graphemes with their columns; controls (tab) draw as one blank column. */
  cells: { g: string; col: number; index: number; width: number }[];
}

export function cellWidth(g: string): number {
  return g.charCodeAt(0) < 0x20 ? 1 : Math.max(1, graphemeWidth(g));
}

/** A line's graphemes and their indices; printable ASCII is one per character, without the segmenter. */
function segments(line: string): Iterable<{ segment: string; index: number }> {
  return /^[\x20-\x7e]*$/.test(line) ? Array.from(line, (segment, index) => ({ segment, index })) : graphemeSegmenter().segment(line);
}

export function layoutRows(text: string, width: number): VisualRow[] {
  const w = Math.max(1, width);
  const rows: VisualRow[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    let row: VisualRow = { start: offset, end: offset, cells: [] };
    let col = 0;
    for (const { segment, index } of segments(line)) {
      const cw = Math.min(w, cellWidth(segment));
      if (col + cw > w && !segment.trim() && row.cells.length) {
        // A space right after a word that ends at the edge closes the row (as a
        // zero-width cell past the text): the next row starts with the next word.
        row.cells.push({ g: segment, col, index: offset + index, width: 0 });
        row.end = offset + index + segment.length;
        rows.push(row);
        row = { start: row.end, end: row.end, cells: [] };
        col = 0;
        continue;
      }
      if (col + cw > w) {
        // In the middle of a word: the word goes to the next row whole, the space stays behind.
        const space = segment.trim() ? lastSpace(row) : -1;
        const moved = space >= 0 && space < row.cells.length - 1 ? row.cells.splice(space + 1) : [];
        if (moved.length) row.end = moved[0]!.index;
        rows.push(row);
        const start = moved.length ? moved[0]!.index : offset + index;
        row = { start, end: start, cells: [] };
        col = 0;
        for (const c of moved) {
          row.cells.push({ ...c, col });
          col += c.width;
          row.end = c.index + c.g.length;
        }
        if (col + cw > w) {
          // A wide grapheme still does not fit after the moved word: break right here.
          rows.push(row);
          row = { start: offset + index, end: offset + index, cells: [] };
          col = 0;
        }
      }
      row.cells.push({ g: segment, col, index: offset + index, width: cw });
      col += cw;
      row.end = offset + index + segment.length;
    }
    rows.push(row);
    offset += line.length + 1;
  }
  return rows;
}

function lastSpace(row: VisualRow): number {
  for (let i = row.cells.length - 1; i >= 0; i--) if (/^\s$/.test(row.cells[i]!.g)) return i;
  return -1;
}

function rowWidth(row: VisualRow): number {
  const last = row.cells[row.cells.length - 1];
  return last ? last.col + last.width : 0;
}

/** Row and column of the caret; a caret after a full row sits at the next row's start. */
export function caretPosition(rows: VisualRow[], cursor: number, width: number): { row: number; col: number } {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (cursor < row.start || cursor > row.end) continue;
    const next = rows[r + 1];
    // At a soft-wrap boundary the caret belongs to the following row.
    if (cursor === row.end && next && next.start === row.end) continue;
    const cell = row.cells.find((c) => c.index >= cursor);
    const col = cell ? cell.col : rowWidth(row);
    if (col >= width) return { row: r + 1, col: 0 };
    return { row: r, col };
  }
  return { row: Math.max(0, rows.length - 1), col: rows.length ? rowWidth(rows[rows.length - 1]!) : 0 };
}

/** The string index nearest to column `col` of row `r`. */
export function indexAt(rows: VisualRow[], r: number, col: number): number {
  const row = rows[r];
  if (!row) return 0;
  for (const c of row.cells) if (c.col + c.width > col) return c.index;
  return row.end;
}
