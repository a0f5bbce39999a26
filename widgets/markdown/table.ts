// GFM tables as a grid at any width: each column is as wide as its widest cell
// when the table fits; otherwise the width is shared out (narrow columns keep
// their width, the wide ones split what is left evenly) and cells wrap inside
// their column. Alignment from the `:--`/`:-:`/`--:` row holds on every wrapped
// row; when cells wrap, a rule separates the body rows so each row stays one
// visible unit. A column is never narrower than its widest character (a wide
// glyph cannot be split), so only when not even that fits for every column does
// the table turn into a list of `header: value` lines, never into raw pipes.
import { displayWidth, graphemes, graphemeWidth, lineWidth, wrapLine } from '../base/text.js';
import type { Line, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { inlineRows } from './inline.js';
import type { Tokens } from './parser.js';

type Align = 'left' | 'center' | 'right';

const SEP = ' │ ';
const BORDER: Style = { fg: TOKENS.border };

/** A cell's content as one line (soft breaks inside a cell become spaces). */
function cellLine(cell: Tokens.TableCell, base: Style): Line {
  return inlineRows(cell.tokens, base).flatMap((row, i) => (i ? [{ text: ' ' }, ...row] : row));
}

/** The longest word of a cell: narrower, wrapping breaks words apart. */
function longestWord(line: Line): number {
  return Math.max(0, ...line.map((s) => s.text).join('').split(/\s+/).map(displayWidth));
}

/** The widest character of a cell: the narrowest its column can be. */
function widestGlyph(line: Line): number {
  let widest = 1;
  for (const span of line) for (const g of graphemes(span.text)) widest = Math.max(widest, graphemeWidth(g));
  return widest;
}

/**
 * Column widths for `avail` columns of content: natural widths when they fit;
 * else every column gets its longest word and the rest of the room goes to the
 * columns that want more, in proportion to what they lack; when even the
 * longest words do not fit, every column gets its widest character (`glyphs`,
 * which the caller makes sure fit) and water-filling shares the rest towards
 * the longest words (columns under an even share keep theirs, the others split
 * what is left), and words break.
 */
export function columnWidths(natural: readonly number[], words: readonly number[], avail: number, glyphs: readonly number[] = natural.map(() => 1)): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= avail) return [...natural];
  const min = natural.map((n, i) => Math.min(n, words[i]!));
  const minSum = min.reduce((a, b) => a + b, 0);
  if (minSum <= avail) {
    const lack = natural.map((n, i) => n - min[i]!);
    const lackSum = lack.reduce((a, b) => a + b, 0);
    const room = avail - minSum;
    const widths = min.map((m, i) => m + Math.floor((room * lack[i]!) / lackSum));
    // Rounding leftovers go to the columns that lack the most.
    let left = avail - widths.reduce((a, b) => a + b, 0);
    for (const i of lack.map((_, i) => i).sort((a, b) => lack[b]! - lack[a]!)) {
      if (left <= 0) break;
      if (widths[i]! < natural[i]!) {
        widths[i]!++;
        left--;
      }
    }
    return widths;
  }
  const widths = [...glyphs];
  const want = min.map((m, i) => Math.max(0, m - glyphs[i]!));
  const order = want.map((_, i) => i).sort((a, b) => want[a]! - want[b]!);
  let left = avail - glyphs.reduce((a, b) => a + b, 0);
  order.forEach((col, k) => {
    const extra = Math.max(0, Math.min(want[col]!, Math.floor(left / (order.length - k))));
    widths[col]! += extra;
    left -= extra;
  });
  return widths;
}

function pad(cell: Line, width: number, align: Align): Line {
  const room = Math.max(0, width - lineWidth(cell));
  const left = align === 'right' ? room : align === 'center' ? Math.floor(room / 2) : 0;
  const out: Line = left ? [{ text: ' '.repeat(left) }, ...cell] : [...cell];
  if (room - left) out.push({ text: ' '.repeat(room - left) });
  return out;
}

export function renderTable(table: Tokens.Table, width: number): Line[] {
  const header = table.header.map((c) => cellLine(c, { bold: true }));
  const body = table.rows.map((r) => r.map((c) => cellLine(c, {})));
  const cols = Math.max(header.length, ...body.map((r) => r.length));
  const aligns: Align[] = Array.from({ length: cols }, (_, i) => table.align[i] ?? 'left');
  const all = [header, ...body];
  const natural = Array.from({ length: cols }, (_, i) => Math.max(1, ...all.map((r) => (r[i] ? lineWidth(r[i]) : 0))));
  const words = Array.from({ length: cols }, (_, i) => Math.max(1, ...all.map((r) => (r[i] ? longestWord(r[i]) : 0))));
  const glyphs = Array.from({ length: cols }, (_, i) => Math.max(...all.map((r) => (r[i] ? widestGlyph(r[i]) : 1))));
  const avail = width - displayWidth(SEP) * (cols - 1);
  if (avail < glyphs.reduce((a, b) => a + b, 0)) return asList(header, body, width);
  const widths = columnWidths(natural, words, avail, glyphs);
  const wraps = natural.some((n, i) => n > widths[i]!);
  const row = (cells: Line[]): Line[] => {
    const wrapped = widths.map((w, i) => wrapLine(cells[i] ?? [], w));
    const height = Math.max(...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, y) => {
      const out: Line = [];
      widths.forEach((w, i) => {
        if (i) out.push({ text: SEP, style: BORDER });
        out.push(...pad(wrapped[i]![y] ?? [], w, aligns[i]!));
      });
      return out;
    });
  };
  const rule = (cross: string): Line => [{ text: widths.map((w) => '─'.repeat(w)).join(`─${cross}─`), style: BORDER }];
  const out = [...row(header), rule('┼')];
  body.forEach((cells, i) => {
    if (i && wraps) out.push(rule('┼'));
    out.push(...row(cells));
  });
  return out;
}

/** Too narrow for a grid: each row as `header: value` lines, rows apart by a rule. */
function asList(header: Line[], body: Line[][], width: number): Line[] {
  const out: Line[] = [];
  body.forEach((cells, r) => {
    if (r) out.push([{ text: '─'.repeat(Math.max(1, width)), style: BORDER }]);
    cells.forEach((cell, i) => {
      out.push(...wrapLine([...(header[i] ?? [{ text: `${i + 1}` }]), { text: ': ' }, ...cell], width));
    });
  });
  return out.length ? out : header.flatMap((h) => wrapLine(h, width));
}
