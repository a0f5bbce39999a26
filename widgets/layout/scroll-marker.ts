// A viewport that says when it is scrolled up: its last row becomes a marker
// (`↓ 12 new lines · ⌃End to jump to the latest`) counting what arrived below
// since, or how much is below when nothing new came, and naming the key that
// returns to the bottom (the caller's keymap decides which key that is).
import { truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';
import type { Viewport } from './viewport.js';

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

  constructor(readonly view: Viewport) {}

  measure(width: number): number {
    return this.view.measure(width);
  }

  render(surface: Surface, area: Rect): void {
    this.view.render(surface, area);
    const below = this.view.rowsBelow;
    if (below === 0 || area.height < 2) return;
    const y = area.y + area.height - 1;
    surface.fill({ x: area.x, y, width: area.width, height: 1 }, ' ', STYLE);
    surface.writeText(area.x + 1, y, truncate(scrollMarkerText(Math.min(this.view.arrived, below), below, this.jumpKey), area.width - 1), STYLE);
  }
}
