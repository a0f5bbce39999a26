// A command's output as lines, kept up to a cap: the live transcript shows its
// last few lines, the transcript view (Ctrl+T) all of them. Past the cap the
// oldest lines go and are counted, so a flood costs bounded memory and each
// chunk costs only its own length (no re-splitting of what came before).

/** Characters kept per command, as the shell tool keeps at most 1 MiB of output. */
export const OUTPUT_CAP = 1024 * 1024;

export class OutputLines {
  /** Kept lines from `head` on; the last one is still open (no newline yet). */
  private lines: string[] = [''];
  private head = 0;
  private chars = 0;
  /** Lines let go from the front. */
  dropped = 0;

  constructor(text = '', private readonly cap = OUTPUT_CAP) {
    if (text) this.append(text);
  }

  append(chunk: string): void {
    const parts = chunk.split('\n');
    this.lines[this.lines.length - 1] += parts[0]!;
    for (let i = 1; i < parts.length; i++) this.lines.push(parts[i]!);
    this.chars += chunk.length;
    while (this.chars > this.cap && this.head < this.lines.length - 1) {
      this.chars -= this.lines[this.head]!.length + 1;
      this.head++;
      this.dropped++;
    }
    // One line longer than the cap on its own keeps its end.
    const last = this.lines.length - 1;
    if (this.chars > this.cap) {
      this.lines[last] = this.lines[last]!.slice(-this.cap);
      this.chars = this.lines[last]!.length;
    }
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }

  /** Index past the last kept line that is not empty (trailing blank lines are not output worth a row). */
  private end(): number {
    let end = this.lines.length;
    while (end > this.head && this.lines[end - 1] === '') end--;
    return end;
  }

  /** Kept lines, trailing blank ones left out. */
  get count(): number {
    return this.end() - this.head;
  }

  /** The last `n` kept lines. */
  tail(n: number): string[] {
    const end = this.end();
    return this.lines.slice(Math.max(this.head, end - n), end);
  }

  all(): string[] {
    return this.lines.slice(this.head, this.end());
  }
}
