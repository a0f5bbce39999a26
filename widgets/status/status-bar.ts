// The one-line bar at the top of the screen: the working root, model (with
// reasoning effort), provider, sandbox and approval policy, so they stay in
// view after the session header cell has scrolled away. Sandbox and approval
// decide what a command may do, so they are the last to go: when the row is
// short the provider goes first, then the model, then their labels, and the
// directory is cut from the left (`…/project/src`: its end says where you are).
import { displayWidth, graphemes, graphemeWidth, sanitize } from '../base/text.js';
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

const TITLE = ' >_ ';
/** Columns the directory keeps before the model and provider give way. */
const MIN_DIR = 16;

/** `path` cut from the left to `width` columns, at a `/` when one fits: `…/project/src`. */
export function truncatePathLeft(path: string, width: number): string {
  const clean = sanitize(path);
  if (width <= 0) return '';
  if (displayWidth(clean) <= width) return clean;
  if (width === 1) return '…';
  // Take whole graphemes from the end while they fit beside the ellipsis.
  const gs = graphemes(clean);
  let start = gs.length;
  let w = 0;
  while (start > 0 && w + graphemeWidth(gs[start - 1]!) <= width - 1) w += graphemeWidth(gs[--start]!);
  const tail = gs.slice(start).join('');
  const slash = tail.indexOf('/');
  // Start at a path separator unless that leaves only part of the last name.
  return `…${slash > 0 && slash < tail.length - 1 ? tail.slice(slash) : tail}`;
}

type Item = { label: string; value: string };

const piece = (it: Item): string => ` · ${it.label ? `${it.label} ` : ''}${it.value}`;

export class StatusBar implements Widget {
  constructor(public info: SessionInfo) {}

  measure(_width: number): number {
    return 1;
  }

  /** The items shown at `width`: the optional ones drop (provider, then model) until the directory has room. */
  private fit(width: number): { items: Item[]; dirRoom: number } {
    const i = this.info;
    // Model and provider speak for themselves; sandbox and approval values need their label.
    const items: Item[] = [
      { label: '', value: `${i.model}${i.reasoningEffort ? ` ${i.reasoningEffort}` : ''}` },
      { label: '', value: i.provider },
      { label: 'sandbox', value: i.sandbox },
      { label: 'approval', value: i.approval },
    ];
    const room = (list: Item[]): number => width - displayWidth(TITLE) - list.reduce((n, it) => n + displayWidth(piece(it)), 0);
    const want = Math.min(MIN_DIR, displayWidth(i.cwd));
    // Give way in this order: the provider, the model, then the labels (`read-only · on-request` still reads).
    const steps: ((list: Item[]) => Item[])[] = [
      (list) => list.filter((it) => it !== items[1]),
      (list) => list.filter((it) => it !== items[0]),
      (list) => list.map((it) => ({ ...it, label: '' })),
    ];
    let shown = items;
    for (const step of steps) {
      if (room(shown) >= want) break;
      shown = step(shown);
    }
    return { items: shown, dirRoom: room(shown) };
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0 || area.width <= 0) return;
    const { items, dirRoom } = this.fit(area.width);
    let x = area.x;
    const end = area.x + area.width;
    x += surface.writeText(x, area.y, TITLE, S.title, end - x);
    // Narrower than sandbox and approval alone: the directory keeps a little and the rest is cut at the edge.
    const dirWidth = dirRoom >= 1 ? dirRoom : Math.min(MIN_DIR, displayWidth(this.info.cwd));
    x += surface.writeText(x, area.y, truncatePathLeft(this.info.cwd, dirWidth), S.value, end - x);
    for (const it of items) {
      if (x >= end) break;
      x += surface.writeText(x, area.y, ' · ', S.sep, end - x);
      if (it.label) x += surface.writeText(x, area.y, `${it.label} `, S.label, end - x);
      x += surface.writeText(x, area.y, it.value, S.value, end - x);
    }
  }
}
