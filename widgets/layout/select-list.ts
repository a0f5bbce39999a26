// A vertical list with one selected row (slash-command popup, /model and
// /approvals choices): at most `maxRows` rows, scrolled to keep the selection
// visible, the selected row drawn with the selection colours. When some items
// do not fit, a last row says how many lie above and below, so a list cut at
// its height never looks complete.
import { displayWidth, truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

export interface ListItem {
  label: string;
  description?: string;
}

const S = {
  label: { fg: 'text' } as Style,
  desc: { fg: 'muted' } as Style,
  selLabel: { fg: 'selection', bg: 'selection.bg', bold: true } as Style,
  selDesc: { fg: 'selection', bg: 'selection.bg' } as Style,
  empty: { fg: 'muted', italic: true } as Style,
};

export class SelectList implements Widget {
  items: ListItem[] = [];
  selected = 0;
  private top = 0;

  constructor(public maxRows = 8, public emptyText = 'no matches') {}

  setItems(items: ListItem[]): void {
    this.items = items;
    this.selected = Math.min(this.selected, Math.max(0, items.length - 1));
  }

  move(delta: number): void {
    if (!this.items.length) return;
    this.selected = (this.selected + delta + this.items.length) % this.items.length;
  }

  current(): ListItem | undefined {
    return this.items[this.selected];
  }

  measure(_width: number): number {
    const overflow = this.items.length > this.maxRows ? 1 : 0;
    return Math.max(1, Math.min(this.maxRows, this.items.length) + overflow);
  }

  /** Columns of the label column at this width; descriptions start one column after `2 + labelWidth`. */
  labelWidth(width: number): number {
    return Math.min(Math.max(0, ...this.items.map((i) => displayWidth(i.label))) + 2, Math.floor(width / 2));
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0) return;
    if (!this.items.length) {
      surface.writeText(area.x + 2, area.y, this.emptyText, S.empty, area.width - 2);
      return;
    }
    const rows = Math.min(area.height, this.maxRows, this.items.length);
    // The "more" line takes the row measure() added below a full list.
    const hidden = this.items.length > rows && area.height > rows;
    if (this.selected < this.top) this.top = this.selected;
    if (this.selected >= this.top + rows) this.top = this.selected - rows + 1;
    this.top = Math.max(0, Math.min(this.top, this.items.length - rows));
    const labelWidth = this.labelWidth(area.width);
    for (let i = 0; i < rows; i++) {
      const idx = this.top + i;
      const item = this.items[idx]!;
      const sel = idx === this.selected;
      const y = area.y + i;
      if (sel) surface.fill({ x: area.x, y, width: area.width, height: 1 }, ' ', S.selLabel);
      surface.writeText(area.x, y, sel ? '› ' : '  ', sel ? S.selLabel : S.label);
      surface.writeText(area.x + 2, y, truncate(item.label, labelWidth), sel ? S.selLabel : S.label, labelWidth);
      if (item.description) {
        const x = area.x + 2 + labelWidth + 1;
        surface.writeText(x, y, truncate(item.description, area.x + area.width - x), sel ? S.selDesc : S.desc);
      }
    }
    if (hidden) {
      const above = this.top;
      const below = this.items.length - this.top - rows;
      const parts = [above ? `↑ ${above} more` : '', below ? `↓ ${below} more` : ''].filter(Boolean);
      surface.writeText(area.x + 2, area.y + rows, truncate(`${parts.join(' · ')}  (${this.selected + 1}/${this.items.length})`, area.width - 2), S.empty, area.width - 2);
    }
  }
}
