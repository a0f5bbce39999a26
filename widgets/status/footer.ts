// The footer under the composer: key hints (classic: `⏎ send   ⇧⏎ newline
// ⌃T transcript   ⌃C quit`), replaced by a transient hint such as
// `ctrl + c again to quit` or `Esc edit prev`, and `N% context left` on the
// right once token usage is known, when the owner has no status line to show
// it in (`contextLeft`).
import { displayWidth, truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

export const DEFAULT_HINTS: [string, string][] = [['⏎', 'send'], ['⇧⏎', 'newline'], ['⌃T', 'transcript'], ['⌃C', 'quit']];

const GLYPHS: Record<string, string> = {
  ctrl: '⌃', alt: '⌥', shift: '⇧', enter: '⏎', esc: 'Esc', tab: '⇥', space: 'Space', up: '↑', down: '↓', left: '←', right: '→',
};

/** A binding as the footer shows it: 'shift+enter' → '⇧⏎', 'ctrl+t' → '⌃T', 'f2' → 'F2'. */
export function keyGlyph(binding: string): string {
  return binding
    .split('+')
    .map((p) => GLYPHS[p] ?? (p.length === 1 ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('');
}

const S = {
  key: { fg: 'key', bold: true } as Style,
  label: { fg: 'muted' } as Style,
  notice: { fg: 'warning' } as Style,
  mode: { fg: 'accent', bold: true } as Style,
  context: { fg: 'muted' } as Style,
};

export class Footer implements Widget {
  hints: [string, string][] = DEFAULT_HINTS;
  /** A transient message shown instead of the hints. */
  notice: string | undefined;
  /** The composer's mode (vim's NORMAL / INSERT) and keys pending in it, shown first. */
  mode: string | undefined;
  /** Percentage of the context window left, when known and this footer is where it shows. */
  contextLeft: () => number | undefined = () => undefined;

  measure(_width: number): number {
    return 1;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0) return;
    const left = this.contextLeft();
    const right = left === undefined ? '' : `${left}% context left`;
    const rightW = displayWidth(right);
    const leftRoom = Math.max(0, area.width - 1 - (rightW ? rightW + 2 : 0));
    let x = area.x + 1;
    if (this.mode) {
      x += surface.writeText(x, area.y, truncate(this.mode, leftRoom), S.mode);
      x += 2;
    }
    if (this.notice) {
      surface.writeText(x, area.y, truncate(this.notice, Math.max(0, leftRoom - (x - area.x - 1))), S.notice);
    } else {
      this.hints.forEach(([key, label], i) => {
        const gap = i ? 3 : 0;
        const piece = gap + displayWidth(key) + 1 + displayWidth(label);
        if (x - area.x - 1 + piece > leftRoom) return;
        x += gap;
        x += surface.writeText(x, area.y, key, S.key);
        x += surface.writeText(x, area.y, ` ${label}`, S.label);
      });
    }
    if (right && rightW < area.width) surface.writeText(area.x + area.width - rightW, area.y, right, S.context);
  }
}
