// Inline tokens → styled spans: `code`, **bold**, *italic*, ***both***,
// ~~strike~~, [text](url) shown as `text (url)`, autolinks and bare URLs,
// escapes. A soft line break ends the row (model output means its breaks), so
// the spans come back as rows.
import type { Line, Span, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { lexInline, type Token } from './parser.js';

/** Rows of styled spans for inline tokens (a '\n' in text or a hard break starts a new row). */
export function inlineRows(tokens: readonly Token[], base: Style = {}): Line[] {
  const rows: Line[] = [[]];
  emit(tokens, base, rows);
  return rows;
}

/** One line of inline markdown → spans (plain text while the parser loads). */
export function parseInline(text: string, base: Style = {}): Span[] {
  const tokens = lexInline(text);
  if (!tokens) return text ? [isEmpty(base) ? { text } : { text, style: base }] : [];
  return inlineRows(tokens, base).flatMap((row, i) => (i ? [{ text: ' ' }, ...row] : row));
}

function emit(tokens: readonly Token[], style: Style, rows: Line[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        if (t.tokens?.length) emit(t.tokens, style, rows);
        else pushText(rows, t.text, style);
        break;
      case 'escape':
        push(rows, t.text, style);
        break;
      case 'codespan':
        push(rows, t.text.replace(/\n/g, ' '), { ...style, fg: TOKENS.code });
        break;
      case 'strong':
        emit(t.tokens ?? [], { ...style, bold: true }, rows);
        break;
      case 'em':
        emit(t.tokens ?? [], { ...style, italic: true }, rows);
        break;
      case 'del':
        emit(t.tokens ?? [], { ...style, strikethrough: true }, rows);
        break;
      case 'link': {
        emit(t.tokens ?? [], { ...style, fg: TOKENS.link, underline: true }, rows);
        if (t.href && t.href !== t.text && !t.autolink) push(rows, ` (${t.href})`, { ...style, fg: TOKENS.muted });
        break;
      }
      case 'image':
        push(rows, `[image: ${t.text || t.href}]`, { ...style, fg: TOKENS.muted });
        break;
      case 'br':
        rows.push([]);
        break;
      case 'checkbox':
        break; // list items draw their own check box
      default:
        // Inline HTML and anything unknown: the source text, as written.
        pushText(rows, 'text' in t && typeof t.text === 'string' ? t.text : t.raw, style);
    }
  }
}

/** Text that may hold soft line breaks. */
function pushText(rows: Line[], text: string, style: Style): void {
  const parts = text.split('\n');
  parts.forEach((p, i) => {
    if (i) rows.push([]);
    push(rows, p, style);
  });
}

function push(rows: Line[], text: string, style: Style): void {
  if (!text) return;
  const out = rows[rows.length - 1]!;
  const last = out[out.length - 1];
  if (last && sameStyle(last.style, style)) {
    last.text += text;
    return;
  }
  out.push(isEmpty(style) ? { text } : { text, style });
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  return (
    x.fg === y.fg &&
    x.bg === y.bg &&
    !x.bold === !y.bold &&
    !x.dim === !y.dim &&
    !x.italic === !y.italic &&
    !x.underline === !y.underline &&
    !x.inverse === !y.inverse &&
    !x.strikethrough === !y.strikethrough
  );
}

function isEmpty(style: Style): boolean {
  return sameStyle(style, undefined);
}
