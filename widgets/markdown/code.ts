// A code block as a bordered box with the language in the top edge; long lines
// wrap inside it, continuing under their own indentation. Lines come with
// their highlighted spans when the highlighter has them, else plain.
import { displayWidth as textWidth, lineWidth, wrapLine } from '../base/text.js';
import type { Line, Span, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { dropLeading } from './highlight.js';
import { wrapIndented } from './wrap.js';

const BORDER: Style = { fg: TOKENS.codeBorder };

/**
 * The drawn rows of each line of one code block, kept between renders: a block
 * that grows while streaming wraps only its new or newly highlighted lines.
 */
export class CodeRows {
  private entries: { text: string; spans: Line | undefined; inner: number; width: number; rows?: Line[] }[] = [];

  widthOf(i: number, text: string): number {
    const e = this.entries[i];
    if (e?.text === text) return e.width;
    this.entries[i] = { text, spans: undefined, inner: -1, width: textWidth(text) };
    return this.entries[i]!.width;
  }

  rowsOf(i: number, text: string, spans: Line | undefined, inner: number, draw: () => Line[]): Line[] {
    this.widthOf(i, text);
    const e = this.entries[i]!;
    if (!e.rows || e.spans !== spans || e.inner !== inner) Object.assign(e, { spans, inner, rows: draw() });
    return e.rows!;
  }
}

/** `spans[i]` is line i highlighted, or undefined to draw it plain; `cache` keeps rows between renders. */
export function renderCode(lang: string, lines: readonly string[], width: number, spans: readonly (Line | undefined)[] = [], cache = new CodeRows()): Line[] {
  const longest = lines.reduce((w, l, i) => Math.max(w, cache.widthOf(i, l)), 0);
  const label = lang ? ` ${lang} ` : '';
  const boxW = Math.max(Math.min(width, Math.max(longest + 4, textWidth(label) + 4, 20)), Math.min(width, 4));
  const inner = boxW - 4;
  if (inner < 2) return lines.flatMap((l, i) => wrapLine(spans[i] ?? [{ text: l }], width));
  const top: Line = [{ text: '╭─', style: BORDER }];
  if (label && textWidth(label) <= boxW - 3) top.push({ text: label, style: { fg: TOKENS.accent } });
  top.push({ text: '─'.repeat(Math.max(0, boxW - 1 - lineWidth(top))) + '╮', style: BORDER });
  const out: Line[] = [top];
  const left: Span = { text: '│ ', style: BORDER };
  (lines.length ? lines : ['']).forEach((l, i) => {
    const drawn = cache.rowsOf(i, l, spans[i], inner, () => {
      const line = spans[i] ?? [{ text: l }];
      // A wrapped line continues under its own indentation, so nesting stays readable.
      const ws = l.slice(0, l.length - l.trimStart().length);
      const hang = ws && inner - textWidth(ws) >= 8;
      const rows = hang ? wrapIndented(dropLeading(line, ws.length), inner, [{ text: ws }]) : wrapLine(line, inner);
      return rows.map((row) => [left, ...row, { text: ' '.repeat(Math.max(0, inner - lineWidth(row))) + ' │', style: BORDER }]);
    });
    out.push(...drawn);
  });
  out.push([{ text: '╰' + '─'.repeat(boxW - 2) + '╯', style: BORDER }]);
  return out;
}
