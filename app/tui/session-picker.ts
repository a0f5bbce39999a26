// `codex resume` without a SESSION_ID or --last: a full-screen picker over the
// saved sessions (newest first: start time, working directory, first message),
// shown before any session starts. ↑/↓ (PgUp/PgDn, Home/End) select, Enter
// resumes the selected one, Esc starts a new session instead, Ctrl+C quits.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { SessionPicker, type SessionRow } from '../../widgets/session-picker/picker.js';
import { tildePath } from '../../widgets/transcript/cells/header.js';
import type { TuiApp } from './app.js';
import type { Overlay, OverlayResult } from './overlay.js';
import { SessionList, type SessionSummary } from './session-list.js';

export type SessionChoice = { type: 'resume'; path: string } | { type: 'new' } | { type: 'quit' };

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time, minutes: `2026-11-25 14:02`. */
export function formatStart(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function sessionRow(s: SessionSummary, home: string | undefined): SessionRow {
  const first = s.firstMessage?.trim().split('\n')[0]?.trim();
  return { when: formatStart(s.started), cwd: tildePath(s.cwd, home), preview: first || '(no message)' };
}

class SessionPickerOverlay implements Overlay {
  readonly mode = 'resume';
  readonly placement = 'screen';
  readonly widget = new SessionPicker();

  constructor(private readonly list: SessionList, private readonly done: (c: SessionChoice) => void, private readonly home: string | undefined) {
    this.widget.onNeedRows = (n) => this.fill(n);
  }

  private fill(count: number): void {
    this.list.ensure(count);
    const rows = this.widget.rows;
    for (const s of this.list.loaded.slice(rows.length)) rows.push(sessionRow(s, this.home));
  }

  /** Loads summaries so that row `index` and a page below it exist, then selects it (clamped). */
  private load(index: number): void {
    this.fill(index + this.widget.pageRows + 1);
    this.widget.select(index);
  }

  handle(r: ResolvedAction): OverlayResult {
    const at = this.widget.selected;
    const page = this.widget.pageRows;
    if (!isModeAction('resume', r.action)) return 'handled';
    switch (r.action) {
      case 'resume_prev': this.load(at - 1); return 'handled';
      case 'resume_next': this.load(at + 1); return 'handled';
      case 'resume_page_up': this.load(at - page); return 'handled';
      case 'resume_page_down': this.load(at + page); return 'handled';
      case 'resume_first': this.load(0); return 'handled';
      case 'resume_last':
        this.list.ensure(Number.MAX_SAFE_INTEGER);
        this.load(this.list.loaded.length - 1);
        return 'handled';
      case 'resume_confirm': {
        const s = this.list.loaded[at];
        this.done(s ? { type: 'resume', path: s.path } : { type: 'new' });
        return 'close';
      }
      case 'resume_new': this.done({ type: 'new' }); return 'close';
      case 'resume_quit': this.done({ type: 'quit' }); return 'close';
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }
}

/** Shows the picker over the app; resolves with the user's choice. */
export function pickSession(app: TuiApp, codexHome: string): Promise<SessionChoice> {
  return new Promise((resolve) => {
    app.pushOverlay(new SessionPickerOverlay(new SessionList(codexHome), resolve, process.env.HOME));
  });
}
