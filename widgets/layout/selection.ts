// A text selection made with the mouse over scrolled content, in content
// coordinates (row of the content, column), so it stays on the same text
// while the view scrolls. Pure: the span it covers, its text, and how it is
// drawn over a window of rows.
import { displayWidth, takeColumns } from '../base/text.js';
import type { Rect, Style, Surface } from '../base/types.js';

export interface Point { row: number; col: number }
export interface Selection { anchor: Point; head: Point }

const STYLE: Style = { fg: 'selection', bg: 'selection.bg' };

/** The selection's ends in reading order: `from` inclusive, `to` exclusive on its row. */
export function ordered(s: Selection): { from: Point; to: Point } {
  const a = s.anchor;
  const b = s.head;
  const first = a.row < b.row || (a.row === b.row && a.col <= b.col) ? a : b;
  const last = first === a ? b : a;
  // The cell under the pointer at the far end is part of the selection.
  return { from: first, to: { row: last.row, col: last.col + 1 } };
}

/** The columns of `row` the selection covers, as [start, end) (end Infinity: to the end of the row); undefined if none. */
export function rowSpan(s: Selection, row: number): [number, number] | undefined {
  const { from, to } = ordered(s);
  if (row < from.row || row > to.row) return undefined;
  return [row === from.row ? from.col : 0, row === to.row ? to.col : Infinity];
}

/** The part of `text` between columns [start, end): its prefix and the piece. */
function cut(text: string, [start, end]: [number, number]): { before: string; piece: string } {
  const before = takeColumns(text, start);
  const rest = text.slice(before.length);
  return { before, piece: end === Infinity ? rest : takeColumns(rest, end - displayWidth(before)) };
}

/** The selected text: rows joined by newlines, trailing spaces trimmed. */
export function selectedText(s: Selection, rowText: (row: number) => string): string {
  const { from, to } = ordered(s);
  const out: string[] = [];
  for (let row = from.row; row <= to.row; row++) out.push(cut(rowText(row), rowSpan(s, row)!).piece.trimEnd());
  return out.join('\n');
}

/** Draws the selection over the rows [topRow, topRow + area.height) already drawn in `area`. */
export function drawSelection(surface: Surface, area: Rect, topRow: number, s: Selection, rowText: (row: number) => string): void {
  for (let y = 0; y < area.height; y++) {
    const span = rowSpan(s, topRow + y);
    if (!span) continue;
    const { before, piece } = cut(rowText(topRow + y), span);
    if (piece) surface.writeText(area.x + displayWidth(before), area.y + y, piece, STYLE, area.width - displayWidth(before));
  }
}
