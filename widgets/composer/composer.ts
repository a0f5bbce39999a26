// The composer: a multi-line input with the key table of reference §3.1,
// history recall, bracketed paste (a placeholder over 1000 characters) and
// paste-burst detection. It receives named actions from the keymap machine,
// never raw keys, and draws a rule, a `› ` prompt and the wrapped text.
import { ComposerHistory } from './history.js';
import { caretPosition, indexAt, layoutRows, type VisualRow } from './layout.js';
import { isTextObject, MOTIONS, OPERATORS, TEXT_OBJECTS, type Motion, type Operand, type Operator } from './motions.js';
import { PasteBurst } from './paste-burst.js';
import { TextArea, type Placeholder } from './textarea.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

export const LARGE_PASTE_CHARS = 1000;
export const COMPOSER_MAX_ROWS = 8;
const PROMPT = '› ';

/**
 * A draft taken out of the composer: what it sends (`text`, large pastes
 * expanded, and the images attached to it, in order) and, for putting it
 * back to edit, the text as typed with its placeholders.
 */
export interface Draft { text: string; images: string[]; typed: string; placeholders: Placeholder[] }

/** A submitted draft: what it sends, and what puts it back if it cannot be sent. */
export type ComposerOutcome = { type: 'submit'; draft: Draft } | { type: 'edited' } | { type: 'unchanged' };

/** An image a paste names: attach it (its placeholder label and file), or it was refused (the caller said why). */
export type PastedImage = { label: string; path: string } | 'refused';

const S = {
  rule: { fg: 'border' } as Style,
  prompt: { fg: 'accent', bold: true } as Style,
  text: { fg: 'text' } as Style,
  placeholder: { fg: 'placeholder', italic: true } as Style,
};

export interface ComposerOptions {
  disablePasteBurst?: boolean;
  placeholder?: string;
  /** No rule above the text: the field of a prompt that draws its own frame. */
  bare?: boolean;
  /** Whether pasted text is the path of an image to attach (undefined: it is text). */
  pastedImage?: (text: string) => PastedImage | undefined;
}

/**
 * The edits the composer applies. Widgets do not import the keymap, so the
 * TUI checks at compile time that the keymap's edit actions are exactly these
 * (app/tui/app.ts): an action added on one side only fails the typecheck.
 */
export type ComposerEdit =
  | 'insert_text' | 'paste' | 'submit' | 'newline' | 'history_prev_or_up' | 'history_next_or_down' | 'line_start' | 'line_end'
  | 'char_left' | 'char_right' | 'word_left' | 'word_right' | 'delete_word_backward' | 'delete_word_forward' | 'kill_line_start'
  | 'kill_line_end' | 'yank' | 'delete_backward' | 'delete_forward'
  // Modal editing: motions by word class, undo, where typing starts and stops, text objects.
  | 'word_next_start' | 'word_next_end' | 'word_prev_start' | 'undo' | 'redo' | 'insert_before' | 'insert_after' | 'append_line_end'
  | 'insert_line_start' | 'open_line_below' | 'open_line_above' | 'normal_mode' | 'inner_word' | 'a_word' | 'whole_line';

export class Composer implements Widget {
  readonly textarea = new TextArea();
  readonly history = new ComposerHistory();
  private readonly burst = new PasteBurst();
  private width = 80;
  private scroll = 0;
  private preferredCol: number | undefined;
  /** Hidden while a modal or pager owns the screen. */
  focused = true;
  /** The caret sits on a character, never past a line's last one (vim normal mode). */
  caretOnChar = false;
  /**
   * The terminal has bracketed paste (it answered the mode query, or sent a
   * paste): pastes come as paste events, so typed characters are never taken
   * for a paste burst and Enter always submits.
   */
  bracketedPaste = false;

  constructor(private readonly opts: ComposerOptions = {}) {}

  get text(): string {
    return this.textarea.text;
  }

  isEmpty(): boolean {
    return this.textarea.isEmpty() && !this.burst.active;
  }

  setText(text: string): void {
    this.textarea.placeholders = [];
    this.textarea.setText(text);
    this.history.reset();
  }

  /** Ctrl+C on a draft: empties the composer; the draft stays in this session's history (Up brings it back). */
  clear(now: number): void {
    const pending = this.burst.flush(now, true);
    if (pending !== undefined) this.paste(pending);
    this.history.push(this.textarea.text);
    this.setText('');
    this.scroll = 0;
  }

  /**
   * Inserts pasted text; the path of an image attaches the image instead, and
   * over LARGE_PASTE_CHARS the text becomes a `[Pasted Content N chars]` placeholder.
   */
  paste(text: string): void {
    const clean = text.replace(/\r\n?/g, '\n');
    const image = this.opts.pastedImage?.(clean);
    const n = [...clean].length;
    if (image === 'refused') return;
    if (image) this.attachImage(image.label, image.path);
    else if (n > LARGE_PASTE_CHARS) this.textarea.insertPlaceholder({ kind: 'paste', label: `[Pasted Content ${n} chars]`, text: clean });
    else this.textarea.insert(clean);
    this.history.reset();
  }

