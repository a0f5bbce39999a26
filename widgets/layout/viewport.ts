// A scrollable stack of widgets (the transcript's history cells). Heights are
// cached per width and re-measured only for items that report a change, so a
// 10,000-line transcript costs little per frame; only visible items render.
// At the bottom the view is sticky (new content scrolls in); scrolled up, it
// stays where the user put it while content grows below.
import { ClippedSurface } from '../base/grid.js';
import type { Rect, Surface, Widget } from '../base/types.js';

export interface ViewportItem extends Widget {
  /** Set by the viewport; the item calls it when its content (and so height) changed. */
  onChange?: (() => void) | undefined;
}

export class Viewport implements Widget {
  private items: ViewportItem[] = [];
  private heights: number[] = [];
  private dirty = new Set<ViewportItem>();
  private width = -1;
  private total = 0;
  /** Rows between the bottom of the view and the bottom of the content (0 = sticky). */
  private fromBottom = 0;
  private lastHeight = 1;
  /** Called when an item changed, so the owner can schedule a frame. */
  onInvalidate: (() => void) | undefined;

  get length(): number {
    return this.items.length;
  }

  all(): readonly ViewportItem[] {
    return this.items;
  }

  push(item: ViewportItem): void {
    this.items.push(item);
    this.heights.push(-1);
    this.watch(item);
    this.dirty.add(item);
    this.onInvalidate?.();
  }

  /** Keeps the first `n` items (backtrack trims the transcript). */
  truncate(n: number): void {
    for (const it of this.items.slice(n)) it.onChange = undefined;
    this.items.length = Math.min(n, this.items.length);
    this.heights.length = this.items.length;
    this.width = -1;
    this.onInvalidate?.();
  }

  clear(): void {
    this.truncate(0);
    this.fromBottom = 0;
  }

  private watch(item: ViewportItem): void {
    item.onChange = () => {
      this.dirty.add(item);
      this.onInvalidate?.();
    };
  }

  get atBottom(): boolean {
    return this.fromBottom === 0;
  }

  scrollBy(rows: number): void {
    this.fromBottom = Math.max(0, Math.min(this.maxScroll(), this.fromBottom - rows));
  }

  pageUp(): void { this.scrollBy(-Math.max(1, this.lastHeight - 1)); }
  pageDown(): void { this.scrollBy(Math.max(1, this.lastHeight - 1)); }
  toTop(): void { this.fromBottom = this.maxScroll(); }
  toBottom(): void { this.fromBottom = 0; }

  private maxScroll(): number {
    return Math.max(0, this.total - this.lastHeight);
  }

  /** Content height at `width`, updating the cached heights. */
  contentHeight(width: number): number {
    const before = this.total;
    if (width !== this.width) {
      this.width = width;
      this.total = 0;
      for (let i = 0; i < this.items.length; i++) this.total += this.heights[i] = this.items[i]!.measure(width);
      this.dirty.clear();
      return this.total;
    }
    if (this.dirty.size) {
      for (let i = 0; i < this.items.length; i++) {
        const it = this.items[i]!;
        if (!this.dirty.has(it) && this.heights[i]! >= 0) continue;
        const h = it.measure(width);
        this.total += h - Math.max(0, this.heights[i]!);
        this.heights[i] = h;
      }
      this.dirty.clear();
      // Scrolled up: keep the same content in view while it grows below.
      if (this.fromBottom > 0 && this.total > before) this.fromBottom += this.total - before;
    }
    return this.total;
  }

  measure(width: number): number {
    return this.contentHeight(width);
  }

  render(surface: Surface, area: Rect): void {
    this.lastHeight = Math.max(1, area.height);
    const total = this.contentHeight(area.width);
    this.fromBottom = Math.min(this.fromBottom, this.maxScroll());
    // Content shorter than the view is drawn from the top.
    const top = Math.max(0, total - area.height - this.fromBottom);
    let y = 0;
    for (let i = 0; i < this.items.length && y < top + area.height; i++) {
      const h = this.heights[i]!;
      if (y + h > top && h > 0) {
        const skip = Math.max(0, top - y);
        const rowOnScreen = y + skip - top;
        const visible = Math.min(h - skip, area.height - rowOnScreen);
        const clip = new ClippedSurface(surface, { x: area.x, y: area.y + rowOnScreen, width: area.width, height: visible }, skip);
        this.items[i]!.render(clip, { x: 0, y: 0, width: area.width, height: h });
      }
      y += h;
    }
  }
}
