// The one-line bar at the top of the screen: the working root, model (with
// reasoning effort), provider, sandbox and approval policy, so they stay in
// view after the session header cell has scrolled away. Items that do not fit
// are dropped from the right; the directory is shortened first.
import { displayWidth, truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

export interface SessionInfo {
  cwd: string;
  model: string;
  reasoningEffort?: string;
  provider: string;
  sandbox: string;
  approval: string;
}

const S = {
  title: { fg: 'accent', bold: true } as Style,
  label: { fg: 'muted' } as Style,
  value: { fg: 'header' } as Style,
  sep: { fg: 'border' } as Style,
};

export class StatusBar implements Widget {
  constructor(public info: SessionInfo) {}

  measure(_width: number): number {
    return 1;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0 || area.width <= 0) return;
    const i = this.info;
    // Model and provider speak for themselves; sandbox and approval values need their label.
    const items: [string, string][] = [
      ['', `${i.model}${i.reasoningEffort ? ` ${i.reasoningEffort}` : ''}`],
      ['', i.provider],
      ['sandbox', i.sandbox],
      ['approval', i.approval],
    ];
    let x = area.x;
    const end = area.x + area.width;
    x += surface.writeText(x, area.y, ' >_ ', S.title, end - x);
    const piece = (k: string, v: string): string => ` · ${k ? `${k} ` : ''}${v}`;
    const rest = items.reduce((n, [k, v]) => n + displayWidth(piece(k, v)), 0);
    // The directory gets what the other items leave, but at least 12 columns.
    const dirRoom = Math.max(12, end - x - rest);
    x += surface.writeText(x, area.y, truncate(i.cwd, Math.min(dirRoom, end - x)), S.value, end - x);
    for (const [k, v] of items) {
      if (x + displayWidth(piece(k, v)) > end) break;
      x += surface.writeText(x, area.y, ' · ', S.sep);
      if (k) x += surface.writeText(x, area.y, `${k} `, S.label);
      x += surface.writeText(x, area.y, v, S.value);
    }
  }
}
