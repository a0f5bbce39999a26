// Pipe tables laid out in columns: cells parsed with inline markdown, columns as
// wide as their widest cell, a rule under the header row, alignment from the
// `:--`/`:-:`/`--:` row. A table wider than the screen falls back to its
// source lines, wrapped, which stays readable where squeezed columns would not.
import { lineWidth, wrapLine } from '../base/text.js';
import type { Line, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { parseInline } from './inline.js';

type Align = 'left' | 'center' | 'right';

const SEPARATOR = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/** Cells of one `| a | b |` row; `\|` stays a literal bar. */
export function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (body[i] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += body[i];
  }
  cells.push(cur.trim());
  return cells;
}

function alignOf(spec: string): Align {
  const s = spec.trim();
  if (s.startsWith(':') && s.endsWith(':')) return 'center';
  if (s.endsWith(':')) return 'right';
  return 'left';
}

function pad(cell: Line, width: number, align: Align): Line {
  const room = width - lineWidth(cell);
  const left = align === 'right' ? room : align === 'center' ? Math.floor(room / 2) : 0;
  return [{ text: ' '.repeat(left) }, ...cell, { text: ' '.repeat(room - left) }];
}

export function renderTable(lines: readonly string[], width: number): Line[] {
  const sepAt = lines.findIndex((l) => SEPARATOR.test(l.trim()));
  const raw = (): Line[] => lines.flatMap((l) => wrapLine(parseInline(l), width));
  if (sepAt !== 1) return raw();
  const aligns = splitRow(lines[1]!).map(alignOf);
  const header = splitRow(lines[0]!).map((c) => parseInline(c, { bold: true }));
  const body = lines.slice(2).map((l) => splitRow(l).map((c) => parseInline(c)));
  const cols = Math.max(header.length, ...body.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(1, ...[header, ...body].map((r) => (r[i] ? lineWidth(r[i]) : 0))));
  const total = widths.reduce((a, b) => a + b, 0) + 3 * (cols - 1);
  if (total > width) return raw();
  const border: Style = { fg: TOKENS.border };
  const row = (cells: Line[]): Line => {
    const out: Line = [];
    for (let i = 0; i < cols; i++) {
      if (i > 0) out.push({ text: ' │ ', style: border });
      out.push(...pad(cells[i] ?? [], widths[i]!, aligns[i] ?? 'left'));
    }
    return out;
  };
  const rule: Line = [{ text: widths.map((w) => '─'.repeat(w)).join('─┼─'), style: border }];
  return [row(header), rule, ...body.map(row)];
}
