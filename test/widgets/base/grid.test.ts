import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellGrid, ClippedSurface, WIDE_TAIL } from '../../../widgets/base/grid.js';
import { styleById } from '../../../widgets/base/style-table.js';
import { expectScreen } from '../../support/screen.js';

test('wide graphemes take two cells with the trailing half marked', () => {
  const g = new CellGrid(6, 1);
  assert.equal(g.writeText(0, 0, '你a👍'), 5);
  assert.deepEqual(g.chars, ['你', WIDE_TAIL, 'a', '👍', WIDE_TAIL, ' ']);
});

test('a wide grapheme that does not fit leaves a blank instead of half a glyph', () => {
  const g = new CellGrid(3, 1);
  assert.equal(g.writeText(0, 0, 'a你好'), 3);
  assert.deepEqual(g.chars, ['a', '你', WIDE_TAIL]);
  const h = new CellGrid(4, 1);
  h.writeText(0, 0, 'ab你', undefined, 3);
  assert.deepEqual(h.chars, ['a', 'b', ' ', ' ']);
});

test('overwriting half of a wide grapheme blanks the other half', () => {
  const g = new CellGrid(4, 1);
  g.writeText(0, 0, '你好');
  g.writeText(1, 0, 'x');
  assert.deepEqual(g.chars, [' ', 'x', '好', WIDE_TAIL]);
  g.writeText(2, 0, 'y');
  assert.deepEqual(g.chars, [' ', 'x', 'y', ' ']);
});

test('styles are interned and fill covers the rect only', () => {
  const g = new CellGrid(4, 3);
  g.fill({ x: 1, y: 1, width: 2, height: 5 }, '#', { fg: 'accent', bold: true });
  assert.equal(g.rowText(0), '    ');
  assert.equal(g.rowText(1), ' ## ');
  assert.equal(g.rowText(2), ' ## ');
  assert.deepEqual(styleById(g.styleAt(1, 1)), { fg: 'accent', bold: true });
  assert.equal(g.styleAt(0, 1), 0);
});

test('a clipped surface keeps a child inside its rectangle', () => {
  const g = new CellGrid(8, 3);
  const s = new ClippedSurface(g, { x: 2, y: 1, width: 3, height: 1 });
  s.writeText(0, 0, 'abcdef');
  s.writeText(0, 1, 'zzz');
  s.fill({ x: -5, y: -5, width: 50, height: 50 }, '.');
  s.setCursor(1, 0);
  assert.equal(g.rowText(0), '        ');
  assert.equal(g.rowText(1), '  ...   ');
  assert.equal(g.rowText(2), '        ');
  assert.deepEqual(g.cursor, { x: 3, y: 1 });
});

test('snapshot: wide characters, emoji and combining marks through the real renderer', async () => {
  const screen = await expectScreen('tui/wide-characters', (s) => {
    s.writeText(0, 0, '中文字符 and 日本語 テキスト');
    s.writeText(0, 1, 'emoji 👍🏽 family 👨‍👩‍👧 flag 🇫🇷 end');
    s.writeText(0, 2, 'cafe\u0301 nai\u0308ve zero\u200bwidth');
    s.writeText(0, 3, '한국어 텍스트가 잘린다', { fg: 'accent' }, 15);
  }, { cols: 30, rows: 5, colors: true });
  assert.match(screen.lines[0]!, /^中文字符 and 日本語 テキスト$/);
});
