// An update_plan call: `• Updated Plan`, the optional explanation in italics,
// and one check box per step: ✔ done (struck through), □ pending, and the step
// in progress highlighted.
import type { Line, Span, Style } from '../../base/types.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { TOKENS } from '../tokens.js';

/** Structurally the agent protocol's PlanItem. */
export interface PlanStep {
  step: string;
  status: 'pending' | 'in_progress' | 'completed';
}

const BOX: Record<PlanStep['status'], { box: string; style: Style }> = {
  completed: { box: '✔ ', style: { fg: TOKENS.planDone, strikethrough: true, dim: true } },
  in_progress: { box: '□ ', style: { fg: TOKENS.planActive, bold: true } },
  pending: { box: '□ ', style: { fg: TOKENS.planPending } },
};

export class PlanCell extends HistoryCell {
  readonly kind = 'plan';
  constructor(readonly plan: readonly PlanStep[], readonly explanation?: string) {
    super();
  }

  protected build(width: number): Line[] {
    const done = this.plan.filter((p) => p.status === 'completed').length;
    const rows: Line[] = wrapIndented(
      [{ text: 'Updated Plan', style: { bold: true } }, ...(this.plan.length ? [{ text: ` ${done}/${this.plan.length}`, style: { fg: TOKENS.muted } }] : [])],
      width,
      [{ text: '• ', style: { fg: TOKENS.bullet } }],
    );
    const branch: Span = { text: '  └ ', style: { fg: TOKENS.muted } };
    const indent: Span = { text: '    ' };
    const explanation = this.explanation?.trim();
    if (explanation) {
      for (const l of explanation.split('\n')) {
        rows.push(...wrapIndented([{ text: l, style: { italic: true } }], width, [rows.length === 1 ? branch : indent], [indent]));
      }
    }
    if (!this.plan.length) rows.push(...wrapIndented([{ text: '(no steps provided)', style: { fg: TOKENS.muted, italic: true } }], width, [rows.length === 1 ? branch : indent]));
    for (const item of this.plan) {
      const { box, style } = BOX[item.status];
      const first: Line = [rows.length === 1 ? branch : indent, { text: box, style: { fg: style.fg } }];
      rows.push(...wrapIndented([{ text: item.step, style }], width, first, [indent, { text: '  ' }]));
    }
    return rows;
  }
}
