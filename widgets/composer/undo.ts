// Undo and redo as a pure structure: the states before each edit, newest
// last. An edit that continues the previous one (typing on from where the
// last character went) joins its group, so one undo takes back a whole run
// of typing. Any new edit clears what could be redone.

export class UndoStack<T> {
  private done: T[] = [];
  private undone: T[] = [];
  private group: string | undefined;

  constructor(private readonly limit = 200) {}

  /**
   * `before`: the state before an edit. With the `group` of the previous
   * record the edit joins it and nothing is recorded; `undefined` always
   * starts a new step.
   */
  record(before: T, group?: string): void {
    this.undone = [];
    if (group !== undefined && group === this.group) return;
    this.group = group;
    this.done.push(before);
    if (this.done.length > this.limit) this.done.shift();
  }

  /** The state before the last step, `current` kept for redo; undefined when there is nothing to undo. */
  undo(current: T): T | undefined {
    const prev = this.done.pop();
    if (prev === undefined) return undefined;
    this.undone.push(current);
    this.group = undefined;
    return prev;
  }

  /** The state the last undo left, `current` kept for undo; undefined when there is nothing to redo. */
  redo(current: T): T | undefined {
    const next = this.undone.pop();
    if (next === undefined) return undefined;
    this.done.push(current);
    this.group = undefined;
    return next;
  }

  /** The next edit starts a new step even if it continues the last. */
  seal(): void {
    this.group = undefined;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.group = undefined;
  }
}
