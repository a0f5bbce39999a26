import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellGrid } from '../../widgets/base/grid.js';
import type { CellUpdate } from '../../app/tui/renderer/diff.js';
import { FrameEncoder } from '../../app/tui/renderer/frame-encoder.js';
import { Palette } from '../../app/tui/renderer/palette.js';
import { loadTheme } from '../../app/tui/theme-files.js';

const palette = new Palette(loadTheme('dark'), 'none');
const body = (s: string) => s.replace(/^\x1b\[\?2026h/, '').replace(/\x1b\[\?2026l$/, '');
const cell = (x: number, y: number, ch: string, style = 0, width: 1 | 2 = 1): CellUpdate => ({ kind: 'cell', x, y, ch, style, width });

test('encoder: nothing to do is no bytes; anything else is one synchronized update', () => {
  const e = new FrameEncoder(palette);
  const g = new CellGrid(10, 2);
  assert.equal(body(e.encode([], g, true)), '\x1b[0m\x1b[H\x1b[2J\x1b[?25l');
  assert.equal(e.encode([], g, false), '');
  const out = e.encode([cell(0, 0, 'a')], g, false);
  assert.ok(out.startsWith('\x1b[?2026h') && out.endsWith('\x1b[?2026l'));
});

test('encoder: the cheapest cursor move: none, reprint up to 3 cells, CUF, CR LF, CUD, CUP', () => {
  const e = new FrameEncoder(palette);
  const g = new CellGrid(20, 5);
  g.writeText(0, 0, 'abcdefghij');
  e.encode([], g, true);
  assert.equal(body(e.encode([cell(0, 0, 'a'), cell(1, 0, 'b')], g, false)), 'ab', 'the cursor is home after a clear');
  assert.equal(body(e.encode([cell(4, 0, 'e')], g, false)), 'cde', 'the cursor was after b: c and d are re-sent');
  assert.equal(body(e.encode([cell(9, 0, 'j')], g, false)), '\x1b[4Cj');
  assert.equal(body(e.encode([cell(0, 1, 'x')], g, false)), '\r\nx');
  assert.equal(body(e.encode([cell(1, 3, 'y')], g, false)), '\x1b[2By');
  assert.equal(body(e.encode([cell(5, 0, 'z')], g, false)), '\x1b[1;6Hz');
});

test('encoder: SGR only when the style changes; erase resets the style first', () => {
  const e = new FrameEncoder(palette);
  const g = new CellGrid(20, 1);
  e.encode([], g, true);
  const style1 = palette.sgr(1);
  const out = body(e.encode([cell(0, 0, 'a', 1), cell(1, 0, 'b', 1), { kind: 'erase', x: 2, y: 0 }], g, false));
  assert.equal(out, `${style1}ab\x1b[0m\x1b[K`);
});

test('encoder: after a wide grapheme of uncertain width or at the margin the position is unknown', () => {
  const e = new FrameEncoder(palette);
  const g = new CellGrid(4, 2);
  e.encode([], g, true);
  assert.equal(body(e.encode([cell(0, 0, '👨‍👩‍👧', 0, 2), cell(2, 0, ' ')], g, false)), '👨‍👩‍👧\x1b[1;3H ');
  assert.equal(body(e.encode([cell(3, 0, 'x'), cell(0, 1, 'y')], g, false)), 'x\x1b[2;1Hy', 'after the last column: an absolute move');
});

test('encoder: the cursor is shown where the frame puts it, hidden when it has none', () => {
  const e = new FrameEncoder(palette);
  const g = new CellGrid(10, 2);
  g.setCursor(3, 1);
  assert.equal(body(e.encode([], g, true)), '\x1b[0m\x1b[H\x1b[2J\x1b[2;4H\x1b[?25h');
  assert.equal(e.encode([], g, false), '', 'unchanged cursor: nothing');
  g.setCursor(-1, -1);
  assert.equal(body(e.encode([], g, false)), '\x1b[?25l');
});
