// The /status card, laid out as 0.169's: the command, `>_ OpenAI Codex (vX)`,
// then groups of `Label:  value` rows (labels muted and aligned on the longest,
// a value's details muted after it), a blank row between groups. Rows longer
// than the width are cut, as the original's are.
import { displayWidth, truncateLine } from '../../base/text.js';
import type { Line } from '../../base/types.js';
import { HistoryCell } from '../cell.js';
import { TOKENS } from '../tokens.js';

export interface StatusField {
  label: string;
  value: string;
  /** Shown muted right after the value, spacing included: ` (reasoning high)`. */
  detail?: string;
}

export interface StatusCard {
  version: string;
  /** Field groups, drawn with a blank row between them. */
  groups: StatusField[][];
}

const INDENT = '  ';
/** Between the label's colon and the value. */
const GAP = 2;
const MUTED = { fg: TOKENS.muted };

export class StatusCardCell extends HistoryCell {
  readonly kind = 'notice';
  constructor(readonly card: StatusCard) {
    super();
  }

  protected build(width: number): Line[] {
    const labelWidth = Math.max(0, ...this.card.groups.flat().map((f) => displayWidth(f.label)));
    const rows: Line[] = [
      [{ text: '/status', style: { fg: TOKENS.accent } }],
      [],
      [{ text: `${INDENT}>_ `, style: MUTED }, { text: 'OpenAI Codex', style: { bold: true } }, { text: ` (v${this.card.version})`, style: MUTED }],
    ];
    for (const group of this.card.groups) {
      rows.push([]);
      for (const f of group) {
        const label = `${f.label}:`.padEnd(labelWidth + 1 + GAP);
        rows.push([
          { text: INDENT },
          { text: label, style: MUTED },
          { text: f.value },
          ...(f.detail ? [{ text: f.detail, style: MUTED }] : []),
        ]);
      }
    }
    return rows.map((r) => truncateLine(r, width));
  }
}
