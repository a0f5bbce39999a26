// The text of a desktop notification (OSC 9): the answer's Markdown as plain
// text on one line (no `**`, backticks, `#` or fences; links as the transcript
// shows them), cut at a word boundary with an ellipsis so it never ends
// mid-word.
import { markdownText } from '../../widgets/markdown/plain-text.js';
import { displayWidth, truncate } from '../../widgets/base/text.js';

/** `markdown` as one line of plain text, at most `max` columns, cut between words with `…`. */
export function notificationText(markdown: string, max: number): string {
  const plain = markdownText(markdown);
  if (displayWidth(plain) <= max) return plain;
  const head = truncate(plain, max - 1, '');
  const space = head.lastIndexOf(' ');
  return `${(space > 0 ? head.slice(0, space) : head).trimEnd()}…`;
}
