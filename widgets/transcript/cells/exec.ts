// A command the agent runs. Running: the caller's spinner frame, `Running`, the
// command and the live tail of its output. Finished: `✓ Ran` or `✗ Ran … exit N`
// with the duration and the last lines of output, dimmed (`… +N lines` above).
// Declined (the user said no) and interrupted commands say so.
import type { Line, Span, Style } from '../../base/types.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { displayCommand } from '../command.js';
import { formatDuration } from '../../../app/text/duration.js';
import { printable } from '../../../app/text/printable.js';
import { TOKENS } from '../tokens.js';

export type ExecState =
  | { status: 'running' }
  | { status: 'done'; exitCode: number; durationMs: number }
  | { status: 'declined' }
  | { status: 'interrupted' };

export interface ExecCellOptions {
  /** Output rows kept under the command (default 5). */
  tailLines?: number;
}

/** A long script (a heredoc writing a file) shows its first lines; the approval modal shows it all. */
function shortCommand(command: string): string {
  const lines = command.split('\n');
  if (lines.length <= COMMAND_LINES) return command;
  return `${lines.slice(0, COMMAND_LINES).join('\n')}\n… +${lines.length - COMMAND_LINES} lines`;
}

const DIM: Style = { fg: TOKENS.muted, dim: true };
const KEEP_CHARS = 16_384;
const COMMAND_LINES = 8;
/** Longest output line shown (a minified file is not worth a screen of rows). */
const LINE_CHARS = 1000;

export class ExecCell extends HistoryCell {
  readonly kind = 'exec';
  readonly command: string;
  private state: ExecState = { status: 'running' };
  /** The end of the output; `dropped` lines before it were let go (only the tail is shown). */
  private output = '';
  private dropped = 0;
  private frame = '•';
  private readonly tail: number;

  constructor(readonly argv: readonly string[], opts: ExecCellOptions = {}) {
    super();
    this.command = displayCommand(argv);
    this.tail = opts.tailLines ?? 5;
  }

  get status(): ExecState['status'] {
    return this.state.status;
  }

  /** The spinner glyph for this frame, from the caller's clock; ignored once finished. */
  setSpinnerFrame(frame: string): void {
    if (this.state.status !== 'running' || frame === this.frame) return;
    this.frame = frame;
    this.changed();
  }

  /** Live output (already decoded from the event's base64). */
  appendOutput(chunk: string): void {
    if (!chunk || this.state.status !== 'running') return;
    this.output += chunk;
    this.trim();
    this.changed();
  }

  // A chatty command must not grow memory or per-frame work: keep a bounded tail.
  private trim(): void {
    if (this.output.length <= KEEP_CHARS) return;
    const lines = this.output.split('\n');
    const keep = lines.slice(-(this.tail + 1));
    this.dropped += lines.length - keep.length;
    this.output = keep.map((l) => (l.length > LINE_CHARS ? l.slice(-LINE_CHARS) : l)).join('\n');
  }

  /** `exec_command_end`: `output` (aggregated) replaces what streamed in. */
  finish(exitCode: number, durationMs: number, output?: string): void {
    if (output !== undefined) {
      // The aggregated output may be capped (head and tail of a flood): the
      // lines counted while it streamed are the truer total.
      const streamed = this.dropped + this.output.split('\n').length;
      this.output = output;
      this.dropped = 0;
      this.trim();
      this.dropped += Math.max(0, streamed - (this.dropped + this.output.split('\n').length));
    }
    this.state = { status: 'done', exitCode, durationMs };
    this.changed();
  }

  decline(): void {
    this.state = { status: 'declined' };
    this.changed();
  }

  /** The turn was interrupted while this ran (it is shown as failed). */
  interrupt(): void {
    if (this.state.status !== 'running') return;
    this.state = { status: 'interrupted' };
    this.changed();
  }

  protected build(width: number): Line[] {
    const s = this.state;
    const cmd: Span = { text: shortCommand(this.command), style: { fg: TOKENS.command, bold: true } };
    let head: Line;
    switch (s.status) {
      case 'running':
        head = [{ text: `${this.frame} `, style: { fg: TOKENS.spinner } }, { text: 'Running ', style: { bold: true } }, cmd];
        break;
      case 'done': {
        const ok = s.exitCode === 0;
        head = [
          { text: ok ? '✓ ' : '✗ ', style: { fg: ok ? TOKENS.success : TOKENS.error, bold: true } },
          { text: 'Ran ', style: { bold: true } },
          cmd,
          ...(ok ? [] : [{ text: ` · exit ${s.exitCode}`, style: { fg: TOKENS.error } }]),
          { text: ` · ${formatDuration(s.durationMs)}`, style: DIM },
        ];
        break;
      }
      case 'declined':
        head = [{ text: '✗ ', style: { fg: TOKENS.error, bold: true } }, { text: 'Declined ', style: { bold: true } }, cmd];
        break;
      case 'interrupted':
        head = [{ text: '✗ ', style: { fg: TOKENS.error, bold: true } }, { text: 'Interrupted ', style: { bold: true } }, cmd];
        break;
    }
    const rows = wrapIndented(head.slice(1), width, [head[0]!], [{ text: '  ' }]);
    return rows.concat(this.outputRows(width));
  }

  private outputRows(width: number): Line[] {
    const text = printable(this.output).replace(/\n+$/, '');
    if (!text || this.state.status === 'declined') return [];
    const all = text.split('\n');
    const shown = all.slice(-this.tail).map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l));
    const hidden = this.dropped + all.length - shown.length;
    const out: Line[] = [];
    const branch: Line = [{ text: '  └ ', style: DIM }];
    const indent: Line = [{ text: '    ' }];
    if (hidden > 0) out.push(...wrapIndented([{ text: `… +${hidden} lines`, style: DIM }], width, branch, indent));
    for (const l of shown) out.push(...wrapIndented([{ text: l, style: DIM }], width, out.length ? indent : branch, indent));
    return out;
  }
}
