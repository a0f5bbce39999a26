import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomRuns } from '../../support/property.js';
import { CellGrid } from '../../../widgets/base/grid.js';
import type { Line, Rect, Style, Surface } from '../../../widgets/base/types.js';
import { BacktrackPreview } from '../../../widgets/transcript/backtrack.js';
import { HistoryCell } from '../../../widgets/transcript/cell.js';
import { AssistantMessageCell, ReasoningCell, UserMessageCell } from '../../../widgets/transcript/cells/message.js';
import { Transcript } from '../../../widgets/transcript/transcript.js';

class FixedCell extends HistoryCell {
  readonly kind = 'notice';
  builds = 0;
  constructor(private rows: string[]) {
    super();
  }
  set(rows: string[]): void {
    this.rows = rows;
    this.changed();
  }
  protected build(): Line[] {
    this.builds++;
    return this.rows.map((text) => [{ text }]);
  }
}

/** A Surface that records the text and style written to each row. */
class RecordingSurface implements Surface {
  rows = new Map<number, string>();
  styles = new Map<number, Style | undefined>();
  constructor(readonly width: number, readonly height: number) {}
  writeText(x: number, y: number, text: string, style?: Style): number {
    this.rows.set(y, (this.rows.get(y) ?? '') + text);
    if (text.trim()) this.styles.set(y, style);
    return text.length;
  }
  writeLine(x: number, y: number, line: Line): number {
    return line.reduce((n, s) => n + this.writeText(x + n, y, s.text, s.style), 0);
  }
  fill(_area: Rect): void {}
  setCursor(): void {}
}

function screen(t: Transcript, width: number, height: number, top: number): string[] {
  const g = new CellGrid(width, height);
  t.renderWindow(g, { x: 0, y: 0, width, height }, top);
  return Array.from({ length: height }, (_, y) => g.rowText(y).trimEnd());
}

test('total height: cells plus one blank row between them; hidden cells take no row and no gap', () => {
  const t = new Transcript();
  t.add(new FixedCell(['a', 'b']));
  t.add(new ReasoningCell('hidden', { hidden: true }));
  t.add(new FixedCell(['c']));
  assert.equal(t.totalHeight(10), 4);
  assert.deepEqual(screen(t, 10, 5, 0), ['a', 'b', '', 'c', '']);
  assert.equal(new Transcript().totalHeight(10), 0);
});

test('a window at any scroll offset shows exactly those rows of the whole transcript', () => {
  const t = new Transcript();
  const words = ['alpha', 'beta gamma delta', 'x', 'a much longer line that wraps several times over'];
  for (let i = 0; i < 12; i++) t.add(i % 3 === 0 ? new UserMessageCell(words[i % 4]!) : new AssistantMessageCell(words[(i + 1) % 4]!));
  const width = 14;
  const total = t.totalHeight(width);
  const full = screen(t, width, total, 0);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: total }), fc.integer({ min: 1, max: 9 }), (top, h) => {
      const expected = Array.from({ length: h }, (_, i) => full[top + i] ?? '');
      assert.deepEqual(screen(t, width, h, top), expected);
    }),
    randomRuns(200),
  );
});

test('only changed cells are re-wrapped; a resize re-wraps each cell once', () => {
  const t = new Transcript();
  const cells = Array.from({ length: 50 }, (_, i) => new FixedCell([`cell ${i}`]));
  for (const c of cells) t.add(c);
  assert.equal(t.totalHeight(40), 99);
  assert.ok(cells.every((c) => c.builds === 1));
  t.renderWindow(new CellGrid(40, 10), { x: 0, y: 0, width: 40, height: 10 }, 30);
  assert.equal(t.totalHeight(40), 99);
  assert.ok(cells.every((c) => c.builds === 1), 'measuring and drawing again reuses every cached cell');
  let notified = 0;
  t.onChange = () => notified++;
  cells[10]!.set(['x', 'y', 'z']);
  assert.equal(notified, 1);
  assert.equal(t.totalHeight(40), 101);
  assert.equal(cells[10]!.builds, 2);
  assert.equal(cells.filter((c) => c.builds === 1).length, 49);
  assert.equal(t.cellTop(11, 40), 10 * 2 + 3 + 1);
  t.totalHeight(30);
  assert.ok(cells.every((c, i) => c.builds === (i === 10 ? 3 : 2)));
});

