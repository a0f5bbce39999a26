import { test } from 'node:test';
import fc from 'fast-check';
import { randomRuns } from '../../support/property.js';
import assert from 'node:assert/strict';
import { CellGrid, ClippedSurface, WIDE_TAIL } from '../../../widgets/base/grid.js';
import { styleById, styleId } from '../../../widgets/base/style-table.js';
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

test('fill cuts a wide grapheme at either edge of the rect to a blank, as writing a cell there does', () => {
  const g = new CellGrid(6, 1);
  g.writeText(0, 0, '你好世');
  g.fill({ x: 1, y: 0, width: 2, height: 1 }, '.', { fg: 'accent' });
  assert.deepEqual(g.chars, [' ', '.', '.', ' ', '世', WIDE_TAIL]);
  assert.equal(g.styleAt(0, 0), g.styleAt(3, 0), 'the cut halves keep their style');
  assert.deepEqual(styleById(g.styleAt(2, 0)), { fg: 'accent' });
  g.writeText(0, 0, '你好世');
  g.fill({ x: 2, y: 0, width: 2, height: 1 }, '-');
  assert.deepEqual(g.chars, ['你', WIDE_TAIL, '-', '-', '世', WIDE_TAIL], 'a span on grapheme boundaries cuts nothing');
  g.fill({ x: 0, y: 0, width: 6, height: 1 }, '好');
  assert.deepEqual(g.chars, ['好', WIDE_TAIL, '好', WIDE_TAIL, '好', WIDE_TAIL]);
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

test('property: ASCII text (the fast path) lands cell by cell, clipped at either edge and at maxWidth, over wide graphemes too, as the segmenting path puts it', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[ -~]{0,30}$/), fc.integer({ min: -8, max: 24 }), fc.option(fc.integer({ min: -2, max: 30 }), { nil: undefined }), (text, x, maxWidth) => {
      const fast = new CellGrid(20, 1);
      const slow = new CellGrid(20, 1);
      for (const g of [fast, slow]) g.writeText(0, 0, '界界界界界界界界界界');
      const n = fast.writeText(x, 0, text, { bold: true }, maxWidth);
      // What the segmenting path does with them: each character put in its column until the limit.
      const sid = styleId({ bold: true });
      let col = x;
      const limit = Math.min(20, maxWidth === undefined ? 20 : x + Math.max(0, maxWidth));
      for (const ch of text) {
        if (col >= limit) break;
        if (col >= 0) slow.put(col, 0, ch, 1, sid);
        col++;
      }
      assert.equal(n, Math.max(0, col - Math.max(x, 0)));
      assert.deepEqual(fast.chars, slow.chars);
      assert.deepEqual([...fast.styles], [...slow.styles]);
    }),
    randomRuns(500),
  );
});
