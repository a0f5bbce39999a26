// The session picker over the saved sessions (most recently used first: how
// long ago, working directory, title), full screen: `codex resume` without a
// SESSION_ID or --last shows it before any session starts, `/resume` over a
// running one. Typing filters the list (Backspace erases); ↑/↓ (PgUp/PgDn,
// Home/End) select, Enter resumes the selected session. Esc clears the filter,
// then starts a new session (`/resume`: keeps the current one); Ctrl+C quits
// (`/resume`: keeps the current one).
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { SessionPicker, START_HINT, type SessionRow } from '../../widgets/session-picker/picker.js';
import { tildePath } from '../../widgets/transcript/cells/header.js';
import { timeAgo } from '../text/duration.js';
import type { TuiApp } from './app.js';
import type { Overlay, OverlayResult } from './overlay.js';
import { SessionList, sessionTitle, type SessionSummary } from './session-list.js';

export type SessionChoice = { type: 'resume'; path: string } | { type: 'new' } | { type: 'quit' };

export function sessionRow(s: SessionSummary, home: string | undefined, now: number): SessionRow {
  return { when: timeAgo(now - s.updated.getTime()), cwd: tildePath(s.cwd, home), preview: sessionTitle(s) };
}

/** The key hint of `/resume`, where Esc and Ctrl+C keep the current session. */
const SWITCH_HINT = ' type to search  ↑/↓ select  enter resume  esc cancel';

class SessionPickerOverlay implements Overlay {
  readonly mode = 'resume';
  readonly placement = 'screen';
  readonly widget: SessionPicker;
  private readonly now = Date.now();

  constructor(private readonly list: SessionList, private readonly done: (c: SessionChoice) => void, private readonly home: string | undefined, hint: string) {
    this.widget = new SessionPicker(undefined, hint);
    this.widget.onNeedRows = (n) => this.fill(n);
  }

  private fill(count: number): void {
    this.list.ensure(count);
    const rows = this.widget.rows;
    for (const s of this.list.loaded.slice(rows.length)) rows.push(sessionRow(s, this.home, this.now));
  }

  /** Loads summaries so that row `index` and a page below it exist, then selects it (clamped). */
  private load(index: number): void {
    this.fill(index + this.widget.pageRows + 1);
    this.widget.select(index);
  }

  private filter(query: string): void {
    this.list.setQuery(query);
    this.widget.query = query;
    this.widget.rows = [];
    this.load(0);
  }

  handle(r: ResolvedAction): OverlayResult {
    const at = this.widget.selected;
    const page = this.widget.pageRows;
    if (!isModeAction('resume', r.action)) return 'handled';
    switch (r.action) {
      case 'resume_type': this.filter(this.list.query + (r.text ?? '')); return 'handled';
      case 'resume_erase': this.filter([...this.list.query].slice(0, -1).join('')); return 'handled';
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
        // Enter on an empty (filtered) list does nothing rather than start over.
        if (!s && this.list.query) return 'handled';
        this.done(s ? { type: 'resume', path: s.path } : { type: 'new' });
        return 'close';
      }
      case 'resume_new':
        if (this.list.query) {
          this.filter('');
          return 'handled';
        }
        this.done({ type: 'new' });
        return 'close';
      case 'resume_quit': this.done({ type: 'quit' }); return 'close';
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }
}

/**
 * Shows the picker over the app; resolves with the user's choice. `inSession`:
 * opened with /resume, so Esc and Ctrl+C keep the current session (the hint says so).
 */
export function pickSession(app: TuiApp, codexHome: string, inSession = false): Promise<SessionChoice> {
  return new Promise((resolve) => {
    app.pushOverlay(new SessionPickerOverlay(new SessionList(codexHome), resolve, process.env.HOME, inSession ? SWITCH_HINT : START_HINT));
  });
}
