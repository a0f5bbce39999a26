// Full-screen pagers: Ctrl+T shows the whole transcript, /diff shows the diff.
// A title row, the scrolled content, and a key hint row; keys come from the
// keymap's 'pager' mode (↑/↓, PgUp/PgDn, Home/End, q or Esc to close).
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { ClippedSurface } from '../../widgets/base/grid.js';
import { truncate } from '../../widgets/base/text.js';
import type { Rect, Style, Surface, Widget } from '../../widgets/base/types.js';
import { drawTitleRule } from '../../widgets/layout/title-rule.js';
import { Viewport, type ScrollSource } from '../../widgets/layout/viewport.js';
import type { Overlay, OverlayResult } from './overlay.js';

const S = {
  hint: { fg: 'muted' } as Style,
};

class PagerView implements Widget {
  readonly view: Viewport;
  constructor(readonly title: string, source: ScrollSource, fromTop: boolean) {
    this.view = new Viewport(source);
    if (fromTop) this.view.toTop();
  }

  measure(_width: number): number {
    return 0;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height < 3) return;
    drawTitleRule(surface, area.x, area.y, area.width, this.title);
    const body = { x: area.x, y: area.y + 1, width: area.width, height: area.height - 2 };
    this.view.render(new ClippedSurface(surface, body), { x: 0, y: 0, width: body.width, height: body.height });
    const total = this.view.measure(area.width);
    const pct = `${total <= body.height ? 100 : Math.round(((this.view.topRow + body.height) / total) * 100)}% `;
    const y = area.y + area.height - 1;
    surface.writeText(area.x, y, truncate(' ↑/↓ scroll  PgUp/PgDn page  Home/End jump  q quit', area.width - pct.length - 1), S.hint);
    surface.writeText(area.x + area.width - pct.length, y, pct, S.hint);
  }
}

export class PagerOverlay implements Overlay {
  readonly mode = 'pager';
  readonly placement = 'screen';
  readonly widget: PagerView;

  /** `fromTop`: start at the first row (a diff) rather than the end (the transcript). */
  constructor(title: string, source: ScrollSource, fromTop = false) {
    this.widget = new PagerView(title, source, fromTop);
  }

  handle(r: ResolvedAction): OverlayResult {
    const v = this.widget.view;
    if (!isModeAction('pager', r.action)) return 'handled';
    switch (r.action) {
      case 'pager_line_up': v.scrollBy(-1); return 'handled';
      case 'pager_line_down': v.scrollBy(1); return 'handled';
      case 'pager_page_up': v.pageUp(); return 'handled';
      case 'pager_page_down': v.pageDown(); return 'handled';
      case 'pager_top': v.toTop(); return 'handled';
      case 'pager_bottom': v.toBottom(); return 'handled';
      case 'pager_close': return 'close';
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }
}
