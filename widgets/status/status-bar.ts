// The one-line bar at the top of the screen: by default the working root,
// model (with reasoning effort), provider, sandbox and approval policy, so
// they stay in view after the session header cell has scrolled away;
// /statusline chooses the items (`items`, in order) from STATUS_ITEMS, and an
// item with nothing to say yet (no token count, no git branch) is left out.
// Sandbox and approval decide what a command may do, so they are the last to
// go: when the row is short the provider goes first, then the other extras,
// then the model, then their labels, and the directory is cut from the left
// (`…/project/src`: its end says where you are).
import { displayWidth, graphemes, graphemeWidth, sanitize, truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

export interface SessionInfo {
  cwd: string;
  model: string;
  reasoningEffort?: string;
  provider: string;
  sandbox: string;
  approval: string;
}

/** What the bar can show; the ids are what `[tui] status_line` lists (the native CLI's where it has one). */
export const STATUS_ITEMS = [
  { id: 'current-dir', description: 'the working directory' },
  { id: 'model-with-reasoning', description: 'the model and its reasoning effort' },
  { id: 'provider', description: 'the model provider' },
  { id: 'sandbox', description: 'the sandbox mode' },
  { id: 'approval-mode', description: 'the approval policy' },
  { id: 'git-branch', description: 'the git branch (when in a repository)' },
  { id: 'context-remaining', description: 'how much of the context window is left (once known)' },
  { id: 'used-tokens', description: 'tokens used in this session (once known)' },
] as const;

export type StatusItem = (typeof STATUS_ITEMS)[number]['id'];

export const DEFAULT_STATUS_ITEMS: readonly StatusItem[] = ['current-dir', 'model-with-reasoning', 'provider', 'sandbox', 'approval-mode'];

/** The order in which items give way on a short row; sandbox and approval never do (their labels go last). */
const GIVE_WAY: readonly StatusItem[] = ['provider', 'used-tokens', 'git-branch', 'context-remaining', 'model-with-reasoning'];

/** What changes while the session runs (the bar shows it when its item is chosen). */
export interface LiveInfo {
  gitBranch?: string;
  /** Percentage of the context window left. */
  contextLeft?: number;
  /** Total tokens used in the session. */
  tokens?: number;
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

type Item = { id: StatusItem; label: string; value: string };

/** An item as drawn; the first one drawn has no separator before it. */
const piece = (it: Item, first = false): string => `${first ? '' : ' · '}${it.label ? `${it.label} ` : ''}${it.value}`;

export class StatusBar implements Widget {
  live: LiveInfo = {};
  constructor(public info: SessionInfo, public items: readonly StatusItem[] = DEFAULT_STATUS_ITEMS) {}

  /** An item's label and value; undefined when it has nothing to show. The directory is drawn apart. */
  private item(id: Exclude<StatusItem, 'current-dir'>): Item | undefined {
    const i = this.info;
    const it = (label: string, value: string | undefined): Item | undefined => (value === undefined ? undefined : { id, label, value });
    switch (id) {
      // Model and provider speak for themselves; the other values need their label.
      case 'model-with-reasoning': return it('', `${i.model}${i.reasoningEffort ? ` ${i.reasoningEffort}` : ''}`);
      case 'provider': return it('', i.provider);
      case 'sandbox': return it('sandbox', i.sandbox);
      case 'approval-mode': return it('approval', i.approval);
      case 'git-branch': return it('branch', this.live.gitBranch);
      case 'context-remaining': return it('', this.live.contextLeft === undefined ? undefined : `${this.live.contextLeft}% context left`);
      case 'used-tokens': return it('', this.live.tokens === undefined ? undefined : `${this.live.tokens.toLocaleString('en-US')} tokens used`);
      default: {
        const _: never = id;
        return _;
      }
    }
  }

  /** `[tui] status_line = []`: no bar at all (its row goes to the transcript). */
  measure(_width: number): number {
    return this.items.length ? 1 : 0;
  }

  /** The items shown at `width`: the extras drop (provider first, then the model) until the directory has room. */
  private fit(width: number, showDir: boolean): { items: Item[]; dirRoom: number } {
    // A value wider than the row can never show whole: cut it first, so fitting measures short strings
    // (a 5,000-character model name made every frame measure it a dozen times).
    const all = this.items.flatMap((id) => {
      const it = id === 'current-dir' ? undefined : this.item(id);
      return it ? [{ ...it, value: truncate(it.value, width) }] : [];
    });
    const room = (list: Item[]): number =>
      width - displayWidth(TITLE) - list.reduce((n, it, k) => n + displayWidth(piece(it, k === 0 && !showDir)), 0);
    const want = showDir ? Math.min(MIN_DIR, displayWidth(this.info.cwd)) : 0;
    let shown = all;
    for (const id of GIVE_WAY) {
      if (room(shown) >= want) break;
      shown = shown.filter((it) => it.id !== id);
    }
    // Then the labels (`read-only · on-request` still reads).
    if (room(shown) < want) shown = shown.map((it) => ({ ...it, label: '' }));
    return { items: shown, dirRoom: room(shown) };
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0 || area.width <= 0) return;
    const showDir = this.items.includes('current-dir');
    const { items, dirRoom } = this.fit(area.width, showDir);
    let x = area.x;
    const end = area.x + area.width;
    x += surface.writeText(x, area.y, TITLE, S.title, end - x);
    if (showDir) {
      // Narrower than sandbox and approval alone: the directory keeps a little and the rest is cut at the edge.
      const dirWidth = dirRoom >= 1 ? dirRoom : Math.min(MIN_DIR, displayWidth(this.info.cwd));
      x += surface.writeText(x, area.y, truncatePathLeft(this.info.cwd, dirWidth), S.value, end - x);
    }
    for (const [k, it] of items.entries()) {
      if (x >= end) break;
      if (k > 0 || showDir) x += surface.writeText(x, area.y, ' · ', S.sep, end - x);
      if (it.label) x += surface.writeText(x, area.y, `${it.label} `, S.label, end - x);
      x += surface.writeText(x, area.y, it.value, S.value, end - x);
    }
  }
}
