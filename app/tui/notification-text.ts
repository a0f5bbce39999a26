// The text of a desktop notification (OSC 9): the answer's Markdown as plain
// text on one line (no `**`, backticks, `#` or fences; links as the transcript
// shows them), cut at a word boundary with an ellipsis so it never ends
// mid-word.
import { parseBlocks, type Block } from '../../widgets/markdown/blocks.js';
import { parseInline } from '../../widgets/markdown/inline.js';
import { splitRow } from '../../widgets/markdown/table.js';
import { displayWidth, truncate } from '../../widgets/base/text.js';

const inline = (text: string): string => parseInline(text).map((s) => s.text).join('');

function blockText(b: Block): string {
  switch (b.kind) {
    case 'heading': return inline(b.text);
    case 'paragraph':
    case 'list_item':
    case 'quote': return inline(b.lines.join(' '));
    case 'code': return b.lines.join(' ');
    case 'table': return b.lines.filter((l) => !/^[\s|:-]+$/.test(l)).map((l) => splitRow(l).map(inline).join(' ')).join(' ');
    case 'rule': return '';
    default: {
      const _: never = b;
      return _;
    }
  }
}

/** `markdown` as one line of plain text, at most `max` columns, cut between words with `…`. */
export function notificationText(markdown: string, max: number): string {
  const plain = parseBlocks(markdown.split('\n')).map(blockText).join(' ').replace(/\s+/g, ' ').trim();
  if (displayWidth(plain) <= max) return plain;
  const head = truncate(plain, max - 1, '');
  const space = head.lastIndexOf(' ');
  return `${(space > 0 ? head.slice(0, space) : head).trimEnd()}…`;
}
