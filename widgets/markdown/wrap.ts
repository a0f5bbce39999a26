// Hanging-indent wrapping on top of the base word wrap: `first` prefixes the
// first row and `rest` every later row (a list bullet and its alignment, a diff
// gutter, a `└ ` branch). The content wraps to the width left beside the wider
// prefix; an indent that leaves less than two columns is dropped rather
// than producing rows wider than the width.
import { lineWidth, wrapLine } from '../base/text.js';
import type { Line } from '../base/types.js';

export function wrapIndented(line: Line, width: number, first: Line = [], rest: Line = first.length ? [{ text: ' '.repeat(lineWidth(first)) }] : []): Line[] {
  const indent = Math.max(lineWidth(first), lineWidth(rest));
  // Content needs two columns at least (a wide glyph), else the indent goes.
  if (indent === 0 || width - indent < 2) return wrapLine(line, width);
  return wrapLine(line, width - indent).map((row, i) => [...(i === 0 ? first : rest), ...row]);
}
