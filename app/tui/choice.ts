// A titled list of choices above the composer (/approvals presets, /theme,
// /model's effort): ↑/↓ select, Enter picks, Esc closes. Uses the 'popup'
// keymap mode; typing is swallowed so it never edits the composer behind it.
// `preview` sees each selection as it moves (/theme repaints with it);
// `cancel` runs when it closes without a pick.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { ClippedSurface } from '../../widgets/base/grid.js';
import type { Rect, Style, Surface, Widget } from '../../widgets/base/types.js';
import { SelectList, type ListItem } from '../../widgets/layout/select-list.js';
import type { Overlay, OverlayResult } from './overlay.js';

const TITLE: Style = { fg: 'accent', bold: true };

export class ChoiceView implements Widget {
  readonly list = new SelectList(10);
  constructor(public title: string, items: ListItem[]) {
    this.list.setItems(items);
  }

  measure(width: number): number {
    return 1 + this.list.measure(width);
  }

  render(surface: Surface, area: Rect): void {
    surface.writeText(area.x + 1, area.y, this.title, TITLE, area.width - 1);
    const r = { x: area.x, y: area.y + 1, width: area.width, height: area.height - 1 };
    if (r.height > 0) this.list.render(new ClippedSurface(surface, r), { x: 0, y: 0, width: r.width, height: r.height });
  }
}

export interface ChoiceHooks<T> {
  preview?(value: T): void;
  cancel?(): void;
}

export class ChoiceOverlay<T> implements Overlay {
  readonly mode = 'popup';
  readonly placement = 'bottom';
  readonly widget: ChoiceView;
  private picked = false;

  /** `current`: the index of the setting in effect, marked `(current)` and selected first. */
  constructor(
    title: string,
    private readonly choices: { item: ListItem; value: T }[],
    private readonly pick: (value: T) => void,
    current = -1,
    private readonly hooks: ChoiceHooks<T> = {},
  ) {
    this.widget = new ChoiceView(title, choices.map((c, i) => (i === current ? { ...c.item, label: `${c.item.label} (current)` } : c.item)));
    if (current >= 0) this.widget.list.selected = current;
  }

  private moved(delta: number): void {
    this.widget.list.move(delta);
    const c = this.choices[this.widget.list.selected];
    if (c) this.hooks.preview?.(c.value);
  }

  onClose(): void {
    if (!this.picked) this.hooks.cancel?.();
  }

  handle(r: ResolvedAction): OverlayResult {
    // Ctrl+C still reaches the app (quit/interrupt); nothing else edits behind the list.
    if (!isModeAction('popup', r.action)) return r.action === 'interrupt_or_quit' ? 'pass' : 'handled';
    switch (r.action) {
      case 'popup_prev': this.moved(-1); return 'handled';
      case 'popup_next': this.moved(1); return 'handled';
      case 'popup_close': return 'close';
      case 'popup_accept':
      case 'popup_complete': {
        const c = this.choices[this.widget.list.selected];
        this.picked = c !== undefined;
        if (c) this.pick(c.value);
        return 'close';
      }
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }
}
