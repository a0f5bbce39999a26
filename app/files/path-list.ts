// The paths the `@` picker searches, kept as fuzzy.ts wants them: sorted (so
// that index order is path order and ties need no sorting per query) with a
// lower-cased twin. A build appends batch after batch, in order (then the list
// stays sorted); a batch out of order leaves it unsorted, and a search meanwhile
// takes the list as it is (unsorted: fuzzy.ts breaks ties by comparing paths),
// lower-casing only the paths added since the last search. The background
// work sorts a copy and lower-cases it a slice at a time once the tree is
// read (settle), and swaps it in whole. A few paths arriving later are put in
// place; a removed directory is one contiguous range.
import type { PreparedPaths } from './fuzzy.js';
import { lowerBound, type TreeSink } from './dir-tree.js';
import { SlicedSort } from './sliced-sort.js';

/** Up to this many new paths are inserted in place; more are appended and sorted in the background. */
const INSERT_IN_PLACE = 32;

export class PathList implements TreeSink {
  private paths: string[] = [];
  /** The lower-cased twin of `paths`, as far as a search needed it (all of it while sorted). */
  private lower: string[] = [];
  private sorted = true;
  /** While settle() works: the sort of a copy, then the sorted copy being lower-cased. */
  private sorting: SlicedSort | undefined;
  private next: { readonly paths: string[]; readonly lower: string[] } | undefined;
  /** Bumped on every change (the order included): whoever caches an answer can tell it is stale. */
  version = 0;

  get size(): number {
    return this.paths.length;
  }

  add(batch: readonly string[]): void {
    if (!batch.length) return;
    this.version++;
    // The build lists paths in order (dir-tree.ts): they go on the end, and the list stays sorted.
    if (this.sorted && follows(this.paths, batch)) {
      for (const p of batch) {
        this.paths.push(p);
        this.lower.push(p.toLowerCase());
      }
      return;
    }
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
    this.next = undefined;
  }

  /** Appends sorted paths that follow every path listed (a block of a loaded snapshot), with their lower-cased twins. */
  extend(paths: readonly string[], lower: readonly string[]): void {
    this.version++;
    appendAll(this.paths, paths);
    appendAll(this.lower, lower);
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
      this.next = undefined;
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

  /** The list for searchPaths as it stands: sorted once settled, else in the order listed (`ordered: false`). */
  prepared(): PreparedPaths {
    for (let i = this.lower.length; i < this.paths.length; i++) this.lower.push(this.paths[i]!.toLowerCase());
    return { paths: this.paths, lower: this.lower, ordered: this.sorted };
  }

  /**
   * Gets the list sorted in the background, a slice at a time until `done()`
   * says the slice is up: a sorted copy, then its lower-cased twin, swapped in
   * at the end. True when the list is sorted.
   */
  settle(done: () => boolean): boolean {
    if (this.sorted) return true;
    if (!this.next) {
      this.sorting ??= new SlicedSort(this.paths.slice());
      const sorted = this.sorting.step(done);
      if (!sorted) return false;
      this.sorting = undefined;
      this.next = { paths: sorted, lower: [] };
      if (done()) return false;
    }
    const { paths, lower } = this.next;
    while (lower.length < paths.length) {
      const end = Math.min(paths.length, lower.length + 1024);
      for (let i = lower.length; i < end; i++) lower.push(paths[i]!.toLowerCase());
      if (done()) break;
    }
    if (lower.length < paths.length) return false;
    this.swapIn(paths, lower);
    return true;
  }

  /** Sorts now (before a removal, which finds paths by bisection), finishing what settle() began. */
  private sort(): void {
    if (this.sorted) return;
    const paths = this.next?.paths ?? (this.sorting ? this.sorting.step(() => false)! : this.paths.slice().sort());
    const lower = this.next?.lower ?? [];
    for (let i = lower.length; i < paths.length; i++) lower.push(paths[i]!.toLowerCase());
    this.swapIn(paths, lower);
  }

  private swapIn(paths: string[], lower: string[]): void {
    this.paths = paths;
    this.lower = lower;
    this.sorted = true;
    this.sorting = undefined;
    this.next = undefined;
    this.version++; // the order changed: indices into the old one are void
  }
}

/** Whether `batch` is ascending and starts after the last of `paths`. */
function follows(paths: readonly string[], batch: readonly string[]): boolean {
  if (paths.length && !(paths[paths.length - 1]! < batch[0]!)) return false;
  for (let i = 1; i < batch.length; i++) if (!(batch[i - 1]! < batch[i]!)) return false;
  return true;
}

/** How many elements one push() takes as arguments: a block of a damaged listing may hold any number, and too many overflow the stack. */
const PUSH_CHUNK = 4096;

/**
 * Appends `items` to `to` a chunk at a time through push()'s arguments: one
 * built-in call per chunk, where a loop of pushes ran in the interpreter over
 * a loaded listing's 100,000 paths before the engine optimised it.
 */
export function appendAll<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i += PUSH_CHUNK) to.push(...(i === 0 && items.length <= PUSH_CHUNK ? items : items.slice(i, i + PUSH_CHUNK)));
}
