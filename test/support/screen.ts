// Snapshot helper: draws a widget tree into a cell grid, encodes it with the
// real renderer (FrameWriter + Palette), feeds the bytes to @xterm/headless
// (Unicode 11 widths) and compares the screen text (and optionally its
// colours) with snapshots/<name>.txt. `UPDATE_SNAPSHOTS=1` rewrites the files; a missing or
// different snapshot fails.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import xterm, { type IBufferCell } from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import { CellGrid } from '../../widgets/base/grid.js';
import { loadTheme } from '../../app/tui/theme-files.js';
import type { Rect, Surface, Widget } from '../../widgets/base/types.js';
import { FrameWriter } from '../../app/tui/renderer/frame-writer.js';
import { Palette, type ColorDepth } from '../../app/tui/renderer/palette.js';
import { assetPath } from '../../app/assets.js';
import { loadMarkdownParser } from '../../widgets/markdown/parser.js';
import { highlightIdle } from '../../widgets/markdown/highlight.js';

export type Terminal = InstanceType<typeof xterm.Terminal>;
export type Draw = Widget | ((surface: Surface, area: Rect) => void);

export interface ScreenOptions {
  cols: number;
  rows: number;
  /** Built-in theme name or path; default 'dark'. */
  theme?: string;
  depth?: ColorDepth;
}

export interface Screen {
  /** Screen rows, trailing spaces trimmed. */
  lines: string[];
  text: string;
  /** Runs of non-default attributes per row: `r<row> c<from>-<to> fg=#… bg=#… bold …`. */
  colors: string;
  /** The raw bytes the renderer wrote. */
  bytes: string;
}

/**
 * A headless terminal that measures characters as current terminals do
 * (Unicode 11 widths: emoji ZWJ sequences, newer wide emoji), not xterm's
 * default Unicode 6 tables, so snapshots show what users see.
 */
export function newTerminal(cols: number, rows: number): Terminal {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 100 });
  term.loadAddon(new unicode11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  return term;
}

export function writeTerminal(term: Terminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** The visible rows of a terminal, trailing spaces trimmed. */
export function screenLines(term: Terminal): string[] {
  const buf = term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
  return out;
}

function colorOf(mode: 'fg' | 'bg', cell: IBufferCell): string {
  const isRGB = mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  const isPal = mode === 'fg' ? cell.isFgPalette() : cell.isBgPalette();
  const v = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
  if (isRGB) return `${mode}=#${v.toString(16).padStart(6, '0')}`;
  if (isPal) return `${mode}=${v}`;
  return '';
}

/** Attribute runs of the visible screen, one line per run (default cells omitted). */
export function screenColors(term: Terminal): string {
  const buf = term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y);
    if (!line) continue;
    let runStart = 0;
    let runKey = '';
    const flush = (end: number): void => {
      if (runKey) rows.push(`r${y} c${runStart}-${end - 1} ${runKey}`);
    };
    for (let x = 0; x < term.cols; x++) {
      const cell = line.getCell(x);
      if (!cell) break;
      const key = [
        colorOf('fg', cell), colorOf('bg', cell),
        cell.isBold() ? 'bold' : '', cell.isDim() ? 'dim' : '', cell.isItalic() ? 'italic' : '',
        cell.isUnderline() ? 'underline' : '', cell.isInverse() ? 'inverse' : '', cell.isStrikethrough() ? 'strike' : '',
      ].filter(Boolean).join(' ');
      if (key !== runKey) {
        flush(x);
        runStart = x;
        runKey = key;
      }
    }
    flush(term.cols);
  }
  return rows.join('\n');
}

/** Renders `draw` over the whole screen through the real renderer into xterm-headless. */
export async function renderScreen(draw: Draw, opts: ScreenOptions): Promise<Screen> {
  const area = { x: 0, y: 0, width: opts.cols, height: opts.rows };
  const paint = (): CellGrid => {
    const grid = new CellGrid(opts.cols, opts.rows);
    if (typeof draw === 'function') draw(grid, area);
    else draw.render(grid, area);
    return grid;
  };
  // Markdown loads its parser and highlights code in the background (a frame
  // first shows plain text); the snapshot is of the settled screen.
  await loadMarkdownParser();
  paint();
  await highlightIdle();
  const grid = paint();
  const writer = new FrameWriter(new Palette(loadTheme(opts.theme ?? 'dark'), opts.depth ?? 'truecolor'));
  const bytes = writer.render(grid);
  const term = newTerminal(opts.cols, opts.rows);
  await writeTerminal(term, bytes);
  const lines = screenLines(term);
  const screen = { lines, text: lines.join('\n'), colors: screenColors(term), bytes };
  term.dispose();
  return screen;
}

/** Compares `content` with snapshots/<name>.txt (rewritten when UPDATE_SNAPSHOTS=1). */
export function matchSnapshot(name: string, content: string): void {
  const file = join(assetPath('snapshots'), `${name}.txt`);
  const body = content.endsWith('\n') ? content : `${content}\n`;
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
    return;
  }
  if (!existsSync(file)) assert.fail(`snapshot ${file} does not exist; run with UPDATE_SNAPSHOTS=1 to create it`);
  assert.equal(body, readFileSync(file, 'utf8'), `snapshot ${name} changed; review and run with UPDATE_SNAPSHOTS=1 to accept`);
}

/** Snapshot text of a screen: a ruler line with the size, the rows, and optionally the colour runs. */
export function formatScreen(screen: Screen, opts: ScreenOptions, withColors: boolean): string {
  const header = `── ${opts.cols}x${opts.rows} theme=${opts.theme ?? 'dark'} ──`;
  const body = screen.lines.map((l) => `│${l}`).join('\n');
  return withColors ? `${header}\n${body}\n── colours ──\n${screen.colors}` : `${header}\n${body}`;
}

/** Renders and compares in one step; `colors: true` includes the attribute runs. */
export async function expectScreen(name: string, draw: Draw, opts: ScreenOptions & { colors?: boolean }): Promise<Screen> {
  const screen = await renderScreen(draw, opts);
  matchSnapshot(name, formatScreen(screen, opts, opts.colors ?? false));
  return screen;
}
