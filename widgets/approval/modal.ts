// The approval modal's view (reference §3.5, numbered form):
//
//   Would you like to run the following command?
//
//   Reason: …
//
//   $ touch x
//
// › 1. Yes, proceed (y)
//   2. Yes, and don't ask again for this command (a)
//   3. No, and tell Codex what to do differently (esc)
//
//   Press enter to confirm or esc to cancel
//
// For a patch the body is the coloured diff. When the area is too short, the
// title and the options stay and the body scrolls (`scrollBody(±n)`).
import { lineWidth } from '../base/text.js';
import type { Line, Rect, Surface, Widget } from '../base/types.js';
import { fromFileChanges } from '../diff/parse.js';
import { renderDiff } from '../diff/render.js';
import { wrapIndented } from '../markdown/wrap.js';
import { drawRows } from '../transcript/cell.js';
import { displayCommand } from '../transcript/command.js';
import { visibleControls } from '../../app/text/printable.js';
import { TOKENS } from '../transcript/tokens.js';
import { ApprovalState, type ReviewDecision } from './state.js';

const PAD: Line = [{ text: '  ' }];

// Keymap actions of the 'modal' mode (keymaps/default.json) and what they do.
const SHORTCUT_ACTIONS: Record<string, string> = { modal_approve: 'y', modal_approve_always: 'a', modal_deny: 'esc' };
const MOVE_ACTIONS: Record<string, number> = { modal_prev: -1, modal_next: 1 };
const SCROLL_ACTIONS: Record<string, number | 'page' | '-page'> = {
  scroll_up: -3,
  scroll_down: 3,
  scroll_page_up: '-page',
  scroll_page_down: 'page',
};

export class ApprovalModal extends ApprovalState implements Widget {
  private scroll = 0;
  /** The largest useful scroll offset, as of the last render. */
  private maxScroll = 0;
  /** Body rows visible in the last render (a page). */
  private lastView = 1;
  private bodyCache: { width: number; rows: Line[] } | undefined;

  /**
   * A keymap action of the 'modal' mode. Returns the decision when the modal is
   * done (the caller sends the op, records `decisionCell` and opens the next
   * queued request), undefined while it stays open.
   */
  apply(action: string): ReviewDecision | undefined {
    if (action === 'modal_confirm') return this.decision();
    if (action === 'modal_abort') return 'abort';
    const key = SHORTCUT_ACTIONS[action];
    if (key) return this.shortcut(key);
    const move = MOVE_ACTIONS[action];
    if (move) this.move(move);
    const page = Math.max(1, this.lastView - 1);
    const scroll = SCROLL_ACTIONS[action];
    if (scroll) this.scrollBody(scroll === 'page' ? page : scroll === '-page' ? -page : scroll);
    return undefined;
  }

  /** PgUp/PgDn (or wheel) over a tall command or diff. */
  scrollBody(delta: number): void {
    this.scroll = Math.max(0, Math.min(this.maxScroll, this.scroll + delta));
  }

  private head(width: number): Line[] {
    const r = this.request;
    const title = r.kind === 'exec' ? 'Would you like to run the following command?' : 'Would you like to make the following edits?';
    const rows: Line[] = [[{ text: '─'.repeat(width), style: { fg: TOKENS.modalBorder } }], []];
    rows.push(...wrapIndented([{ text: title, style: { bold: true } }], width, PAD), []);
    if (r.reason) {
      rows.push(...wrapIndented([{ text: 'Reason: ', style: { fg: TOKENS.muted } }, { text: visibleControls(r.reason), style: { italic: true } }], width, PAD), []);
    }
    return rows;
  }

  private body(width: number): Line[] {
    if (this.bodyCache?.width === width) return this.bodyCache.rows;
    const r = this.request;
    let rows: Line[];
    if (r.kind === 'exec') {
      rows = visibleControls(displayCommand(r.command))
        .split('\n')
        .flatMap((l, i) => wrapIndented([{ text: l, style: { fg: TOKENS.command, bold: true } }], width, i ? [{ text: '    ' }] : [{ text: '  ' }, { text: '$ ', style: { fg: TOKENS.muted } }], [{ text: '    ' }]));
    } else {
      const diff = renderDiff(fromFileChanges(r.changes), Math.max(1, width - 2), r.cwd ? { cwd: r.cwd } : {});
      rows = diff.map((l) => [...PAD, ...l]);
    }
    this.bodyCache = { width, rows };
    return rows;
  }

  private tail(width: number): Line[] {
    return [[], ...this.optionRows(width), [], ...wrapIndented([{ text: 'Press enter to confirm or esc to cancel', style: { fg: TOKENS.muted } }], width, PAD)];
  }

  private optionRows(width: number): Line[] {
    const rows: Line[] = [];
    this.options.forEach((o, i) => {
      const on = i === this.selected;
      const style = on ? { fg: TOKENS.accent, bold: true } : {};
      rows.push(
        ...wrapIndented(
          [{ text: `${i + 1}. ${o.label}`, style }, { text: ` (${o.key})`, style: on ? style : { fg: TOKENS.muted } }],
          width,
          [on ? { text: '› ', style } : { text: '  ' }],
          [{ text: '     ' }],
        ),
      );
      if (o.description) rows.push(...wrapIndented([{ text: o.description, style: { fg: TOKENS.muted } }], width, [{ text: '     ' }]));
    });
    return rows;
  }

  measure(width: number): number {
    return this.head(width).length + this.body(width).length + this.tail(width).length;
  }

  render(surface: Surface, area: Rect): void {
    surface.fill(area, ' ');
    const w = area.width;
    let head = this.head(w);
    let body = this.body(w);
    let tail = this.tail(w);
    let y = area.y;
    const put = (rows: Line[], from = 0, count = rows.length): void => {
      drawRows(surface, { x: area.x, y, width: w, height: Math.max(0, Math.min(count, area.y + area.height - y)) }, rows, from);
      y += Math.min(count, rows.length - from);
    };
    // On a short terminal the options come first: the title and reason scroll
    // with the body and the closing hint goes.
    if (head.length + body.length + tail.length > area.height && area.height - head.length - tail.length < 2) {
      body = head.slice(2).concat(body);
      head = head.slice(0, 1);
      tail = this.optionRows(w);
    }
    if (head.length + body.length + tail.length <= area.height) {
      this.scroll = this.maxScroll = 0;
      put(head);
      put(body);
      put(tail);
      return;
    }
    // Too tall: the body scrolls in what is left (at least two rows: content + position).
    const view = Math.max(2, area.height - head.length - tail.length);
    const shown = view - 1;
    this.maxScroll = Math.max(0, body.length - shown);
    this.lastView = shown;
    this.scroll = Math.min(this.scroll, this.maxScroll);
    put(head);
    put(body, this.scroll, shown);
    const below = body.length - this.scroll - shown;
    const where: Line = [
      ...PAD,
      { text: `lines ${this.scroll + 1}-${this.scroll + shown} of ${body.length}`, style: { fg: TOKENS.muted } },
      { text: below > 0 ? ` · ${below} more below (PgDn)` : ' · PgUp to scroll up', style: { fg: TOKENS.muted, dim: true } },
    ];
    put([lineWidth(where) <= w ? where : [{ text: `↓${below}`, style: { fg: TOKENS.muted } }]]);
    put(tail);
  }
}
