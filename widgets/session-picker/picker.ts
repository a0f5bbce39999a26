// The session picker (`codex resume`, `/resume`; full screen):
//
//   ─ Resume a previous session ──────────────────────────────
//     Search: parser▏
//     Updated   Directory     Conversation
//   › 3m ago    ~/code/proj   fix the failing test in …
//     2d ago    ~/code/other  add a README
//
//    ↑/↓ select  enter resume  esc start new  ctrl+c quit
//
// Rows come from the caller (most recently used first), who may load them as
// the list needs them (`onNeedRows`) and filters them by `query`; the list
// scrolls to keep the selection visible. `pageRows` is the list height of the
// last render.
import { displayWidth, truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';
import { SelectList } from '../layout/select-list.js';
import { drawTitleRule } from '../layout/title-rule.js';

export interface SessionRow {
  /** Last activity as shown (`3m ago`). */
  when: string;
  cwd: string;
  preview: string;
}

const S = {
  head: { fg: 'muted', bold: true } as Style,
  hint: { fg: 'muted' } as Style,
  query: { fg: 'text' } as Style,
};

export const START_HINT = ' ↑/↓ select  enter resume  esc start new  ctrl+c quit';

export class SessionPicker implements Widget {
  rows: SessionRow[] = [];
  /** What the user typed to filter the rows (the caller filters). */
  query = '';
  /** Called while rendering with how many rows the screen could show (rows load lazily). */
  onNeedRows: ((count: number) => void) | undefined;
  private readonly list = new SelectList(Number.MAX_SAFE_INTEGER, 'no saved sessions');
  pageRows = 1;

  constructor(readonly title = 'Resume a previous session', readonly hint = START_HINT) {}

  get selected(): number {
    return this.list.selected;
  }

  /** Moves the selection, clamped to the rows there are. */
  select(index: number): void {
    this.list.selected = Math.max(0, Math.min(index, this.rows.length - 1));
  }

  measure(_width: number): number {
    return 0;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height < 5) return;
    drawTitleRule(surface, area.x, area.y, area.width, this.title);
    surface.writeText(area.x + 2, area.y + 1, truncate(this.query ? `Search: ${this.query}▏` : 'Type to search', area.width - 2), this.query ? S.query : S.hint);
    this.pageRows = Math.max(1, area.height - 4);
    this.onNeedRows?.(this.list.selected + this.pageRows + 1);
    // Columns: the time, the directory (at most a third of the width), the title.
    const cwdW = Math.min(Math.max(9, ...this.rows.map((r) => displayWidth(r.cwd))), Math.floor(area.width / 3));
    const pad = (s: string, w: number): string => {
      const t = truncate(s, w);
      return t + ' '.repeat(Math.max(0, w - displayWidth(t)));
    };
    const selected = this.list.selected;
    this.list.emptyText = this.query ? 'no sessions match' : 'no saved sessions';
    this.list.setItems(this.rows.map((r) => ({ label: r.when, description: `${pad(r.cwd, cwdW)}  ${r.preview}` })));
    this.list.selected = selected;
    if (this.rows.length) {
      const descX = 2 + this.list.labelWidth(area.width) + 1;
      surface.writeText(area.x + 2, area.y + 2, truncate('Updated', area.width - 2), S.head);
      if (descX < area.width) surface.writeText(area.x + descX, area.y + 2, truncate(`${pad('Directory', cwdW)}  Conversation`, area.width - descX), S.head);
    }
    const body = { x: area.x, y: area.y + 3, width: area.width, height: area.height - 4 };
    this.list.render(surface, body);
    surface.writeText(area.x, area.y + area.height - 1, truncate(this.hint, area.width), S.hint);
  }
}
