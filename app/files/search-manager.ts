// Drives searches for the `@` picker: 100 ms debounce, at most one search in
// flight, and only the answer for the latest query is delivered. A query typed
// while a search runs waits for it, then runs once with the newest text.
import type { FileMatch } from './fuzzy.js';

export interface Searcher {
  readonly ready: boolean;
  search(query: string, limit?: number): Promise<FileMatch[]>;
}

export type SearchUpdate =
  | { readonly kind: 'loading'; readonly query: string }
  | { readonly kind: 'results'; readonly query: string; readonly matches: FileMatch[] };

export class FileSearchManager {
  private latest: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;

  constructor(
    private readonly index: Searcher,
    private readonly onUpdate: (u: SearchUpdate) => void,
    private readonly debounceMs = 100,
  ) {}

  /** A new query from the composer; an empty one cancels. */
  setQuery(query: string): void {
    this.latest = query || undefined;
    clearTimeout(this.timer);
    if (!query) return;
    if (!this.index.ready) this.onUpdate({ kind: 'loading', query });
    this.timer = setTimeout(() => void this.run(), this.debounceMs);
  }

  cancel(): void {
    this.latest = undefined;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    if (this.inFlight || this.latest === undefined) return;
    const query = this.latest;
    this.inFlight = true;
    try {
      const matches = await this.index.search(query);
      if (query === this.latest) this.onUpdate({ kind: 'results', query, matches });
    } finally {
      this.inFlight = false;
    }
    if (this.latest !== undefined && this.latest !== query) await this.run();
  }
}
