// Markdown as plain text on one line (what a desktop notification shows): the
// words as the transcript shows them, without `**`, backticks, `#` or fences;
// links as `text (url)`.
import { inlineRows } from './inline.js';
import { lexBlocks, type Token, type Tokens } from './parser.js';

const spans = (tokens: readonly Token[]): string => inlineRows(tokens).map((r) => r.map((s) => s.text).join('')).join(' ');

function blockText(t: Token): string {
  switch (t.type) {
    case 'heading':
    case 'paragraph':
      return spans(t.tokens ?? []);
    case 'text':
      return t.tokens ? spans(t.tokens) : t.text;
    case 'list':
      return (t as Tokens.List).items.map((i) => blocksText(i.tokens)).join(' ');
    case 'blockquote':
      return blocksText(t.tokens ?? []);
    case 'code':
      return t.text;
    case 'table': {
      const table = t as Tokens.Table;
      return [table.header, ...table.rows].map((r) => r.map((c) => spans(c.tokens)).join(' ')).join(' ');
    }
    case 'html':
      return t.text;
    default:
      return '';
  }
}

function blocksText(tokens: readonly Token[]): string {
  return tokens.map(blockText).join(' ');
}

/** `markdown` as plain text with its whitespace collapsed (the source itself while the parser loads). */
export function markdownText(markdown: string): string {
  const tokens = lexBlocks(markdown.replace(/\r/g, ''));
  return (tokens ? blocksText(tokens) : markdown).replace(/\s+/g, ' ').trim();
}
