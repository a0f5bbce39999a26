// Markdown blocks → wrapped, styled rows at a width. Each block renders on its
// own (so finished blocks can be cached); `gapBefore` decides the blank row
// between two neighbours.
import type { Line, Span, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { type Block, parseBlocks } from './blocks.js';
import { parseInline } from './inline.js';
import { displayWidth as textWidth, lineWidth, wrapLine } from '../base/text.js';
import { renderTable } from './table.js';
import { wrapIndented } from './wrap.js';

const TASK = /^\[([ xX])\] /;

const HEADING_STYLES: Style[] = [
  { fg: TOKENS.heading, bold: true, underline: true },
  { fg: TOKENS.heading, bold: true },
  { bold: true, italic: true },
];

export function renderBlock(block: Block, width: number): Line[] {
  switch (block.kind) {
    case 'heading': {
      const style = HEADING_STYLES[Math.min(block.level, 3) - 1]!;
      return wrapLine(parseInline(block.text, style), width);
    }
    case 'paragraph':
      return block.lines.flatMap((l) => wrapLine(parseInline(l), width));
    case 'list_item': {
      const pad = ' '.repeat(block.visualIndent);
      const markerStyle: Style = { fg: TOKENS.bullet };
      const first: Line = [{ text: pad }, { text: block.marker, style: markerStyle }, { text: ' ' }];
      // A task item (`- [ ] x`, `- [x] x`) gets a check box that the text hangs under.
      const task = TASK.exec(block.lines[0] ?? '');
      const lines = task ? [block.lines[0]!.slice(task[0].length), ...block.lines.slice(1)] : block.lines;
      if (task) first.push(task[1] === ' ' ? { text: '□ ', style: { fg: TOKENS.planPending } } : { text: '✔ ', style: { fg: TOKENS.planDone } });
      const rest: Line = [{ text: ' '.repeat(lineWidth(first)) }];
      return lines.flatMap((l, k) => wrapIndented(parseInline(l), width, k === 0 ? first : rest, rest));
    }
    case 'quote': {
      // Too narrow for the bar: the quoted text alone.
      const bar: Line = width > 3 ? [{ text: '│ ', style: { fg: TOKENS.quote } }] : [];
      const inner = renderBlocks(parseBlocks(block.lines), width - lineWidth(bar));
      return inner.map((l) => [...bar, ...l.map((s) => ({ text: s.text, style: { fg: TOKENS.quote, ...s.style } }))]);
    }
    case 'code':
      return renderCode(block.lang, block.lines, block.indent, width);
    case 'rule':
      return [[{ text: '─'.repeat(Math.max(1, width)), style: { fg: TOKENS.border } }]];
    case 'table':
      return renderTable(block.lines, width);
  }
}

/** A bordered box with the language in the top edge; long code lines wrap inside it. */
export function renderCode(lang: string, lines: readonly string[], indent: number, width: number): Line[] {
  const border: Style = { fg: TOKENS.codeBorder };
  const ind = width - indent >= 12 ? indent : 0;
  const pad = ind ? [{ text: ' '.repeat(ind) }] : [];
  const avail = width - ind;
  const longest = lines.reduce((w, l) => Math.max(w, textWidth(l)), 0);
  const label = lang ? ` ${lang} ` : '';
  const boxW = Math.max(Math.min(avail, Math.max(longest + 4, textWidth(label) + 4, 20)), Math.min(avail, 4));
  const inner = boxW - 4;
  if (inner < 2) return lines.flatMap((l) => wrapLine([{ text: l }], width));
  const top: Line = [...pad, { text: '╭─', style: border }];
  if (label && textWidth(label) <= boxW - 3) top.push({ text: label, style: { fg: TOKENS.accent } });
  top.push({ text: '─'.repeat(Math.max(0, boxW - 1 - lineWidth(top.slice(pad.length)))) + '╮', style: border });
  const out: Line[] = [top];
  const left: Span = { text: '│ ', style: border };
  for (const l of lines.length ? lines : ['']) {
    // A wrapped line continues under its own indentation, so nesting stays readable.
    const ws = l.slice(0, l.length - l.trimStart().length);
    const hang = ws && inner - textWidth(ws) >= 8;
    for (const row of hang ? wrapIndented([{ text: l.slice(ws.length) }], inner, [{ text: ws }]) : wrapLine([{ text: l }], inner)) {
      const w = lineWidth(row);
      out.push([...pad, left, ...row, { text: ' '.repeat(Math.max(0, inner - w)) + ' │', style: border }]);
    }
  }
  out.push([...pad, { text: '╰' + '─'.repeat(boxW - 2) + '╯', style: border }]);
  return out;
}

/** Whether a blank row separates `a` from the following block `b`. */
export function gapBefore(a: Block | undefined, b: Block): boolean {
  if (!a) return false;
  if (a.kind === 'list_item' && b.kind === 'list_item') return b.blankBefore;
  return b.blankBefore || a.kind === 'heading' || b.kind === 'heading' || a.kind === 'code' || b.kind === 'code';
}

export function renderBlocks(blocks: readonly Block[], width: number, prev?: Block): Line[] {
  const out: Line[] = [];
  let before = prev;
  for (const b of blocks) {
    if (gapBefore(before, b)) out.push([]);
    out.push(...renderBlock(b, width));
    before = b;
  }
  return out;
}

/** One-shot rendering of a complete markdown string. */
export function renderMarkdown(text: string, width: number): Line[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the newline ends the last line
  return renderBlocks(parseBlocks(lines), width);
}
