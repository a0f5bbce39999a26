// A patch the agent applies: the coloured diff under `• Edited …` while it is
// applied, `✓` when it succeeded, `✗` and the error output when it failed. A
// very long diff shows its first rows in the live transcript and a line that
// says how many more there are and which key shows them (the transcript view,
// where the whole diff is).
import type { Line, Span } from '../../base/types.js';
import { type DiffFile, type FileChange, fromFileChanges } from '../../diff/parse.js';
import { renderDiff } from '../../diff/render.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { printable } from '../../../app/text/printable.js';
import { TOKENS } from '../tokens.js';

/** Diff rows past which the live transcript collapses a diff, and the rows it keeps then. */
export const LIVE_DIFF_ROWS = 40;
const COLLAPSED_ROWS = 30;

export interface PatchCellOptions {
  /** The key that opens the transcript view, named on a collapsed diff (e.g. `⌃T`). */
  expandKey?: string;
}

export class PatchCell extends HistoryCell {
  readonly kind = 'patch';
  readonly files: DiffFile[];
  private result: { success: boolean; message: string } | undefined;

  constructor(changes: Readonly<Record<string, FileChange>>, private readonly cwd?: string, private readonly opts: PatchCellOptions = {}) {
    super();
    this.files = fromFileChanges(changes);
  }

  /** `patch_apply_end`: `message` is its stderr (or stdout) to show on failure. */
  finish(success: boolean, message = ''): void {
    this.result = { success, message };
    this.changed();
  }

  protected build(width: number): Line[] {
    const rows = this.diffRows(width);
    if (rows.length <= LIVE_DIFF_ROWS) return rows.concat(this.errorRows(width));
    const more = rows.length - COLLAPSED_ROWS;
    const how = this.opts.expandKey ? ` · ${this.opts.expandKey} to view the whole diff` : '';
    return rows
      .slice(0, COLLAPSED_ROWS)
      .concat(wrapIndented([{ text: `… +${more} lines${how}`, style: { fg: TOKENS.muted } }], width, [{ text: '    ' }], [{ text: '    ' }]))
      .concat(this.errorRows(width));
  }

  protected override buildFull(width: number): Line[] {
    return this.diffRows(width).concat(this.errorRows(width));
  }

  private diffRows(width: number): Line[] {
    const r = this.result;
    const bullet: Span = !r
      ? { text: '• ', style: { fg: TOKENS.bullet } }
      : r.success
        ? { text: '✓ ', style: { fg: TOKENS.success, bold: true } }
        : { text: '✗ ', style: { fg: TOKENS.error, bold: true } };
    return renderDiff(this.files, width, { bullet, ...(this.cwd ? { cwd: this.cwd } : {}) });
  }

  /** A failed patch's error output, under the diff. */
  private errorRows(width: number): Line[] {
    const r = this.result;
    if (!r || r.success) return [];
    const msg = printable(r.message).trim() || 'Failed to apply patch';
    return msg.split('\n').flatMap((l, i) =>
      wrapIndented([{ text: l, style: { fg: TOKENS.error } }], width, [{ text: i ? '    ' : '  └ ', style: { fg: TOKENS.muted } }], [{ text: '    ' }]));
  }
}
