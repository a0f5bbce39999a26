// One-line notices: errors (`■ message` in red), background and info events
// (`• message`, muted), and pre-styled lines such as the record of an approval
// decision. Long text wraps under the marker.
import { displayWidth } from '../../base/text.js';
import type { Line, Span } from '../../base/types.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { printable } from '../../../app/text/printable.js';
import { TOKENS } from '../tokens.js';

export class NoticeCell extends HistoryCell {
  readonly kind = 'notice';
  /** `marker` is drawn on the first row; the text wraps beneath it. */
  constructor(readonly marker: Span, readonly body: Line) {
    super();
  }

  protected build(width: number): Line[] {
    const rows: Line[] = [];
    // Text may span lines; each starts under the marker's indent.
    let line: Line = [];
    const flush = (): void => {
      const indent: Span = { text: ' '.repeat(displayWidth(this.marker.text)) };
      // A line's own leading spaces (a nested item of /status or /mcp) indent its continuation rows too.
      const first = line[0];
      const lead = first ? first.text.length - first.text.trimStart().length : 0;
      if (first && lead) line[0] = { ...first, text: first.text.slice(lead) };
      const pad: Span = { text: ' '.repeat(lead) };
      rows.push(...wrapIndented(line, width, [rows.length ? indent : this.marker, pad], [indent, pad]));
      line = [];
    };
    for (const span of this.body) {
      const parts = printable(span.text).split('\n');
      parts.forEach((p, i) => {
        if (i > 0) flush();
        if (p) line.push(span.style ? { text: p, style: span.style } : { text: p });
      });
    }
    flush();
    return rows;
  }
}

export function errorCell(message: string): NoticeCell {
  return new NoticeCell({ text: '■ ', style: { fg: TOKENS.error, bold: true } }, [{ text: message, style: { fg: TOKENS.error } }]);
}

export function infoCell(message: string): NoticeCell {
  return new NoticeCell({ text: '• ', style: { fg: TOKENS.muted } }, [{ text: message, style: { fg: TOKENS.muted } }]);
}

export function warningCell(message: string): NoticeCell {
  return new NoticeCell({ text: '⚠ ', style: { fg: TOKENS.warning } }, [{ text: message, style: { fg: TOKENS.warning } }]);
}

/** A web search the model ran (reference §3.7: `🌐 Searched: query`). */
export function webSearchCell(query: string): NoticeCell {
  return new NoticeCell({ text: '🌐 ' }, [{ text: 'Searched: ', style: { fg: TOKENS.muted } }, { text: query }]);
}
