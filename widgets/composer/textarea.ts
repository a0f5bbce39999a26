// The composer's text model: a string and a caret (a string index on a grapheme
// boundary), with the editing operations of the key table (reference §3.1).
// Placeholders are atomic: Backspace/Delete next to one removes it whole. A
// large paste's label is swapped back for the real text on submit
// (`expanded()`); an attached image's label stays in the text, saying where
// it was attached, and `images()` lists the files still in the draft.
export type Placeholder = { label: string } & ({ kind: 'paste'; text: string } | { kind: 'image'; path: string });

const segmenter = new Intl.Segmenter();

function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  let last = 0;
  for (const s of segmenter.segment(text.slice(Math.max(0, i - 64), i))) last = s.index;
  return Math.max(0, i - 64) + last;
}

function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const seg = segmenter.segment(text.slice(i, i + 64))[Symbol.iterator]().next();
  return seg.done ? text.length : i + seg.value.segment.length;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

export class TextArea {
  text = '';
  cursor = 0;
  private killBuffer = '';
  placeholders: Placeholder[] = [];

  setText(text: string, cursor = text.length): void {
    this.text = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    this.placeholders = this.placeholders.filter((p) => text.includes(p.label));
  }

  isEmpty(): boolean {
    return this.text.length === 0;
  }

  insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
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

  private remove(from: number, to: number, kill: boolean): void {
    if (to <= from) return;
    if (kill) this.killBuffer = this.text.slice(from, to);
    this.text = this.text.slice(0, from) + this.text.slice(to);
    this.cursor = from;
    this.placeholders = this.placeholders.filter((p) => this.text.includes(p.label));
  }

  deleteBackward(): void {
    const p = this.placeholders.find((ph) => this.text.slice(0, this.cursor).endsWith(ph.label));
    this.remove(p ? this.cursor - p.label.length : prevBoundary(this.text, this.cursor), this.cursor, false);
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

  lineStartIndex(i = this.cursor): number { return this.text.lastIndexOf('\n', i - 1) + 1; }
  lineEndIndex(i = this.cursor): number {
    const n = this.text.indexOf('\n', i);
    return n < 0 ? this.text.length : n;
  }

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

}
