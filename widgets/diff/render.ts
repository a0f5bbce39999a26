// Diff model → coloured rows: a header per change in the original's wording
// (`Edited path (+a -r)`, `Added`, `Deleted`, `old → new` for moves; several
// files get `Edited N files` and a `└ path (+a -r)` line each), then numbered
// rows with a `+`/`-` gutter; long rows wrap under the text column and `⋮`
// separates hunks.
import type { Line, Span, Style } from '../base/types.js';
import { wrapLine } from '../base/text.js';
import { wrapIndented } from '../markdown/wrap.js';
import { printable } from '../../app/text/printable.js';
import { TOKENS } from '../transcript/tokens.js';
import type { DiffFile, DiffLine } from './parse.js';

export interface DiffRenderOptions {
  /** Glyph before the title row, e.g. a coloured `• ` (default) or `✓ `. */
  bullet?: Span;
  /** Paths under this directory are shown relative to it. */
  cwd?: string;
}

const MUTED: Style = { fg: TOKENS.muted };
const LINE_STYLE: Record<DiffLine['kind'], Style> = {
  add: { fg: TOKENS.diffAdd },
  del: { fg: TOKENS.diffDel },
  ctx: { fg: TOKENS.diffContext },
};
const SIGN: Record<DiffLine['kind'], string> = { add: '+', del: '-', ctx: ' ' };

export function displayPath(path: string, cwd?: string): string {
  if (cwd && path.startsWith(cwd.endsWith('/') ? cwd : cwd + '/')) return path.slice(cwd.length).replace(/^\/+/, '');
  return path;
}

export function totals(files: readonly DiffFile[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const f of files) {
    added += f.added;
    removed += f.removed;
  }
  return { added, removed };
}

/** ` (+a -r)` with the numbers coloured. */
export function countSpans(added: number, removed: number): Span[] {
  return [
    { text: ' (' },
    { text: `+${added}`, style: { fg: TOKENS.diffAdd } },
    { text: ' ' },
    { text: `-${removed}`, style: { fg: TOKENS.diffDel } },
    { text: ')' },
  ];
}

function fileLabel(f: DiffFile, cwd?: string): Span[] {
  const path = displayPath(f.path, cwd);
  if (f.movePath) return [{ text: `${path} → ${displayPath(f.movePath, cwd)}`, style: { bold: true } }];
  return [{ text: path, style: { bold: true } }];
}

function verb(f: DiffFile): string {
  return f.kind === 'add' ? 'Added' : f.kind === 'delete' ? 'Deleted' : 'Edited';
}

/** The title of a change set, e.g. `Edited src/a.ts (+3 -1)` or `Edited 2 files (+5 -2)`. */
export function diffTitle(files: readonly DiffFile[], cwd?: string): Span[] {
  const { added, removed } = totals(files);
  if (files.length === 1) return [{ text: verb(files[0]!) + ' ', style: { bold: true } }, ...fileLabel(files[0]!, cwd), ...countSpans(added, removed)];
  return [{ text: `Edited ${files.length} files`, style: { bold: true } }, ...countSpans(added, removed)];
}

export function renderDiff(files: readonly DiffFile[], width: number, opts: DiffRenderOptions = {}): Line[] {
  if (!files.length) return wrapLine([opts.bullet ?? { text: '• ' }, { text: 'No changes', style: MUTED }], width);
  const bullet = opts.bullet ?? { text: '• ', style: { fg: TOKENS.bullet } };
  const out = wrapIndented(diffTitle(files, opts.cwd), width, [bullet]);
  files.forEach((f, i) => {
    if (files.length > 1) {
      if (i > 0) out.push([]);
      const title = [...fileLabel(f, opts.cwd), ...countSpans(f.added, f.removed)];
      out.push(...wrapIndented(title, width, [{ text: '  └ ', style: MUTED }]));
    }
    out.push(...renderHunks(f, width));
  });
  return out;
}

function renderHunks(f: DiffFile, width: number): Line[] {
  let maxNo = 1;
  for (const h of f.hunks) for (const l of h) maxNo = Math.max(maxNo, l.lineNo);
  const digits = String(maxNo).length;
  const indent = '    ';
  const out: Line[] = [];
  f.hunks.forEach((hunk, k) => {
    if (k > 0) out.push([{ text: indent + ' '.repeat(digits - 1) + '⋮', style: MUTED }]);
    for (const l of hunk) {
      const style = LINE_STYLE[l.kind];
      const gutter: Line = [
        { text: indent + String(l.lineNo).padStart(digits), style: { fg: TOKENS.diffGutter } },
        { text: ' ' + SIGN[l.kind], style },
      ];
      const rest: Line = [{ text: ' '.repeat(indent.length + digits + 2) }];
      out.push(...wrapIndented([{ text: printable(l.text), style }], width, gutter, rest));
    }
  });
  return out;
}
