// The paths the `@` picker searches, kept as fuzzy.ts wants them: sorted (so
// that index order is path order and ties need no sorting per query) with a
// lower-cased twin. A build appends batch after batch; the background work
// sorts them a slice at a time once the tree is read (settle), and a search
// that comes first finishes the sort itself. A few paths arriving later
// are put in place; a removed directory is one contiguous range.
import type { PreparedPaths } from './fuzzy.js';
import type { TreeSink } from './dir-tree.js';
import { SlicedSort } from './sliced-sort.js';

/** Up to this many new paths are inserted in place; more are appended and sorted on the next search. */
const INSERT_IN_PLACE = 32;

export class PathList implements TreeSink {
  private paths: string[] = [];
  private lower: string[] = [];
  private sorted = true;
  /** While settle() sorts: the sort so far (on a copy: `paths` stays whole for add()). */
  private sorting: SlicedSort | undefined;
  /** While settle() works: how many of the sorted paths have their lower-case twin; -1 otherwise. */
  private lowered = -1;
  /** Bumped on every change: whoever caches an answer can tell it is stale. */
  version = 0;

  get size(): number {
    return this.paths.length;
  }

  add(batch: readonly string[]): void {
    if (!batch.length) return;
    this.version++;
    if (this.sorted && batch.length <= INSERT_IN_PLACE) {
      for (const p of batch) {
        const at = lowerBound(this.paths, p);
        if (this.paths[at] === p) continue;
        this.paths.splice(at, 0, p);
        this.lower.splice(at, 0, p.toLowerCase());
      }
      return;
    }
    for (const p of batch) this.paths.push(p);
    this.sorted = false;
    this.sorting = undefined;
    this.lowered = -1;
  }

  remove(path: string): void {
    this.sort();
    const at = lowerBound(this.paths, path);
    if (this.paths[at] !== path) return;
    this.version++;
    this.paths.splice(at, 1);
    this.lower.splice(at, 1);
  }

  removeUnder(rel: string): void {
    this.version++;
    if (!rel) {
      this.paths = [];
      this.lower = [];
      this.sorted = true;
      this.sorting = undefined;
      this.lowered = -1;
      return;
    }
    this.sort();
    const prefix = `${rel}/`;
    const from = lowerBound(this.paths, prefix);
    let to = from;
    while (to < this.paths.length && this.paths[to]!.startsWith(prefix)) to++;
    this.paths.splice(from, to - from);
    this.lower.splice(from, to - from);
  }

  /** The list ready for searchPaths: the same arrays preparePaths would make from these paths. */
  prepared(): PreparedPaths {
    this.sort();
    return { paths: this.paths, lower: this.lower };
  }

  /**
   * Gets the list ready for searching in the background, a slice at a time
   * until `done()` says the slice is up: the sort, then the lower-cased twin.
   * True when it is ready.
   */
  settle(done: () => boolean): boolean {
    if (this.sorted) return true;
    if (this.lowered < 0) {
      this.sorting ??= new SlicedSort(this.paths.slice());
      const sorted = this.sorting.step(done);
      if (!sorted) return false;
      this.paths = sorted;
      this.sorting = undefined;
      this.lower = new Array<string>(this.paths.length);
      this.lowered = 0;
      if (done()) return false;
    }
    while (this.lowered < this.paths.length) {
      const end = Math.min(this.paths.length, this.lowered + 1024);
      for (let i = this.lowered; i < end; i++) this.lower[i] = this.paths[i]!.toLowerCase();
      this.lowered = end;
      if (done()) break;
    }
    if (this.lowered < this.paths.length) return false;
    this.sorted = true;
    this.lowered = -1;
    return true;
  }

  private sort(): void {
    if (this.sorted) return;
    // A sort settle() began is finished rather than started over.
    if (this.lowered < 0) this.paths = this.sorting ? this.sorting.step(() => false)! : this.paths.sort();
    this.sorting = undefined;
    this.lower = this.paths.map((p) => p.toLowerCase());
    this.sorted = true;
    this.lowered = -1;
  }
}

/** The first index whose path is not below `p` (the array is sorted). */
function lowerBound(paths: readonly string[], p: string): number {
  let lo = 0;
  let hi = paths.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paths[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
