import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellGrid } from '../../widgets/base/grid.js';
import { diff, type FrameCells } from '../../app/tui/renderer/diff.js';

const snapshot = (g: CellGrid): FrameCells => ({ width: g.width, height: g.height, chars: g.chars.slice(), styles: g.styles.slice() });
const cells = (u: ReturnType<typeof diff>) => u.map((c) => (c.kind === 'erase' ? `erase@${c.x},${c.y}` : `${c.ch}@${c.x},${c.y}/${c.width}`));

test('diff: equal frames have no updates; a first frame lists only what is not blank', () => {
  const g = new CellGrid(20, 3);
  g.writeText(2, 1, 'hi');
  assert.deepEqual(cells(diff(undefined, g)), ['h@2,1/1', 'i@3,1/1']);
  assert.deepEqual(diff(snapshot(g), g), []);
});

test('diff: only changed cells, row by row, left to right; a wide grapheme is one update of width 2', () => {
  const g = new CellGrid(20, 2);
  g.writeText(0, 0, 'abc');
  g.writeText(0, 1, 'xyz');
  const before = snapshot(g);
  g.writeText(1, 0, 'B');
  g.writeText(0, 1, '界');
  assert.deepEqual(cells(diff(before, g)), ['B@1,0/1', '界@0,1/2']);
});

test('diff: a blank tail of 8 or more cells in the default style is one erase; a shorter one is written', () => {
  const g = new CellGrid(20, 1);
  g.writeText(0, 0, 'a'.repeat(20));
  const before = snapshot(g);
  g.clear();
  g.writeText(0, 0, 'a'.repeat(10));
  assert.deepEqual(cells(diff(before, g)), ['erase@10,0']);
  const g2 = new CellGrid(10, 1);
  g2.writeText(0, 0, 'a'.repeat(10));
  const before2 = snapshot(g2);
  g2.clear();
  g2.writeText(0, 0, 'a'.repeat(5));
  assert.deepEqual(cells(diff(before2, g2)), [' @5,0/1', ' @6,0/1', ' @7,0/1', ' @8,0/1', ' @9,0/1']);
});

test('diff: the cell after a grapheme of uncertain width is rewritten even when unchanged', () => {
  const g = new CellGrid(10, 1);
  g.writeText(0, 0, 'a👨‍👩‍👧 b');
  const before = snapshot(g);
  g.writeText(1, 0, '👩‍👩‍👦');
  assert.deepEqual(cells(diff(before, g)), ['👩‍👩‍👦@1,0/2', ' @3,0/1']);
});

test('diff: a previous frame of another size counts as a blank screen', () => {
  const g = new CellGrid(4, 1);
  g.writeText(0, 0, 'ab');
  assert.deepEqual(cells(diff({ width: 3, height: 1, chars: ['a', 'b', ' '], styles: new Uint32Array(3) }, g)), ['a@0,0/1', 'b@1,0/1']);
});
