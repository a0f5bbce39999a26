// A one-line text prompt in the composer's place (/rename without a name, as
// the original's custom prompt view): a title, a blank row, the field (the
// composer's editing, without its rule), a blank row and the keys that end it.
import { Composer } from '../composer/composer.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

const TITLE: Style = { fg: 'text', bold: true };
const HINT: Style = { fg: 'muted' };
const HINT_TEXT = 'enter submit · esc back';
const INDENT = 2;

export class TextPromptView implements Widget {
  /** The field: a bare composer (its own undo, kill ring and caret). */
  readonly field: Composer;

  constructor(readonly title: string, placeholder: string, initial = '') {
    this.field = new Composer({ placeholder, bare: true, disablePasteBurst: true });
    this.field.setText(initial);
  }

  measure(width: number): number {
    return 2 + this.field.measure(width) + 2;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0) return;
    const inner = Math.max(0, area.width - INDENT);
    surface.writeText(area.x + INDENT, area.y, this.title, TITLE, inner);
    const fieldRows = Math.max(0, area.height - 4);
    this.field.render(surface, { x: area.x, y: area.y + 2, width: area.width, height: fieldRows });
    if (area.height >= 4) surface.writeText(area.x + INDENT, area.y + area.height - 1, HINT_TEXT, HINT, inner);
  }
}
