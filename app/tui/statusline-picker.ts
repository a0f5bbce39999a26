// /statusline: every item the status bar can show, the chosen ones first in
// their order and ticked. Space ticks or unticks (the bar shows the result at
// once), Enter keeps the choice and records `[tui] status_line` in
// config.toml, Esc goes back to what was shown before.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { STATUS_ITEMS, type StatusItem } from '../../widgets/status/status-bar.js';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import { recordTuiSettings } from '../config/record-tui.js';
import type { TuiApp } from './app.js';
import { ChoiceView } from './choice.js';
import type { Overlay, OverlayResult } from './overlay.js';

class StatusLinePicker implements Overlay {
  readonly mode = 'popup';
  readonly placement = 'bottom';
  readonly widget = new ChoiceView('Status bar items (Space ticks, Enter keeps, Esc goes back)', []);
  private readonly order: StatusItem[];
  private readonly chosen: Set<StatusItem>;
  private readonly before: readonly StatusItem[];
  private kept = false;

  constructor(private readonly app: TuiApp) {
    this.before = app.statusBar.items;
    this.order = [...this.before, ...STATUS_ITEMS.map((i) => i.id).filter((id) => !this.before.includes(id))];
    this.chosen = new Set(this.before);
    this.redraw();
  }

  private redraw(): void {
    this.widget.list.setItems(this.order.map((id) => ({
      label: `[${this.chosen.has(id) ? 'x' : ' '}] ${id}`,
      description: STATUS_ITEMS.find((i) => i.id === id)!.description,
    })));
  }

  private items(): StatusItem[] {
    return this.order.filter((id) => this.chosen.has(id));
  }

  private toggle(): void {
    const id = this.order[this.widget.list.selected];
    if (!id) return;
    if (!this.chosen.delete(id)) this.chosen.add(id);
    this.app.statusBar.items = this.items();
    this.redraw();
  }

  handle(r: ResolvedAction): OverlayResult {
    if (!isModeAction('popup', r.action)) {
      if (r.action === 'insert_text' && r.text === ' ') this.toggle();
      return r.action === 'interrupt_or_quit' ? 'pass' : 'handled';
    }
    switch (r.action) {
      case 'popup_prev': this.widget.list.move(-1); return 'handled';
      case 'popup_next': this.widget.list.move(1); return 'handled';
      case 'popup_complete': this.toggle(); return 'handled';
      case 'popup_close': return 'close';
      case 'popup_accept': this.keep(); return 'close';
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }

  private keep(): void {
    this.kept = true;
    const items = this.items();
    this.app.statusBar.items = items;
    this.app.settings.setTuiSettings({ statusLine: items });
    try {
      const file = recordTuiSettings(this.app.config.codexHome, { status_line: items });
      this.app.addCell(infoCell(`Status bar shows ${items.length ? items.join(', ') : 'nothing'} (saved in ${file})`));
    } catch (e) {
      this.app.addCell(errorCell(`Status bar changed for this run; not saved: ${(e as Error).message}`));
    }
  }

  onClose(): void {
    if (!this.kept) this.app.statusBar.items = this.before;
  }
}

export function openStatusLinePicker(app: TuiApp): void {
  app.pushOverlay(new StatusLinePicker(app));
}
