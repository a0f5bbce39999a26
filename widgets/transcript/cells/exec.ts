// A command the agent runs. Running: the caller's spinner frame, `Running`, the
// command and the live tail of its output. Finished: `✓ Ran` or `✗ Ran … exit N`
// with the duration and the last lines of output, dimmed (`… +N lines` above).
// Declined (the user said no) and interrupted commands say so. The transcript
// view (Ctrl+T) shows the whole command and all the output kept (up to 1 MiB,
// with the count of lines let go).
import type { Line, Span, Style } from '../../base/types.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { displayCommand } from '../command.js';
import { formatDuration } from '../../../app/text/duration.js';
import { printable } from '../../../app/text/printable.js';
import { TOKENS } from '../tokens.js';
import { OutputLines } from '../output-lines.js';

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
const COMMAND_LINES = 8;
/** Longest output line shown live (a minified file is not worth a screen of rows); the transcript view shows it whole. */
const LINE_CHARS = 1000;

export class ExecCell extends HistoryCell {
  readonly kind = 'exec';
  readonly command: string;
  private state: ExecState = { status: 'running' };
  private output = new OutputLines();
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
    this.output.append(chunk);
    this.changed();
  }

  /** `exec_command_end`: `output` (aggregated) replaces what streamed in. */
  finish(exitCode: number, durationMs: number, output?: string): void {
    if (output !== undefined) {
      // The aggregated output may be capped (head and tail of a flood): the
      // lines counted while it streamed are the truer total.
      const streamed = this.output.dropped + this.output.count;
      this.output = new OutputLines(output);
      this.output.dropped += Math.max(0, streamed - (this.output.dropped + this.output.count));
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

  private head(command: string): Line {
    const s = this.state;
    const cmd: Span = { text: command, style: { fg: TOKENS.command, bold: true } };
    switch (s.status) {
      case 'running':
        return [{ text: `${this.frame} `, style: { fg: TOKENS.spinner } }, { text: 'Running ', style: { bold: true } }, cmd];
      case 'done': {
        const ok = s.exitCode === 0;
        return [
          { text: ok ? '✓ ' : '✗ ', style: { fg: ok ? TOKENS.success : TOKENS.error, bold: true } },
          { text: 'Ran ', style: { bold: true } },
          cmd,
          ...(ok ? [] : [{ text: ` · exit ${s.exitCode}`, style: { fg: TOKENS.error } }]),
          { text: ` · ${formatDuration(s.durationMs)}`, style: DIM },
        ];
      }
      case 'declined':
        return [{ text: '✗ ', style: { fg: TOKENS.error, bold: true } }, { text: 'Declined ', style: { bold: true } }, cmd];
      case 'interrupted':
        return [{ text: '✗ ', style: { fg: TOKENS.error, bold: true } }, { text: 'Interrupted ', style: { bold: true } }, cmd];
    }
  }

  private headRows(command: string, width: number): Line[] {
    const head = this.head(command);
    return wrapIndented(head.slice(1), width, [head[0]!], [{ text: '  ' }]);
  }

  protected build(width: number): Line[] {
    if (this.state.status === 'declined') return this.headRows(shortCommand(this.command), width);
    const shown = this.output.tail(this.tail).map((l) => printable(l)).map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l));
    const hidden = this.output.dropped + this.output.count - shown.length;
    return this.headRows(shortCommand(this.command), width).concat(outputRows(shown, hidden > 0 ? `… +${hidden} lines` : undefined, width));
  }

  /** The whole command and every line of output kept, with how many were let go. */
  protected override buildFull(width: number): Line[] {
    if (this.state.status === 'declined') return this.headRows(this.command, width);
    const dropped = this.output.dropped;
    const note = dropped > 0 ? `… ${dropped} line${dropped === 1 ? '' : 's'} not kept (at most 1 MiB of output is)` : undefined;
    return this.headRows(this.command, width).concat(outputRows(this.output.all().map((l) => printable(l)), note, width));
  }
}

/** Output lines under `  └ `, dimmed, after an optional note row. */
function outputRows(lines: readonly string[], note: string | undefined, width: number): Line[] {
  const out: Line[] = [];
  const branch: Line = [{ text: '  └ ', style: DIM }];
  const indent: Line = [{ text: '    ' }];
  if (note) out.push(...wrapIndented([{ text: note, style: DIM }], width, branch, indent));
  for (const l of lines) out.push(...wrapIndented([{ text: l, style: DIM }], width, out.length ? indent : branch, indent));
  return out;
}
