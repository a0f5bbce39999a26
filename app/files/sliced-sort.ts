// Sorts strings a slice at a time (the file index's list, in the background):
// runs of RUN strings are sorted by the engine, then merged pairwise, the run
// width doubling, until one run is left. Each step stops when `done()` says
// the slice is used up and carries on from there on the next call, so sorting
// 100,000 paths (~6–20 ms of CPU at once) never holds the event loop for long.
// The order is the engine's default sort order (UTF-16 code units).

const RUN = 1024;
/** How many strings are merged between looks at the clock. */
const CHECK_EVERY = 2048;

export class SlicedSort {
  private from: string[];
  private to: string[];
  /** 0 while runs are sorted; then the width of the runs being merged. */
  private width = 0;
  /** Where the next run (or pair of runs) starts. */
  private lo = 0;
  /** Progress inside the pair being merged: the next of each run, and where it goes. */
  private i = -1;
  private j = 0;
  private k = 0;

  constructor(items: string[]) {
    this.from = items;
    this.to = new Array<string>(items.length);
  }

  /** Works until `done()`; the sorted strings once finished, else undefined. */
  step(done: () => boolean): string[] | undefined {
    const n = this.from.length;
    while (this.width === 0) {
      if (this.lo >= n) {
        this.width = RUN;
        this.lo = 0;
        break;
      }
      const end = Math.min(n, this.lo + RUN);
      const run = this.from.slice(this.lo, end).sort();
      for (let x = 0; x < run.length; x++) this.from[this.lo + x] = run[x]!;
      this.lo = end;
      if (done()) return undefined;
    }
    while (this.width < n) {
      if (this.lo >= n) {
        [this.from, this.to] = [this.to, this.from];
        this.width *= 2;
        this.lo = 0;
        continue;
      }
      this.merge(n);
      if (done()) return undefined;
    }
    return this.from;
  }

  /** Merges the pair of runs at `lo`, or the next CHECK_EVERY strings of it. */
  private merge(n: number): void {
    const { from, to } = this;
    const mid = Math.min(n, this.lo + this.width);
    const hi = Math.min(n, this.lo + 2 * this.width);
    if (this.i < 0) {
      this.i = this.lo;
      this.j = mid;
      this.k = this.lo;
    }
    let { i, j, k } = this;
    const stop = k + CHECK_EVERY;
    while (k < hi && k < stop) {
      if (j >= hi || (i < mid && from[i]! <= from[j]!)) to[k++] = from[i++]!;
      else to[k++] = from[j++]!;
    }
    this.i = i;
    this.j = j;
    this.k = k;
    if (k < hi) return;
    this.i = -1;
    this.lo = hi;
  }
}
