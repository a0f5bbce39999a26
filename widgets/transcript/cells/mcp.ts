// An MCP tool call: `Calling server.tool({args})` with the caller's spinner
// while it runs, then `• Called …` (or `✗` for an error) with the duration and
// the first lines of the result (images and resources as placeholders); the
// transcript view (Ctrl+T) shows the whole result.
import type { Line, Span } from '../../base/types.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { printable } from '../../../app/text/printable.js';
import { TOKENS } from '../tokens.js';
import { formatDuration } from '../../../app/text/duration.js';

/** Structurally the protocol's McpInvocation and mcp_tool_call_end result. */
export interface McpCall {
  server: string;
  tool: string;
  arguments?: unknown;
}
export type McpResult = { Ok: { content: unknown[]; structuredContent?: unknown; isError?: boolean } } | { Err: string };

const RESULT_LINES = 5;

/** One line of text per content block of a tool result. */
export function summarizeContent(content: readonly unknown[]): string {
  return content
    .map((c) => {
      const item = (c ?? {}) as { type?: string; text?: unknown; uri?: unknown; name?: unknown; resource?: { uri?: unknown } };
      if (item.type === 'text' && typeof item.text === 'string') return item.text;
      if (item.type === 'image') return '<image>';
      if (item.type === 'audio') return '<audio>';
      if (item.type === 'resource_link') return `<resource ${String(item.name ?? item.uri ?? '')}>`;
      if (item.type === 'resource') return `<resource ${String(item.resource?.uri ?? '')}>`;
      return JSON.stringify(c);
    })
    .join('\n');
}

export class McpToolCallCell extends HistoryCell {
  readonly kind = 'mcp';
  private frame = '•';
  private outcome: { durationMs: number; error: boolean; text: string } | undefined;

  constructor(readonly call: McpCall) {
    super();
  }

  setSpinnerFrame(frame: string): void {
    if (this.outcome || frame === this.frame) return;
    this.frame = frame;
    this.changed();
  }

  finish(durationMs: number, result: McpResult): void {
    if ('Err' in result) this.outcome = { durationMs, error: true, text: result.Err };
    else {
      const text = result.Ok.content.length ? summarizeContent(result.Ok.content) : result.Ok.structuredContent !== undefined ? JSON.stringify(result.Ok.structuredContent) : '';
      this.outcome = { durationMs, error: result.Ok.isError === true, text };
    }
    this.changed();
  }

  private invocation(): string {
    const args = this.call.arguments === undefined ? '' : JSON.stringify(this.call.arguments);
    return `${this.call.server}.${this.call.tool}(${args ?? ''})`;
  }

  protected build(width: number): Line[] {
    return this.rows(width, RESULT_LINES);
  }

  /** The transcript view shows the whole result. */
  protected override buildFull(width: number): Line[] {
    return this.rows(width, Infinity);
  }

  private rows(width: number, maxLines: number): Line[] {
    const o = this.outcome;
    const inv: Span = { text: this.invocation(), style: { fg: TOKENS.tool } };
    const head: Span[] = !o
      ? [{ text: `${this.frame} `, style: { fg: TOKENS.spinner } }, { text: 'Calling ', style: { bold: true } }, inv]
      : [
          o.error ? { text: '✗ ', style: { fg: TOKENS.error, bold: true } } : { text: '• ', style: { fg: TOKENS.bullet } },
          { text: 'Called ', style: { bold: true } },
          inv,
          { text: ` · ${formatDuration(o.durationMs)}`, style: { fg: TOKENS.muted, dim: true } },
        ];
    const rows = wrapIndented(head.slice(1), width, [head[0]!], [{ text: '  ' }]);
    if (!o) return rows;
    const text = printable(o.text).replace(/\n+$/, '');
    const lines = text ? text.split('\n') : [];
    const shown = lines.slice(0, maxLines);
    const style = o.error ? { fg: TOKENS.error } : { fg: TOKENS.muted, dim: true };
    const indent: Span = { text: '    ' };
    shown.forEach((l, i) => {
      const first: Span = i === 0 ? { text: '  └ ', style: { fg: TOKENS.muted, dim: true } } : indent;
      rows.push(...wrapIndented([{ text: l, style }], width, [first], [indent]));
    });
    if (lines.length > shown.length) rows.push([indent, { text: `… +${lines.length - shown.length} lines`, style: { fg: TOKENS.muted, dim: true } }]);
    return rows;
  }
}
