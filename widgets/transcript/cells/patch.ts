// A patch the agent applies: the coloured diff under `• Edited …` while it is
// applied, `✓` when it succeeded, `✗` and the error output when it failed.
import type { Line, Span } from '../../base/types.js';
import { type DiffFile, type FileChange, fromFileChanges } from '../../diff/parse.js';
import { renderDiff } from '../../diff/render.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { printable } from '../../../app/text/printable.js';
import { TOKENS } from '../tokens.js';

export class PatchCell extends HistoryCell {
  readonly kind = 'patch';
  readonly files: DiffFile[];
  private result: { success: boolean; message: string } | undefined;

  constructor(changes: Readonly<Record<string, FileChange>>, private readonly cwd?: string) {
    super();
    this.files = fromFileChanges(changes);
  }

  /** `patch_apply_end`: `message` is its stderr (or stdout) to show on failure. */
  finish(success: boolean, message = ''): void {
    this.result = { success, message };
    this.changed();
  }

  protected build(width: number): Line[] {
    const r = this.result;
    const bullet: Span = !r
      ? { text: '• ', style: { fg: TOKENS.bullet } }
      : r.success
        ? { text: '✓ ', style: { fg: TOKENS.success, bold: true } }
        : { text: '✗ ', style: { fg: TOKENS.error, bold: true } };
    const rows = renderDiff(this.files, width, { bullet, ...(this.cwd ? { cwd: this.cwd } : {}) });
    if (r && !r.success) {
      const msg = printable(r.message).trim() || 'Failed to apply patch';
      const lines = msg.split('\n');
      lines.forEach((l, i) => {
        rows.push(...wrapIndented([{ text: l, style: { fg: TOKENS.error } }], width, [{ text: i ? '    ' : '  └ ', style: { fg: TOKENS.muted } }], [{ text: '    ' }]));
      });
    }
    return rows;
  }
}