test('truncate drops a cell and everything after it; removed cells no longer notify', () => {
  const t = new Transcript();
  const a = new FixedCell(['a']);
  const b = new FixedCell(['b']);
  t.add(a);
  t.add(b);
  t.add(new FixedCell(['c']));
  assert.equal(t.totalHeight(10), 5);
  const c = t.cells[2];
  assert.deepEqual(t.truncate(1), [b, c]);
  assert.equal(t.length, 1);
  assert.equal(t.totalHeight(10), 1);
  let notified = 0;
  t.onChange = () => notified++;
  b.set(['changed']);
  assert.equal(notified, 0);
  assert.equal(t.totalHeight(10), 1);
});

test('highlight paints the chosen cell with the selection colours; a footer takes the last row', () => {
  const t = new Transcript();
  t.add(new FixedCell(['one']));
  t.add(new FixedCell(['two']));
  const s = new RecordingSurface(20, 4);
  t.renderWindow(s, { x: 0, y: 0, width: 20, height: 4 }, 0, { highlight: 1, footer: [{ text: 'hint' }] });
  assert.equal(s.rows.get(0), 'one');
  assert.equal(s.rows.get(2), 'two');
  assert.equal(s.rows.get(3), 'hint');
  assert.deepEqual(s.styles.get(2), { fg: 'selection', bg: 'selection.bg' });
  assert.equal(s.styles.get(0), undefined);
});

test('backtrack preview: opens on the newest user message, steps older/newer, confirms with the turns to drop', () => {
  const t = new Transcript();
  const texts = ['first', 'second', 'third'];
  for (const text of texts) {
    t.add(new UserMessageCell(text));
    t.add(new AssistantMessageCell(`answer to ${text}`));
  }
  assert.equal(BacktrackPreview.available(new Transcript()), false);
  const p = new BacktrackPreview(t);
  assert.equal(p.selected, 4);
  assert.deepEqual(p.confirm(), { dropUserTurns: 1, cellIndex: 4, text: 'third' });
  p.older();
  p.older();
  p.older();
  assert.deepEqual(p.confirm(), { dropUserTurns: 3, cellIndex: 0, text: 'first' });
  p.newer();
  assert.deepEqual(p.confirm(), { dropUserTurns: 2, cellIndex: 2, text: 'second' });
  t.truncate(p.confirm().cellIndex);
  assert.equal(t.length, 2);
});

test('a 10,000-row transcript: measuring after a delta touches only the streaming cell', () => {
  const t = new Transcript();
  const fixed: FixedCell[] = [];
  for (let i = 0; i < 2000; i++) {
    const c = new FixedCell(Array.from({ length: 5 }, (_, k) => `row ${i}.${k}`));
    fixed.push(c);
    t.add(c);
  }
  const live = new AssistantMessageCell();
  t.add(live);
  assert.equal(t.totalHeight(80), 2000 * 6 - 1);
  for (let i = 0; i < 100; i++) {
    live.appendDelta(`token${i} `);
    t.totalHeight(80);
  }
  assert.ok(fixed.every((c) => c.builds === 1));
  assert.equal(t.totalHeight(80), 2000 * 6 + live.measure(80));
});

test('insert puts a cell before another; the cells after it still redraw when they change', () => {
  const t = new Transcript();
  const a = new FixedCell(['a']);
  const c = new FixedCell(['c']);
  t.add(a);
  t.add(c);
  assert.deepEqual(screen(t, 10, 3, 0), ['a', '', 'c']);
  t.insert(1, new FixedCell(['b']));
  assert.deepEqual(t.cells.map((x) => (x as FixedCell).lines(10)[0]![0]!.text), ['a', 'b', 'c']);
  assert.deepEqual(screen(t, 10, 5, 0), ['a', '', 'b', '', 'c']);
  c.set(['c2', 'c3']);
  assert.equal(t.totalHeight(10), 6);
  assert.deepEqual(screen(t, 10, 6, 0), ['a', '', 'b', '', 'c2', 'c3']);
});
