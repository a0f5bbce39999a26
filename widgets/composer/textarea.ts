// The composer's text model: a string and a caret (a string index on a grapheme
// boundary), with the editing operations of the key table (reference §3.1)
// and of modal editing (motions, operators, undo; the positions come from
// motions.ts). Placeholders are atomic: Backspace/Delete next to one removes
// it whole. A large paste's label is swapped back for the real text on submit
// (`expanded()`); an attached image's label stays in the text, saying where
// it was attached, and `images()` lists the files still in the draft.
import {
  lineEndIndex, lineStartIndex, motionTarget, nextBoundary, operatorRange, prevBoundary, type Motion, type Operand, type Operator,
} from './motions.js';
import { UndoStack } from './undo.js';

export type Placeholder = { label: string } & ({ kind: 'paste'; text: string } | { kind: 'image'; path: string });

interface Snapshot { text: string; cursor: number; placeholders: Placeholder[] }

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

export class TextArea {
  text = '';
  cursor = 0;
  private killBuffer = '';
  placeholders: Placeholder[] = [];
  private readonly undoStack = new UndoStack<Snapshot>();
  /** Where the last typed text ended: typing on from there joins its undo step. */
  private typingEnd: number | undefined;

  /** Replaces the draft (history recall, a cleared composer): a new draft, with nothing to undo. */
  setText(text: string, cursor = text.length): void {
    this.text = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    this.placeholders = this.placeholders.filter((p) => text.includes(p.label));
    this.undoStack.clear();
    this.typingEnd = undefined;
  }

  private snapshot(): Snapshot {
    return { text: this.text, cursor: this.cursor, placeholders: [...this.placeholders] };
  }

  private restore(s: Snapshot | undefined): void {
    if (!s) return;
    ({ text: this.text, cursor: this.cursor } = s);
    this.placeholders = s.placeholders;
    this.typingEnd = undefined;
  }

  undo(): void {
    this.restore(this.undoStack.undo(this.snapshot()));
  }

  redo(): void {
    this.restore(this.undoStack.redo(this.snapshot()));
  }

  /** Typing stops here (vim leaves insert mode): the next insert is a new undo step. */
  sealUndo(): void {
    this.undoStack.seal();
    this.typingEnd = undefined;
  }

  isEmpty(): boolean {
    return this.text.length === 0;
  }

  insert(s: string): void {
    if (this.typingEnd !== this.cursor) this.undoStack.seal();
    this.undoStack.record(this.snapshot(), 'typing');
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
    this.typingEnd = this.cursor;
  }

  /** Inserts a placeholder (its `[label]` made unique with ` #2`, ` #3` …). */
  insertPlaceholder(p: Placeholder): void {
    let label = p.label;
    for (let n = 2; this.placeholders.some((q) => q.label === label); n++) label = `${p.label.slice(0, -1)} #${n}]`;
    this.placeholders.push({ ...p, label });
    this.insert(label);
  }

  /** The text with every pasted-content placeholder replaced by what it stands for. */
  expanded(): string {
    let out = this.text;
    for (const p of this.placeholders) if (p.kind === 'paste') out = out.replace(p.label, () => p.text);
    return out;
  }

  /** The attached images still in the text, in the order they appear. */
  images(): string[] {
    return this.placeholders
      .flatMap((p) => (p.kind === 'image' ? [{ at: this.text.indexOf(p.label), path: p.path }] : []))
      .sort((a, b) => a.at - b.at)
      .map((p) => p.path);
  }

  private remove(from: number, to: number, kill: boolean, group?: string): void {
    if (to <= from) return;
    if (group === undefined) this.undoStack.seal();
    this.undoStack.record(this.snapshot(), group);
    this.typingEnd = undefined;
    if (kill) this.killBuffer = this.text.slice(from, to);
    this.text = this.text.slice(0, from) + this.text.slice(to);
    this.cursor = from;
    this.placeholders = this.placeholders.filter((p) => this.text.includes(p.label));
  }

  deleteBackward(): void {
    const p = this.placeholders.find((ph) => this.text.slice(0, this.cursor).endsWith(ph.label));
    this.remove(p ? this.cursor - p.label.length : prevBoundary(this.text, this.cursor), this.cursor, false);
  }

