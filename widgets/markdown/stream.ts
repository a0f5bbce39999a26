// A growing markdown document (an assistant answer arriving as deltas).
// Finished blocks are parsed once and rendered once per width; each append
// re-parses and re-renders only the trailing open block. A block counts as
// finished once another block has started after it on a complete line, since
// no later text can change it then.
import type { Line } from '../base/types.js';
import { type Block, parseBlocks } from './blocks.js';
import { gapBefore, renderBlock, renderBlocks } from './render.js';

interface WidthCache {
  /** Rows of the first `count` finished blocks. */
  rows: Line[];
  count: number;
}

/** Turns a rendered row into the row shown (a cell's bullet, indent, dimming); cached with it. */
export type RowDecorator = (row: Line, index: number) => Line;

export class MarkdownDocument {
  private source = '';
  /** Complete lines (each ended by '\n') and the unfinished last line. */
  private lines: string[] = [];
  private partial = '';
  private done: Block[] = [];
  private open: Block[] = [];
  private caches = new Map<number, WidthCache>();

  constructor(text = '', private readonly decorate: RowDecorator = (row) => row) {
    if (text) this.append(text);
  }

  get text(): string {
    return this.source;
  }

  append(delta: string): void {
    if (!delta) return;
    this.source += delta;
    const parts = (this.partial + delta).split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) this.lines.push(p.replace(/\r$/, ''));
    this.reparseTail();
  }

  /** Replaces the whole text (e.g. the final message differs from the deltas). */
  setText(text: string): void {
    if (text === this.source) return;
    if (text.startsWith(this.source)) {
      this.append(text.slice(this.source.length));
      return;
    }
    this.source = '';
    this.lines = [];
    this.partial = '';
    this.done = [];
    this.open = [];
    this.caches.clear();
    this.append(text);
  }

  private reparseTail(): void {
    const from = this.done[this.done.length - 1]?.end ?? 0;
    const all = this.partial ? [...this.lines.slice(from), this.partial] : this.lines.slice(from);
    const parsed = parseBlocks(all, 0, this.done[this.done.length - 1]).map((b) => ({
      ...b,
      start: b.start + from,
      end: b.end + from,
    }));
    const complete = this.lines.length;
    let k = 0;
    while (k + 1 < parsed.length && parsed[k + 1]!.start < complete) k++;
    this.done.push(...parsed.slice(0, k));
    this.open = parsed.slice(k);
  }

  /** All rows at `width`, decorated; finished blocks come from the cache. */
  render(width: number): Line[] {
    let cache = this.caches.get(width);
    if (!cache) {
      // Keep only the most recent widths: a resize makes the old ones useless.
      if (this.caches.size >= 2) this.caches.delete(this.caches.keys().next().value!);
      cache = { rows: [], count: 0 };
      this.caches.set(width, cache);
    }
    for (; cache.count < this.done.length; cache.count++) {
      const b = this.done[cache.count]!;
      if (gapBefore(this.done[cache.count - 1], b)) cache.rows.push(this.decorate([], cache.rows.length));
      for (const row of renderBlock(b, width)) cache.rows.push(this.decorate(row, cache.rows.length));
    }
    if (!this.open.length) return cache.rows;
    const base = cache.rows.length;
    const open = renderBlocks(this.open, width, this.done[this.done.length - 1]).map((r, i) => this.decorate(r, base + i));
    return cache.rows.concat(open);
  }
}
