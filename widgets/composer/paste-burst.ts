// Paste detection for terminals without bracketed paste (reference §3.1): a
// run of printable characters arriving at most 8 ms apart is a paste. From the
// third fast character on, characters are buffered (the two already inserted
// are taken back) and inserted as one paste once the stream pauses; an Enter
// less than 100 ms after the last character is a newline inside the paste, not
// a submit. Pure: the caller passes the time the input was read (not when it
// is handled, and never a timer's time, which runs late on a loaded machine),
// so an Enter typed 100 ms or more after the text always submits.

export const BURST_CHAR_INTERVAL_MS = 8;
export const BURST_MIN_CHARS = 3;
/** An Enter this soon after the burst's last character belongs to the paste; at or after it, it submits. */
export const BURST_ENTER_WINDOW_MS = 100;

export class PasteBurst {
  private lastAt = -Infinity;
  private run = 0;
  private buffer: string | null = null;

  /**
   * Feeds one typed character. Returns 'insert' (type it normally),
   * 'buffer' (held in the burst), or a number n: the burst just began and the
   * caller must remove the n characters it inserted before this one (they are
   * now in the buffer).
   */
  onChar(ch: string, now: number, recent: string): 'insert' | 'buffer' | number {
    const fast = now - this.lastAt <= BURST_CHAR_INTERVAL_MS;
    this.lastAt = now;
    if (this.buffer !== null) {
      // Until the caller flushes after a pause, everything belongs to the burst.
      this.buffer += ch;
      return 'buffer';
    }
    this.run = fast ? this.run + 1 : 1;
    if (this.run >= BURST_MIN_CHARS) {
      const taken = recent.slice(-(this.run - 1));
      this.buffer = taken + ch;
      return taken.length;
    }
    return 'insert';
  }

  /** An Enter: true when it belongs to a burst (append a newline instead of submitting). */
  onEnter(now: number): boolean {
    if (this.buffer !== null && now - this.lastAt < BURST_ENTER_WINDOW_MS) {
      this.buffer += '\n';
      this.lastAt = now;
      return true;
    }
    return false;
  }

  /** A newline key (Ctrl+J, Shift+Enter) during a burst: true when it went into the buffer, in order. */
  onNewline(now: number): boolean {
    if (this.buffer === null) return false;
    this.buffer += '\n';
    this.lastAt = now;
    return true;
  }

  get active(): boolean {
    return this.buffer !== null;
  }

  /** The buffered paste once the stream has paused (or `force`), else undefined. */
  flush(now: number, force = false): string | undefined {
    if (this.buffer === null) return undefined;
    if (!force && now - this.lastAt <= BURST_CHAR_INTERVAL_MS * 2) return undefined;
    const text = this.buffer;
    this.buffer = null;
    this.run = 0;
    return text;
  }

  /** Any non-character key ends a run of fast characters. */
  interrupt(): void {
    this.run = 0;
  }
}
