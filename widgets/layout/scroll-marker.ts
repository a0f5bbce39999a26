// A viewport that says when it is scrolled up: its last row becomes a marker
// (`↓ 12 new lines · ⌃End to jump to the latest`) counting what arrived below
// since, or how much is below when nothing new came, and naming the key that
// returns to the bottom (the caller's keymap decides which key that is). A
// mouse selection over the content is drawn here too.
import { truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';
import type { Viewport } from './viewport.js';
import { drawSelection, type Selection } from './selection.js';

const STYLE: Style = { fg: 'selection', bg: 'selection.bg', bold: true };

/** The marker's text: what arrived (or what is below) and the key back to the latest. */
export function scrollMarkerText(arrived: number, below: number, jumpKey: string | undefined): string {
  const n = arrived > 0 ? arrived : below;
  const what = `↓ ${n} ${arrived > 0 ? 'new ' : 'more '}line${n === 1 ? '' : 's'}`;
  return jumpKey ? `${what} · ${jumpKey} to jump to the latest` : what;
}

export class MarkedViewport implements Widget {
  /** The key named on the marker (e.g. `⌃End`); none: the marker names no key. */
  jumpKey: string | undefined;

  /** Text selected with the mouse, in content rows. */
  selection: Selection | undefined;
  /** Where the last frame put the view on the screen (set by the layout; mouse positions map through it). */
  screen: Rect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(readonly view: Viewport) {}

  /** The content row and column under a screen cell, or undefined outside the view. */
  pointAt(x: number, y: number): { row: number; col: number } | undefined {
    const a = this.screen;
    if (x < a.x || x >= a.x + a.width || y < a.y || y >= a.y + a.height) return undefined;
    return { row: this.view.topRow + (y - a.y), col: x - a.x };
  }

  /** The text of a content row at the last frame's width. */
  rowText(row: number): string {
    return this.view.source.rowText?.(row, this.screen.width) ?? '';
  }

  measure(width: number): number {
    return this.view.measure(width);
  }

  render(surface: Surface, area: Rect): void {
    this.view.render(surface, area);
    if (this.selection) drawSelection(surface, area, this.view.topRow, this.selection, (row) => this.view.source.rowText?.(row, area.width) ?? '');
    const below = this.view.rowsBelow;
    if (below === 0 || area.height < 2) return;
    const y = area.y + area.height - 1;
    surface.fill({ x: area.x, y, width: area.width, height: 1 }, ' ', STYLE);
    surface.writeText(area.x + 1, y, truncate(scrollMarkerText(Math.min(this.view.arrived, below), below, this.jumpKey), area.width - 1), STYLE);
  }
}
