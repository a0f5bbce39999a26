// Up/Down recall (reference §3.1): persistent entries from history.jsonl
// (fetched lazily by offset, newest last) followed by this session's entries.
// Recall starts only from an empty composer or from text that is exactly the
// entry last recalled; Down past the newest entry gives an empty composer.

export type HistoryFetch = (offset: number) => string | undefined;

export class ComposerHistory {
  private local: string[] = [];
  private persistentCount = 0;
  private fetch: HistoryFetch = () => undefined;
  private cache = new Map<number, string>();
  /** Index into [persistent..., local...] of the entry shown; undefined = not navigating. */
  private index: number | undefined;
  private lastRecalled: string | undefined;

  /** Called when the session reports history.jsonl's entry count. */
  setPersistent(count: number, fetch: HistoryFetch): void {
    this.persistentCount = count;
    this.fetch = fetch;
    this.cache.clear();
  }

  /** Records a submission of this session. */
  push(text: string): void {
    if (text && this.local[this.local.length - 1] !== text) this.local.push(text);
    this.reset();
  }

  reset(): void {
    this.index = undefined;
    this.lastRecalled = undefined;
  }

  /** Whether Up/Down should navigate history for the composer's current state. */
  shouldNavigate(text: string, cursor: number): boolean {
    if (text === '') return true;
    return text === this.lastRecalled && (cursor === 0 || cursor === text.length);
  }

  private get size(): number {
    return this.persistentCount + this.local.length;
  }

  private entry(i: number): string | undefined {
    if (i >= this.persistentCount) return this.local[i - this.persistentCount];
    let t = this.cache.get(i);
    if (t === undefined) {
      t = this.fetch(i);
      if (t !== undefined) this.cache.set(i, t);
    }
    return t;
  }

  /** Older entry, or undefined at the oldest. Unreadable entries are skipped. */
  prev(): string | undefined {
    let i = this.index ?? this.size;
    while (i > 0) {
      i--;
      const t = this.entry(i);
      if (t !== undefined) {
        this.index = i;
        this.lastRecalled = t;
        return t;
      }
    }
    return undefined;
  }

  /** Newer entry; past the newest, '' (and navigation ends). Undefined when not navigating. */
  next(): string | undefined {
    if (this.index === undefined) return undefined;
    let i = this.index;
    while (i < this.size - 1) {
      i++;
      const t = this.entry(i);
      if (t !== undefined) {
        this.index = i;
        this.lastRecalled = t;
        return t;
      }
    }
    this.reset();
    return '';
  }
}
