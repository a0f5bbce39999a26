// The trust screen (reference §3.8), full screen before a session starts in a
// folder whose trust was never decided:
//
//   > You are running Codex in ~/code/proj
//
//     Since this folder is version controlled, you may wish to allow Codex to
//     work in this folder without asking for approval.
//
//   › 1. Yes, allow Codex to work in this folder without asking for approval
//     2. No, ask me to approve edits and commands
//
//     Press enter to continue · ctrl+c to quit
//
// Outside git the explanation recommends approval and option 2 is selected first.
import type { Line, Rect, Style, Surface, Widget } from '../base/types.js';
import { wrapIndented } from '../markdown/wrap.js';
import { drawRows } from '../transcript/cell.js';
import { TOKENS } from '../transcript/tokens.js';

export const TRUST_OPTIONS = [
  'Yes, allow Codex to work in this folder without asking for approval',
  'No, ask me to approve edits and commands',
] as const;

const IN_GIT = 'Since this folder is version controlled, you may wish to allow Codex to work in this folder without asking for approval.';
const NOT_IN_GIT = 'Since this folder is not version controlled, we recommend requiring approval of all edits and commands.';
const HINT = 'Press enter to continue · ctrl+c to quit';

const PAD: Line = [{ text: '  ' }];
const S = {
  prompt: { fg: TOKENS.accent, bold: true } as Style,
  bold: { bold: true } as Style,
  selected: { fg: TOKENS.accent, bold: true } as Style,
  hint: { fg: TOKENS.muted } as Style,
};

export class TrustScreen implements Widget {
  /** Index into TRUST_OPTIONS. */
  selected: number;

  /** `cwd` as shown (home as ~); `inGit`: the folder is in a git repository. */
  constructor(readonly cwd: string, readonly inGit: boolean) {
    this.selected = inGit ? 0 : 1;
  }

  /** Moves the selection, clamped to the options. */
  move(delta: number): void {
    this.selected = Math.max(0, Math.min(TRUST_OPTIONS.length - 1, this.selected + delta));
  }

  rows(width: number): Line[] {
    const rows: Line[] = [[]];
    rows.push(...wrapIndented([{ text: 'You are running Codex in ', style: S.bold }, { text: this.cwd }], width, [{ text: '> ', style: S.prompt }], PAD), []);
    rows.push(...wrapIndented([{ text: this.inGit ? IN_GIT : NOT_IN_GIT }], width, PAD), []);
    TRUST_OPTIONS.forEach((label, i) => {
      const on = i === this.selected;
      const style = on ? S.selected : {};
      rows.push(...wrapIndented([{ text: `${i + 1}. ${label}`, style }], width, [on ? { text: '› ', style } : { text: '  ' }], [{ text: '     ' }]));
    });
    rows.push([], ...wrapIndented([{ text: HINT, style: S.hint }], width, PAD));
    return rows;
  }

  measure(width: number): number {
    return this.rows(width).length;
  }

  render(surface: Surface, area: Rect): void {
    surface.fill(area, ' ');
    drawRows(surface, area, this.rows(area.width), 0);
  }
}
