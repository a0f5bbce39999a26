// The `@` file picker popup: up to 8 rows, best first, matched characters in
// bold, the selected row highlighted and marked `›`; "loading…" while the index is built and
// "no matches" when nothing fits. It holds state only; searching is the
// FileSearchManager's job and keys arrive as actions from the keymap machine.
import { truncateLine } from '../base/text.js';
import type { Line, Rect, Style, Surface, Widget } from '../base/types.js';

export interface PickerMatch {
  readonly path: string;
  readonly positions: readonly number[];
}

export type PickerState =
  | { readonly kind: 'hint' }
  | { readonly kind: 'loading'; readonly query: string }
  | { readonly kind: 'results'; readonly query: string; readonly matches: readonly PickerMatch[] };

const HINT = 'type to search files';
const ROW: Style = { fg: 'text' };
const SELECTED: Style = { fg: 'selection', bg: 'selection.bg' };
const MUTED: Style = { fg: 'muted', italic: true };

export class FilePicker implements Widget {
  private state: PickerState = { kind: 'hint' };
  private selected = 0;

  show(state: PickerState): void {
    const prev = this.state;
    this.state = state;
    // Keep the selection on the same path when results refresh; else the top row.
    if (state.kind === 'results') {
      const keep = prev.kind === 'results' ? prev.matches[this.selected]?.path : undefined;
      const at = keep === undefined ? -1 : state.matches.findIndex((m) => m.path === keep);
      this.selected = at >= 0 ? at : 0;
    } else this.selected = 0;
  }

  get current(): PickerState {
    return this.state;
  }

  /** Moves the selection by `delta`, wrapping around. */
  move(delta: number): void {
    const n = this.state.kind === 'results' ? this.state.matches.length : 0;
    if (n > 0) this.selected = (((this.selected + delta) % n) + n) % n;
  }

  /** The highlighted path, if any. */
  selection(): string | undefined {
    return this.state.kind === 'results' ? this.state.matches[this.selected]?.path : undefined;
  }

  measure(): number {
    return this.state.kind === 'results' ? Math.max(1, this.state.matches.length) : 1;
  }

  render(surface: Surface, area: Rect): void {
    surface.fill(area, ' ', { bg: 'popup.bg' });
    const s = this.state;
    if (s.kind !== 'results' || s.matches.length === 0) {
      const text = s.kind === 'hint' ? HINT : s.kind === 'loading' ? 'loading…' : 'no matches';
      surface.writeText(area.x + 2, area.y, text, MUTED, area.width - 2);
      return;
    }
    s.matches.slice(0, area.height).forEach((m, row) => {
      const base = row === this.selected ? SELECTED : ROW;
      // The marker keeps the selection visible without colours (NO_COLOR), as in the command popup.
      if (row === this.selected) {
        surface.fill({ x: area.x, y: area.y + row, width: area.width, height: 1 }, ' ', base);
        surface.writeText(area.x, area.y + row, '›', { ...base, bold: true }, 1);
      }
      const line = truncateLine(highlight(m, base), area.width - 2);
      surface.writeLine(area.x + 2, area.y + row, line, area.width - 2);
    });
  }
}

/** Splits a path into spans, bold where the query matched. */
export function highlight(m: PickerMatch, base: Style): Line {
  const line: Line = [];
  const bold = new Set(m.positions);
  let run = '';
  let runBold = false;
  for (let i = 0; i < m.path.length; i++) {
    const b = bold.has(i);
    if (b !== runBold && run) {
      line.push({ text: run, style: runBold ? { ...base, bold: true, fg: base === ROW ? 'match' : base.fg } : base });
      run = '';
    }
    runBold = b;
    run += m.path[i];
  }
  if (run) line.push({ text: run, style: runBold ? { ...base, bold: true, fg: base === ROW ? 'match' : base.fg } : base });
  return line;
}
