// Markdown block tokens → wrapped, styled rows at a width. Containers (list
// items, quotes) render their children at the width left beside their prefix,
// so anything nests: a code block inside a list item sits under the item's
// text. `gapBefore` decides the blank row between two neighbours.
import { lineWidth, wrapLine } from '../base/text.js';
import type { Line, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { CodeRows, renderCode } from './code.js';
import { inlineRows } from './inline.js';
import { lexBlocks, type Token, type Tokens } from './parser.js';
import { renderTable } from './table.js';

/**
 * For each code block, in document order: highlighted spans per line
 * (undefined entries draw plain) and the block's row cache, if it has one.
 */
export type Highlight = (lang: string, lines: readonly string[]) => { spans: readonly (Line | undefined)[]; rows?: CodeRows };

const HEADING_STYLES: Style[] = [
  { fg: TOKENS.heading, bold: true, underline: true },
  { fg: TOKENS.heading, bold: true },
  { bold: true, italic: true },
];

const BULLETS = ['•', '◦', '▪'];

const noHighlight: Highlight = () => ({ spans: [] });

/** A block that is drawn: everything but blank lines and link definitions. */
export function isDrawn(t: Token): boolean {
  return t.type !== 'space' && t.type !== 'def' && t.type !== 'checkbox';
}

/** Whether a blank row separates `a` from the following block `b` (`blank`: a blank line between them in the source). */
export function gapBefore(a: Token | undefined, b: Token, blank: boolean): boolean {
  if (!a) return false;
  return blank || a.type === 'heading' || b.type === 'heading' || a.type === 'code' || b.type === 'code';
}

export function renderBlock(t: Token, width: number, hl: Highlight = noHighlight, depth = 0): Line[] {
  switch (t.type) {
    case 'heading': {
      const style = HEADING_STYLES[Math.min(t.depth, 3) - 1]!;
      return inlineRows(t.tokens ?? [], style).flatMap((r) => wrapLine(r, width));
    }
    case 'paragraph':
    case 'text':
      return (t.tokens ? inlineRows(t.tokens) : [[{ text: t.text }]]).flatMap((r) => wrapLine(r, width));
    case 'list':
      return renderList(t as Tokens.List, width, hl, depth);
    case 'blockquote': {
      // Too narrow for the bar: the quoted text alone.
      const bar: Line = width > 3 ? [{ text: '│ ', style: { fg: TOKENS.quote } }] : [];
      const inner = renderBlocks(t.tokens ?? [], width - lineWidth(bar), hl, depth);
      return inner.map((l) => [...bar, ...l.map((s) => ({ text: s.text, style: { fg: TOKENS.quote, ...s.style } }))]);
    }
    case 'code': {
      const code = t as Tokens.Code;
      const text = code.codeBlockStyle === 'indented' ? code.text.replace(/\n+$/, '') : code.text;
      const lines = text.replace(/\t/g, '    ').split('\n');
      const lang = (code.lang ?? '').trim().split(/\s/)[0] ?? '';
      const { spans, rows } = hl(lang, lines);
      return renderCode(lang, lines, width, spans, rows);
    }
    case 'hr':
      return [[{ text: '─'.repeat(Math.max(1, width)), style: { fg: TOKENS.border } }]];
    case 'table':
      return renderTable(t as Tokens.Table, width);
    case 'space':
    case 'def':
    case 'checkbox':
      return [];
    default:
      // Block HTML and anything unknown: its source, as written.
      return t.raw.replace(/\n+$/, '').split('\n').flatMap((l) => wrapLine([{ text: l }], width));
  }
}

function renderList(list: Tokens.List, width: number, hl: Highlight, depth: number): Line[] {
  const out: Line[] = [];
  const start = typeof list.start === 'number' ? list.start : 1;
  list.items.forEach((item, i) => {
    // A blank row where the source has a blank line between two items (a streamed list draws the same).
    if (i && /\n[ \t]*\n$/.test(list.items[i - 1]!.raw)) out.push([]);
    out.push(...renderListItem(item, listMarker(list, start + i, depth), width, hl, depth));
  });
  return out;
}

/** The marker of an item: its number in an ordered list (`3.` or `3)`), else the bullet of its depth. */
export function listMarker(list: Tokens.List, n: number, depth: number): string {
  if (!list.ordered) return BULLETS[Math.min(depth, BULLETS.length - 1)]!;
  return `${n}${/^\s*\d+\)/.test(list.raw) ? ')' : '.'}`;
}

export function renderListItem(item: Tokens.ListItem, marker: string, width: number, hl: Highlight = noHighlight, depth = 0): Line[] {
  const first: Line = [{ text: marker, style: { fg: TOKENS.bullet } }, { text: ' ' }];
  // A task item (`- [ ] x`, `- [x] x`) gets a check box that the text hangs under.
  if (item.task) first.push(item.checked ? { text: '✔ ', style: { fg: TOKENS.planDone } } : { text: '□ ', style: { fg: TOKENS.planPending } });
  return hang(first, width, (w) => renderBlocks(item.tokens, w, hl, depth + 1));
}

/** Rows drawn at the width beside `first`, which prefixes the first row (spaces the rest); too narrow: no prefix. */
function hang(first: Line, width: number, draw: (width: number) => Line[]): Line[] {
  const pw = lineWidth(first);
  if (width - pw < 2) return draw(width);
  const rest: Line = [{ text: ' '.repeat(pw) }];
  const rows = draw(width - pw);
  if (!rows.length) return [first];
  return rows.map((r, i) => [...(i === 0 ? first : rest), ...r]);
}

export function renderBlocks(tokens: readonly Token[], width: number, hl: Highlight = noHighlight, depth = 0): Line[] {
  const out: Line[] = [];
  let before: Token | undefined;
  let blank = false;
  for (const t of tokens) {
    if (!isDrawn(t)) {
      blank ||= t.type === 'space';
      continue;
    }
    if (gapBefore(before, t, blank)) out.push([]);
    out.push(...renderBlock(t, width, hl, depth));
    before = t;
    blank = false;
  }
  return out;
}

/** The source lines wrapped, for when the parser has not loaded yet. */
export function renderPlain(text: string, width: number): Line[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.flatMap((l) => wrapLine([{ text: l.replace(/\t/g, '    ') }], width));
}

/** One-shot rendering of a complete markdown string (plain until the parser is loaded). */
export function renderMarkdown(text: string, width: number, hl: Highlight = noHighlight): Line[] {
  const tokens = lexBlocks(text.replace(/\r/g, ''));
  return tokens ? renderBlocks(tokens, width, hl) : renderPlain(text, width);
}
