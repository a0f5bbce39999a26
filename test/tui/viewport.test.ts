import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellGrid } from '../../widgets/base/grid.js';
import type { Line } from '../../widgets/base/types.js';
import { LinesSource, Viewport } from '../../widgets/layout/viewport.js';
import { layoutColumn } from '../../widgets/layout/column.js';
import { SelectList } from '../../widgets/layout/select-list.js';

function view(lines: string[]): { v: Viewport; grow(n: number): void; rows(): string[] } {
  const content: Line[] = lines.map((t) => [{ text: t }]);
  const source = new LinesSource(() => content);
  const v = new Viewport(source);
  const grid = new CellGrid(10, 3);
  return {
    v,
    grow: (n) => {
      for (let i = 0; i < n; i++) content.push([{ text: `line ${content.length}` }]);
      source.invalidate();
    },
    rows: () => {
      grid.clear();
      v.render(grid, { x: 0, y: 0, width: 10, height: 3 });
      return [0, 1, 2].map((y) => grid.rowText(y).trimEnd());
    },
  };
}

test('the viewport sticks to the bottom while content grows, and holds still when scrolled up', () => {
  const t = view(['line 0', 'line 1', 'line 2', 'line 3']);
  assert.deepEqual(t.rows(), ['line 1', 'line 2', 'line 3']);
  t.grow(2);
  assert.deepEqual(t.rows(), ['line 3', 'line 4', 'line 5']);
  t.v.pageUp();
  assert.deepEqual(t.rows(), ['line 1', 'line 2', 'line 3']);
  t.grow(5);
  assert.deepEqual(t.rows(), ['line 1', 'line 2', 'line 3']);
  t.v.toBottom();
  assert.deepEqual(t.rows(), ['line 8', 'line 9', 'line 10']);
  t.v.toTop();
  assert.deepEqual(t.rows(), ['line 0', 'line 1', 'line 2']);
  t.v.scrollBy(1);
  assert.deepEqual(t.rows(), ['line 1', 'line 2', 'line 3']);
  t.v.scrollBy(-100);
  assert.deepEqual(t.rows(), ['line 0', 'line 1', 'line 2']);
});

test('short content is drawn from the top', () => {
  const t = view(['only']);
  assert.deepEqual(t.rows(), ['only', '', '']);
});

test('column layout: the flexible child takes the rest; fixed children at the bottom keep their rows first', () => {
  const fixed = (h: number) => ({ measure: () => h, render: () => undefined });
  const rects = layoutColumn([{ widget: fixed(1) }, { widget: fixed(0), flex: true }, { widget: fixed(3) }, { widget: fixed(1) }], { x: 0, y: 0, width: 10, height: 4 });
  assert.deepEqual(rects.map((r) => [r.y, r.height]), [[0, 0], [0, 0], [0, 3], [3, 1]]);
  const roomy = layoutColumn([{ widget: fixed(1) }, { widget: fixed(0), flex: true }, { widget: fixed(2) }], { x: 0, y: 0, width: 10, height: 10 });
  assert.deepEqual(roomy.map((r) => [r.y, r.height]), [[0, 1], [1, 7], [8, 2]]);
});

test('select list: wraps the selection and scrolls to keep it visible', () => {
  const l = new SelectList(2);
  l.setItems([{ label: 'a' }, { label: 'b' }, { label: 'c' }]);
  l.move(-1);
  assert.equal(l.current()?.label, 'c');
  const g = new CellGrid(12, 2);
  l.render(g, { x: 0, y: 0, width: 12, height: 2 });
  assert.deepEqual([g.rowText(0).trimEnd(), g.rowText(1).trimEnd()], ['  b', '› c']);
});

test('select list: a list longer than its rows says how many lie above and below, on the row measure() adds', () => {
  const l = new SelectList(3);
  l.setItems(['a', 'b', 'c', 'd', 'e'].map((label) => ({ label })));
  assert.equal(l.measure(20), 4);
  const draw = () => {
    const g = new CellGrid(30, 4);
    l.render(g, { x: 0, y: 0, width: 30, height: 4 });
    return [0, 1, 2, 3].map((y) => g.rowText(y).trimEnd());
  };
  assert.deepEqual(draw(), ['› a', '  b', '  c', '  ↓ 2 more  (1/5)']);
  l.move(3);
  assert.deepEqual(draw(), ['  b', '  c', '› d', '  ↑ 1 more · ↓ 1 more  (4/5)']);
  l.setItems([{ label: 'x' }, { label: 'y' }]);
  assert.equal(l.measure(20), 2, 'no extra row when everything fits');
});

test('a resize keeps a scrolled-up view in place as a share of the content: the top stays the top', () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
  const source = LinesSource.wrapped([[{ text: 'HEADER' }], [{ text: words }], [{ text: 'END' }]]);
  const v = new Viewport(source);
  const draw = (w: number, h: number) => {
    const grid = new CellGrid(w, h);
    v.render(grid, { x: 0, y: 0, width: w, height: h });
    return grid.rowText(0).trimEnd();
  };
  draw(40, 10);
  v.toTop();
  assert.equal(draw(40, 10), 'HEADER');
  assert.equal(draw(20, 6), 'HEADER');
  assert.equal(draw(60, 12), 'HEADER');
  assert.equal(v.atBottom, false);
  // From the middle, the view stays near the same words.
  draw(30, 12);
  v.toTop();
  draw(30, 12);
  v.scrollBy(10);
  const before = draw(30, 12);
  const after = draw(60, 12);
  assert.equal(v.atBottom, false);
  const n = (s: string) => Number(/w(\d+)/.exec(s)?.[1]);
  assert.ok(Math.abs(n(before) - n(after)) < 25, `${before} / ${after}`);
});