  /** Removes `[from, to)` (the paste burst taking back characters it buffers). */
  deleteRange(from: number, to: number): void {
    this.remove(from, to, false);
  }

  deleteForward(): void {
    const p = this.placeholders.find((ph) => this.text.startsWith(ph.label, this.cursor));
    this.remove(this.cursor, p ? this.cursor + p.label.length : nextBoundary(this.text, this.cursor), false);
  }

  left(): void { this.cursor = prevBoundary(this.text, this.cursor); }
  right(): void { this.cursor = nextBoundary(this.text, this.cursor); }

  private wordStartBefore(i: number): number {
    let j = i;
    while (j > 0 && isSpace(this.text[j - 1])) j--;
    while (j > 0 && !isSpace(this.text[j - 1])) j--;
    return j;
  }

  private wordEndAfter(i: number): number {
    let j = i;
    while (j < this.text.length && isSpace(this.text[j])) j++;
    while (j < this.text.length && !isSpace(this.text[j])) j++;
    return j;
  }

  wordLeft(): void { this.cursor = this.wordStartBefore(this.cursor); }
  wordRight(): void { this.cursor = this.wordEndAfter(this.cursor); }
  deleteWordBackward(): void { this.remove(this.wordStartBefore(this.cursor), this.cursor, true); }
  deleteWordForward(): void { this.remove(this.cursor, this.wordEndAfter(this.cursor), true); }

  lineStartIndex(i = this.cursor): number { return lineStartIndex(this.text, i); }
  lineEndIndex(i = this.cursor): number { return lineEndIndex(this.text, i); }

  lineStart(): void { this.cursor = this.lineStartIndex(); }
  lineEnd(): void { this.cursor = this.lineEndIndex(); }

  /** Ctrl+U: kill to the start of the line (at the start: the newline before it). */
  killLineStart(): void {
    const start = this.lineStartIndex();
    this.remove(start === this.cursor ? Math.max(0, start - 1) : start, this.cursor, true);
  }

  /** Ctrl+K: kill to the end of the line (at the end: the newline after it). */
  killLineEnd(): void {
    const end = this.lineEndIndex();
    this.remove(this.cursor, end === this.cursor ? Math.min(this.text.length, end + 1) : end, true);
  }

  yank(): void {
    if (this.killBuffer) this.insert(this.killBuffer);
  }

  // ── modal editing ────────────────────────────────────────────────────────

  move(motion: Motion, count = 1): void {
    this.cursor = motionTarget(this.text, this.cursor, motion, count);
  }

  /** An operator over a motion or text object from the caret (vim dw, ciw, dd); what goes can be yanked. */
  operate(op: Operator, what: Operand, count = 1): void {
    const [from, to] = operatorRange(this.text, this.cursor, op, what, count);
    // A change and the text typed in its place are one undo step.
    if (op === 'change_to') this.undoStack.seal();
    this.remove(from, to, true, op === 'change_to' ? 'typing' : undefined);
    this.cursor = Math.min(from, this.text.length);
    if (op === 'change_to') this.typingEnd = this.cursor;
  }

  /** vim `a`: typing starts after the character under the caret. */
  insertAfter(): void {
    if (this.cursor < this.lineEndIndex()) this.right();
  }

  /** vim `I`: typing starts at the line's first non-blank character. */
  insertLineStart(): void {
    let i = this.lineStartIndex();
    const end = this.lineEndIndex();
    while (i < end && isSpace(this.text[i])) i++;
    this.cursor = i;
  }

  /** vim `o` / `O`: a new line below or above this one, the caret on it. */
  openLine(below: boolean): void {
    this.cursor = below ? this.lineEndIndex() : this.lineStartIndex();
    this.insert('\n');
    if (!below) this.cursor--;
    // Typing on the new line joins the step that opened it.
    this.typingEnd = this.cursor;
  }

  /** vim Esc: typing stops and the caret steps back onto the last character typed. */
  leaveInsert(): void {
    this.sealUndo();
    if (this.cursor > this.lineStartIndex()) this.left();
  }

  /** The caret on a character, never past a line's last one (vim normal mode). */
  clampToChar(): void {
    if (this.cursor === this.lineEndIndex() && this.cursor > this.lineStartIndex()) this.left();
  }

}
