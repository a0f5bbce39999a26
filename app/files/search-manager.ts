// Drives searches for the `@` picker: at most one search in flight, and only
// the answer for the latest query is delivered. A query typed while a search
// runs waits for it, then runs once with the newest text. A key is searched
// at once when typing had paused before it (no key for the debounce, 100 ms:
// the popup's first key, and each key of someone typing at a normal pace);
// keys typed faster wait until typing pauses, and only while searches are
// slow: once the index is complete and a search took under a frame
// (FAST_MS), every key is searched at once, before the key's own frame. The
// debounce spares searches of keys typed in a burst; it used to hold every
// key after a slow search (the first key's scan of the whole list is the
// slow one), so the second key waited 100 ms though it came after a pause.
// While the index is still being built, answers come from what it holds so
// far (an empty one keeps "loading…" up), and the query runs again, at once,
// when the index reports a change, so the popup fills in as the build goes.
import type { FileMatch } from './fuzzy.js';

/** A search this quick needs no debounce before the next one. */
const FAST_MS = 16;

export interface Searcher {
  /** True once the index is complete. */
  readonly ready: boolean;
  search(query: string, limit?: number): Promise<FileMatch[]>;
  /** Starts building in the background (an index that builds itself). */
  start?(): void;
  /** A popup opened: the index catches up with what changed since it last looked. */
  revalidate?(): void;
  /** Calls `listener` when the indexed paths changed; returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

export type SearchUpdate =
  | { readonly kind: 'loading'; readonly query: string }
  | { readonly kind: 'results'; readonly query: string; readonly matches: FileMatch[] };

export class FileSearchManager {
  private latest: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private again = false;
  /** When the last key came (its query set). */
  private keyAt = Number.NEGATIVE_INFINITY;
  /** Whether the last search was measured under a frame on the complete index. */
  private measuredFast = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly index: Searcher,
    private readonly onUpdate: (u: SearchUpdate) => void,
    private readonly debounceMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {
    // A change of the index is no key: the query runs again at once (the index spaces its notices).
    this.unsubscribe = index.onChange?.(() => this.schedule()) ?? (() => undefined);
    index.revalidate?.();
  }

  /** A new query from the composer; an empty one cancels. */
  setQuery(query: string): void {
    this.latest = query || undefined;
    clearTimeout(this.timer);
    if (!query) return;
    if (!this.index.ready) this.onUpdate({ kind: 'loading', query });
    const at = this.now();
    const paused = at - this.keyAt >= this.debounceMs;
    this.keyAt = at;
    this.schedule(paused || this.measuredFast ? 0 : this.debounceMs);
  }

  cancel(): void {
    this.latest = undefined;
    clearTimeout(this.timer);
  }

  /** Cancels and stops listening to the index (the popup closed). */
  dispose(): void {
    this.cancel();
    this.unsubscribe();
  }

  private schedule(delay = 0): void {
    if (this.latest === undefined) return;
    clearTimeout(this.timer);
    // After a search that took under a frame, the next runs before the key's
    // frame is painted: one frame shows the key and its answer, not two.
    if (delay === 0 && this.measuredFast) queueMicrotask(() => void this.run());
    else this.timer = setTimeout(() => void this.run(), delay);
  }

  private async run(): Promise<void> {
    if (this.latest === undefined) return;
    if (this.inFlight) {
      this.again = true; // the query changed, or the index did: run once more when this one is done
      return;
    }
    const query = this.latest;
    this.inFlight = true;
    this.again = false;
    try {
      const started = this.now();
      const matches = await this.index.search(query);
      this.measuredFast = this.index.ready && this.now() - started <= FAST_MS;
      // Nothing found in a partial index is not "no matches" yet.
      if (query === this.latest && (matches.length > 0 || this.index.ready)) this.onUpdate({ kind: 'results', query, matches });
    } finally {
      this.inFlight = false;
    }
    if (this.again) await this.run();
  }
}
