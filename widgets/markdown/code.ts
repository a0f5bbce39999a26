// A code block as a bordered box with the language in the top edge; long lines
// wrap inside it, continuing under their own indentation. Lines come with
// their highlighted spans when the highlighter has them, else plain.
import { displayWidth as textWidth, lineWidth, wrapLine } from '../base/text.js';
import type { Line, Span, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { dropLeading } from './highlight.js';
import { wrapIndented } from './wrap.js';

const BORDER: Style = { fg: TOKENS.codeBorder };

/** `spans[i]` is line i highlighted, or undefined to draw it plain. */
export function renderCode(lang: string, lines: readonly string[], width: number, spans: readonly (Line | undefined)[] = []): Line[] {
  const longest = lines.reduce((w, l) => Math.max(w, textWidth(l)), 0);
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
    const line = spans[i] ?? [{ text: l }];
    // A wrapped line continues under its own indentation, so nesting stays readable.
    const ws = l.slice(0, l.length - l.trimStart().length);
    const hang = ws && inner - textWidth(ws) >= 8;
    for (const row of hang ? wrapIndented(dropLeading(line, ws.length), inner, [{ text: ws }]) : wrapLine(line, inner)) {
      const w = lineWidth(row);
      out.push([left, ...row, { text: ' '.repeat(Math.max(0, inner - w)) + ' │', style: BORDER }]);
    }
  });
  out.push([{ text: '╰' + '─'.repeat(boxW - 2) + '╯', style: BORDER }]);
  return out;
}
