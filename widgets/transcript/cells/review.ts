// A review's findings (/review): a title naming what was reviewed, then the
// findings as markdown under a bar, set apart from the conversation's answers.
import type { Line, Span } from '../../base/types.js';
import { MarkdownDocument } from '../../markdown/stream.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { TOKENS } from '../tokens.js';

const BAR: Span = { text: '│ ', style: { fg: TOKENS.accent } };

export class ReviewCell extends HistoryCell {
  readonly kind = 'review';
  private readonly doc: MarkdownDocument;

  constructor(readonly hint: string, readonly findings: string) {
    super();
    this.doc = new MarkdownDocument(findings, (row) => [BAR, ...row]);
  }

  protected build(width: number): Line[] {
    const title = wrapIndented([{ text: `Code review: ${this.hint}`, style: { fg: TOKENS.accent, bold: true } }], width, [{ text: '◆ ', style: { fg: TOKENS.accent } }], [{ text: '  ' }]);
    return [...title, ...this.doc.render(Math.max(1, width - 2))];
  }
}