  /** Takes the draft to send and empties the composer (the draft stays in the history); undefined when it is blank. */
  take(now: number): Draft | undefined {
    const ta = this.textarea;
    const pending = this.burst.flush(now, true);
    if (pending !== undefined) this.paste(pending);
    const text = ta.expanded().trim();
    if (!text) return undefined;
    const draft = { text, images: ta.images(), typed: ta.text, placeholders: ta.placeholders };
    this.history.push(ta.text);
    ta.placeholders = [];
    ta.setText('');
    this.scroll = 0;
    return draft;
  }

  /** Puts a taken draft back to edit, before what the composer holds (placeholders and images kept). */
  restore(draft: Draft): void {
    const ta = this.textarea;
    const rest = ta.text;
    const kept = ta.placeholders;
    ta.setText(rest ? `${draft.typed}\n${rest}` : draft.typed, draft.typed.length);
    ta.placeholders = [...kept, ...draft.placeholders];
    this.history.reset();
  }

  /** Attaches an image at the caret: its placeholder, then a space to go on typing. */
  attachImage(label: string, path: string): void {
    this.textarea.insertPlaceholder({ kind: 'image', label, path });
    this.textarea.insert(' ');
  }

  /** Ends a paste burst once typing pauses; true when the text changed. */
  tick(now: number): boolean {
    const text = this.burst.flush(now);
    if (text === undefined) return false;
    this.paste(text);
    return true;
  }

  /** Whether a paste burst is waiting for the stream to pause (the caller keeps ticking). */
  get burstPending(): boolean {
    return this.burst.active;
  }

  private get detectBursts(): boolean {
    return !this.opts.disablePasteBurst && !this.bracketedPaste;
  }

  /**
   * Applies a composer action; `now`: when its input was read, for paste-burst
   * timing; `count` repeats it; with an `operator` the action is the motion or
   * text object the operator acts on.
   */
  apply(action: ComposerEdit, text: string | undefined, now: number, how: { count?: number; operator?: string } = {}): ComposerOutcome {
    const ta = this.textarea;
    const before = ta.text;
    const beforeCursor = ta.cursor;
    if (action !== 'insert_text' && action !== 'submit' && action !== 'newline') {
      this.burst.interrupt();
      // A key that is not part of the burst applies after the characters buffered before it.
      const pending = this.burst.flush(now, true);
      if (pending !== undefined) this.paste(pending);
    }
    if (action !== 'history_prev_or_up' && action !== 'history_next_or_down') this.preferredCol = undefined;
    // A counted motion or an operator's operand: motions.ts computes where.
    const modal = (how.count !== undefined || how.operator !== undefined) && this.modal(action, how);
    if (!modal) switch (action) {
      case 'insert_text': {
        if (text === undefined) break;
        if (!this.detectBursts) {
          ta.insert(text);
          break;
        }
        const r = this.burst.onChar(text, now, ta.text.slice(0, ta.cursor));
        if (r === 'insert') ta.insert(text);
        else if (typeof r === 'number' && r > 0) ta.deleteRange(ta.cursor - r, ta.cursor);
        break;
      }
      case 'paste':
        if (text !== undefined) {
          const pending = this.burst.flush(now, true);
          if (pending !== undefined) this.paste(pending);
          this.paste(text);
        }
        break;
      case 'submit': {
        if (this.detectBursts && this.burst.onEnter(now)) return { type: 'unchanged' };
        const draft = this.take(now);
        return draft ? { type: 'submit', draft } : { type: 'unchanged' };
      }
      case 'newline': if (!this.burst.onNewline(now)) ta.insert('\n'); break;
      case 'history_prev_or_up': this.upDown(-1); break;
      case 'history_next_or_down': this.upDown(1); break;
      case 'line_start': ta.lineStart(); break;
      case 'line_end': ta.lineEnd(); break;
      case 'char_left': ta.left(); break;
      case 'char_right': ta.right(); break;
      case 'word_left': ta.wordLeft(); break;
      case 'word_right': ta.wordRight(); break;
      case 'delete_word_backward': ta.deleteWordBackward(); break;
      case 'delete_word_forward': ta.deleteWordForward(); break;
      case 'kill_line_start': ta.killLineStart(); break;
      case 'kill_line_end': ta.killLineEnd(); break;
      case 'yank': ta.yank(); break;
      case 'delete_backward': ta.deleteBackward(); break;
      case 'delete_forward': for (let n = how.count ?? 1; n > 0; n--) ta.deleteForward(); break;
      case 'undo': for (let n = how.count ?? 1; n > 0; n--) ta.undo(); break;
      case 'redo': for (let n = how.count ?? 1; n > 0; n--) ta.redo(); break;
      case 'insert_before': ta.sealUndo(); break;
      case 'insert_after': ta.sealUndo(); ta.insertAfter(); break;
      case 'append_line_end': ta.sealUndo(); ta.lineEnd(); break;
      case 'insert_line_start': ta.sealUndo(); ta.insertLineStart(); break;
      case 'open_line_below': ta.openLine(true); break;
      case 'open_line_above': ta.openLine(false); break;
      case 'normal_mode': ta.leaveInsert(); break;
      case 'word_next_start':
      case 'word_next_end':
      case 'word_prev_start':
      case 'inner_word':
      case 'a_word':
      case 'whole_line':
        // A motion; a text object is one only with an operator.
        this.modal(action, how);
        break;
      default: {
        const unhandled: never = action;
        return unhandled;
      }
    }
    if (this.caretOnChar) ta.clampToChar();
    if (ta.text !== before) {
      if (action !== 'history_prev_or_up' && action !== 'history_next_or_down') this.history.reset();
      return { type: 'edited' };
    }
    return ta.cursor !== beforeCursor ? { type: 'edited' } : { type: 'unchanged' };
  }

