// Stacks children top to bottom. Each child gets the rows it measures, except
// the one flexible child (the transcript) which takes what is left; when space
// runs out, fixed children at the end (composer, footer) keep their rows first.
import { ClippedSurface } from '../base/grid.js';
import type { Rect, Surface, Widget } from '../base/types.js';

export interface ColumnChild {
  widget: Widget;
  flex?: boolean;
}

export function layoutColumn(children: readonly ColumnChild[], area: Rect): Rect[] {
  const heights = children.map((c) => (c.flex ? 0 : Math.max(0, c.widget.measure(area.width))));
  // Shrink from the top when the fixed children do not fit.
  let over = heights.reduce((a, b) => a + b, 0) - area.height;
  for (let i = 0; i < heights.length && over > 0; i++) {
    const cut = Math.min(heights[i]!, over);
    heights[i]! -= cut;
    over -= cut;
  }
  const free = Math.max(0, area.height - heights.reduce((a, b) => a + b, 0));
  const flex = children.findIndex((c) => c.flex);
  if (flex >= 0) heights[flex] = free;
  const rects: Rect[] = [];
  let y = area.y;
  for (const h of heights) {
    rects.push({ x: area.x, y, width: area.width, height: h });
    y += h;
  }
  return rects;
}

export function renderColumn(children: readonly ColumnChild[], surface: Surface, area: Rect): Rect[] {
  const rects = layoutColumn(children, area);
  children.forEach((c, i) => {
    const r = rects[i]!;
    if (r.height > 0) c.widget.render(new ClippedSurface(surface, r), { x: 0, y: 0, width: r.width, height: r.height });
  });
  return rects;
}
