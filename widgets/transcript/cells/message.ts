// Conversation text: the user's message (`› ` on a tinted background), the
// assistant's answer (`• ` then markdown, growing with each delta) and the
// model's reasoning (dimmed italic markdown, or nothing when hidden).
import { lineWidth } from '../../base/text.js';
import type { Line, Span, Style } from '../../base/types.js';
import { loadMarkdownParser } from '../../markdown/parser.js';
import { MarkdownDocument } from '../../markdown/stream.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { TOKENS } from '../tokens.js';

const USER: Style = { fg: TOKENS.user, bg: TOKENS.userBg };

export class UserMessageCell extends HistoryCell {
  readonly kind = 'user';
  constructor(readonly text: string) {
    super();
    // The answer comes a model round trip later: its Markdown parser loads meanwhile, off the start path.
    void loadMarkdownParser();
  }

  protected build(width: number): Line[] {
    const rows: Line[] = [];
    const prompt: Span = { text: '› ', style: { ...USER, fg: TOKENS.muted } };
    for (const l of this.text.replace(/\r\n/g, '\n').split('\n')) {
      rows.push(...wrapIndented([{ text: l, style: USER }], width, rows.length ? [{ text: '  ', style: USER }] : [prompt], [{ text: '  ', style: USER }]));
    }
    // The tint spans the whole row, like a block.
    return rows.map((r) => {
      const pad = width - lineWidth(r);
      return pad > 0 ? [...r, { text: ' '.repeat(pad), style: USER }] : r;
    });
  }
}

/** Markdown that grows by deltas, drawn under a bullet with a hanging indent. */
abstract class StreamedMarkdownCell extends HistoryCell {
  private readonly doc: MarkdownDocument;
  constructor(text = '') {
    super();
    // Rows are decorated as they are cached, so a delta costs only the open block.
    // The document redraws on its own when its parser or a code highlight becomes ready.
    this.doc = new MarkdownDocument(text, (row, i) => [i === 0 ? this.bullet() : INDENT, ...this.style(row)], () => this.changed());
  }

  get text(): string {
    return this.doc.text;
  }

  appendDelta(delta: string): void {
    if (!delta) return;
    this.doc.append(delta);
    this.changed();
  }

  /** The final text (it replaces what the deltas built, if different). */
  setText(text: string): void {
    if (text === this.doc.text) return;
    this.doc.setText(text);
    this.changed();
  }

  protected abstract bullet(): Span;
  protected abstract style(row: Line): Line;

  protected build(width: number): Line[] {
    return this.doc.render(Math.max(1, width - 2));
  }
}

const INDENT: Span = { text: '  ' };

export class AssistantMessageCell extends StreamedMarkdownCell {
  readonly kind = 'assistant';
  protected bullet(): Span {
    return { text: '• ', style: { fg: TOKENS.agent } };
  }
  protected style(row: Line): Line {
    return row;
  }
}

export class ReasoningCell extends StreamedMarkdownCell {
  readonly kind = 'reasoning';
  protected bullet(): Span {
    return { text: '• ', style: { fg: TOKENS.reasoning, dim: true } };
  }
  private hiddenFlag: boolean;

  constructor(text = '', opts: { hidden?: boolean } = {}) {
    super(text);
    this.hiddenFlag = opts.hidden ?? false;
  }

  /** `hide_agent_reasoning`: the cell stays in the transcript but takes no rows. */
  setHidden(hidden: boolean): void {
    if (hidden === this.hiddenFlag) return;
    this.hiddenFlag = hidden;
    this.changed();
  }

  protected style(row: Line): Line {
    return row.map((s) => ({ text: s.text, style: { fg: TOKENS.reasoning, ...s.style, dim: true, italic: true } }));
  }

  protected override build(width: number): Line[] {
    return this.hiddenFlag ? [] : super.build(width);
  }
}