  // Motions (counted) and operators over a motion or a text object.
  private modal(action: string, how: { count?: number; operator?: string }): boolean {
    const operand = [...MOTIONS, ...TEXT_OBJECTS].find((m) => m === action) as Operand | undefined;
    const op = OPERATORS.find((o) => o === how.operator) as Operator | undefined;
    if (!operand) return false;
    if (op) this.textarea.operate(op, operand, how.count);
    else if (!isTextObject(operand)) this.textarea.move(operand as Motion, how.count);
    return true;
  }

  // Up/Down: history when the rules allow it, otherwise move a visual row.
  private upDown(dir: -1 | 1): void {
    const ta = this.textarea;
    if (this.history.shouldNavigate(ta.text, ta.cursor)) {
      const entry = dir < 0 ? this.history.prev() : this.history.next();
      if (entry !== undefined) {
        ta.placeholders = [];
        ta.setText(entry, dir < 0 ? 0 : entry.length);
        return;
      }
      if (ta.text === '') return;
    }
    const rows = this.rows(this.width);
    const pos = caretPosition(rows, ta.cursor, this.innerWidth(this.width));
    const col = this.preferredCol ?? pos.col;
    const target = pos.row + dir;
    if (target < 0) ta.cursor = 0;
    else if (target >= rows.length) ta.cursor = ta.text.length;
    else ta.cursor = indexAt(rows, target, col);
    this.preferredCol = col;
  }

  private innerWidth(width: number): number {
    return Math.max(1, width - PROMPT.length);
  }

  private layoutCache: { text: string; width: number; rows: VisualRow[] } | undefined;

  // measure, render and Up/Down all need the layout; it changes only with the text or width.
  private rows(width: number): VisualRow[] {
    const text = this.textarea.text;
    const inner = this.innerWidth(width);
    const c = this.layoutCache;
    if (c && c.text === text && c.width === inner) return c.rows;
    const rows = layoutRows(text, inner);
    this.layoutCache = { text, width: inner, rows };
    return rows;
  }

  measure(width: number): number {
    this.width = width;
    const rows = this.rows(width);
    const caret = caretPosition(rows, this.textarea.cursor, this.innerWidth(width));
    return this.ruleRows + Math.min(COMPOSER_MAX_ROWS, Math.max(rows.length, caret.row + 1));
  }

  private get ruleRows(): number {
    return this.opts.bare ? 0 : 1;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0 || area.width <= 0) return;
    this.width = area.width;
    if (this.ruleRows) surface.writeText(area.x, area.y, '─'.repeat(area.width), S.rule);
    const top = area.y + this.ruleRows;
    const textRows = area.height - this.ruleRows;
    if (textRows <= 0) return;
    const inner = this.innerWidth(area.width);
    surface.writeText(area.x, top, PROMPT, S.prompt, area.width);
    if (this.textarea.isEmpty() && !this.burst.active) {
      surface.writeText(area.x + PROMPT.length, top, this.opts.placeholder ?? 'Ask Codex to do anything', S.placeholder, inner);
      if (this.focused) surface.setCursor(area.x + PROMPT.length, top);
      return;
    }
    const rows = this.rows(area.width);
    const caret = caretPosition(rows, this.textarea.cursor, inner);
    // Keep the caret's row inside the visible window.
    if (caret.row < this.scroll) this.scroll = caret.row;
    if (caret.row >= this.scroll + textRows) this.scroll = caret.row - textRows + 1;
    this.scroll = Math.max(0, Math.min(this.scroll, Math.max(0, Math.max(rows.length, caret.row + 1) - textRows)));
    for (let i = 0; i < textRows; i++) {
      const row = rows[this.scroll + i];
      if (!row) break;
      const y = top + i;
      for (const c of row.cells) {
        surface.writeText(area.x + PROMPT.length + c.col, y, c.g.charCodeAt(0) < 0x20 ? ' ' : c.g, S.text, c.width);
      }
    }
    if (this.focused) surface.setCursor(area.x + PROMPT.length + caret.col, top + caret.row - this.scroll);
  }
}
