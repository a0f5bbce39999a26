import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Composer, LARGE_PASTE_CHARS, type ComposerOutcome } from '../../widgets/composer/composer.js';
import { TextArea } from '../../widgets/composer/textarea.js';
import { PasteBurst } from '../../widgets/composer/paste-burst.js';
import { caretPosition, layoutRows } from '../../widgets/composer/layout.js';
import { CellGrid } from '../../widgets/base/grid.js';

/** What a submit sends. */
const sent = (o: ComposerOutcome) => (o.type === 'submit' ? { type: 'submit', text: o.draft.text, images: o.draft.images } : o);

function typed(c: Composer, text: string, start = 0, gap = 50): number {
  let now = start;
  for (const ch of text) c.apply('insert_text', ch, (now += gap));
  return now;
}

test('editing: words, kill and yank, line start/end, grapheme-wise delete', () => {
  const t = new TextArea();
  t.setText('hello big world');
  t.wordLeft();
  assert.equal(t.cursor, 10);
  t.deleteWordBackward();
  assert.equal(t.text, 'hello world');
  t.lineEnd();
  t.yank();
  assert.equal(t.text, 'hello worldbig ');
  t.lineStart();
  t.killLineEnd();
  assert.equal(t.text, '');
  t.yank();
  assert.equal(t.text, 'hello worldbig ');
  t.setText('a👨‍👩‍👧b', 'a👨‍👩‍👧'.length);
  t.deleteBackward();
  assert.equal(t.text, 'ab');
  // Printable ASCII skips the segmenter; an ASCII letter carrying a combining mark or a keycap does not.
  t.setText('ae\u0301b', 1);
  t.deleteForward();
  assert.equal(t.text, 'ab');
  t.setText('x1\ufe0f\u20e3', 4);
  t.deleteBackward();
  assert.equal(t.text, 'x');
  t.setText('one\ntwo', 5);
  t.killLineStart();
  assert.equal(t.text, 'one\nwo');
  t.killLineStart();
  assert.equal(t.text, 'onewo');
  t.setText('x yz', 0);
  t.deleteWordForward();
  assert.equal(t.text, ' yz');
});

test('Enter submits the trimmed text; newline keys insert line breaks; empty text is not submitted', () => {
  const c = new Composer({ disablePasteBurst: true });
  assert.deepEqual(c.apply('submit', undefined, 0), { type: 'unchanged' });
  typed(c, '  first');
  c.apply('newline', undefined, 1000);
  typed(c, 'second  ', 2000);
  assert.equal(c.text, '  first\nsecond  ');
  assert.deepEqual(sent(c.apply('submit', undefined, 5000)), { type: 'submit', text: 'first\nsecond', images: [] });
  assert.equal(c.text, '');
});

test('history: Up recalls from an empty composer, newest first; Down past the newest clears', () => {
  const c = new Composer({ disablePasteBurst: true });
  c.history.setPersistent(2, (i) => ['old one', 'old two'][i]);
  for (const msg of ['mine 1', 'mine 2']) {
    typed(c, msg);
    c.apply('submit', undefined, 0);
  }
  const up = (): string => (c.apply('history_prev_or_up', undefined, 0), c.text);
  const down = (): string => (c.apply('history_next_or_down', undefined, 0), c.text);
  assert.equal(up(), 'mine 2');
  assert.equal(up(), 'mine 1');
  assert.equal(up(), 'old two');
  assert.equal(up(), 'old one');
  assert.equal(up(), 'old one');
  assert.equal(down(), 'old two');
  assert.equal(down(), 'mine 1');
  assert.equal(down(), 'mine 2');
  assert.equal(down(), '');
});

test('history does not hijack Up/Down in edited multi-line text: they move by row', () => {
  const c = new Composer({ disablePasteBurst: true });
  c.history.push('previous');
  typed(c, 'line one');
  c.apply('newline', undefined, 0);
  typed(c, 'line two');
  c.apply('history_prev_or_up', undefined, 0);
  assert.equal(c.text, 'line one\nline two');
  assert.equal(c.textarea.cursor, 'line one'.length);
  c.apply('history_next_or_down', undefined, 0);
  assert.equal(c.textarea.cursor, c.text.length);
});

test('a paste over 1000 chars becomes a placeholder, expanded on submit and deleted whole by Backspace', () => {
  const c = new Composer({ disablePasteBurst: true });
  const big = 'x'.repeat(LARGE_PASTE_CHARS + 1);
  c.apply('paste', big, 0);
  assert.equal(c.text, `[Pasted Content ${LARGE_PASTE_CHARS + 1} chars]`);
  c.apply('delete_backward', undefined, 0);
  assert.equal(c.text, '');
  typed(c, 'see: ');
  c.apply('paste', big, 0);
  c.apply('paste', 'small', 0);
  const out = c.apply('submit', undefined, 0);
  assert.deepEqual(sent(out), { type: 'submit', text: `see: ${big}small`, images: [] });
});

test('a pasted image path attaches the image: an atomic placeholder, the file listed on submit; a refused one inserts nothing', () => {
  const seen: string[] = [];
  const c = new Composer({
    disablePasteBurst: true,
    pastedImage: (t) => {
      seen.push(t);
      if (t === '/big.png') return 'refused';
      return t.endsWith('.png') ? { label: `[image ${t.slice(1)} 1×1]`, path: t } : undefined;
    },
  });
  typed(c, 'see ');
  c.apply('paste', '/a.png', 0);
  assert.equal(c.text, 'see [image a.png 1×1] ');
  c.apply('paste', '/big.png', 0);
  assert.equal(c.text, 'see [image a.png 1×1] ', 'refused: nothing inserted');
  c.apply('paste', 'words', 0);
  c.apply('delete_backward', undefined, 0);
  assert.equal(c.text, 'see [image a.png 1×1] word');
  // Backspace over the placeholder takes it whole, and the attachment with it.
  for (let i = 0; i < 5; i++) c.apply('delete_backward', undefined, 0);
  assert.equal(c.text, 'see [image a.png 1×1]');
  c.apply('delete_backward', undefined, 0);
  assert.equal(c.text, 'see ');
  assert.deepEqual(c.textarea.images(), []);
  c.apply('paste', '/b.png', 0);
  c.apply('line_start', undefined, 0);
  c.apply('paste', '/a.png', 0);
  c.apply('paste', '/a.png', 0);
  assert.equal(c.text, '[image a.png 1×1] [image a.png 1×1 #2] see [image b.png 1×1] ');
  assert.deepEqual(sent(c.apply('submit', undefined, 0)), {
    type: 'submit', text: '[image a.png 1×1] [image a.png 1×1 #2] see [image b.png 1×1]', images: ['/a.png', '/a.png', '/b.png'],
  });
  assert.deepEqual(seen, ['/a.png', '/big.png', 'words', '/b.png', '/a.png', '/a.png']);
});

test('paste burst: fast characters are buffered, Enter inside the burst is a newline, the pause inserts them', () => {
  const c = new Composer();
  let now = 100;
  for (const ch of 'abc') c.apply('insert_text', ch, (now += 1));
  assert.equal(c.text, '', 'the burst took back the first characters');
  assert.equal(c.apply('submit', undefined, (now += 2)).type, 'unchanged');
  for (const ch of 'de') c.apply('insert_text', ch, (now += 1));
  assert.equal(c.burstPending, true);
  assert.equal(c.tick(now + 1), false, 'no flush while characters still arrive');
  assert.equal(c.tick(now + 50), true);
  assert.equal(c.text, 'abc\nde');
  // Slow typing is plain typing.
  const slow = new Composer();
  typed(slow, 'hi', 0, 100);
  assert.equal(slow.text, 'hi');
  assert.equal(slow.burstPending, false);
});

test('paste burst: keys that arrive while a burst is buffered keep their order (Ctrl+J, Backspace, arrows)', () => {
  const c = new Composer();
  let now = 100;
  for (const ch of 'one') c.apply('insert_text', ch, (now += 1));
  c.apply('newline', undefined, (now += 1));
  for (const ch of 'two') c.apply('insert_text', ch, (now += 1));
  c.tick(now + 50);
  assert.equal(c.text, 'one\ntwo');
  const d = new Composer();
  now = 100;
  for (const ch of 'abc') d.apply('insert_text', ch, (now += 1));
  d.apply('delete_backward', undefined, (now += 1));
  d.apply('char_left', undefined, (now += 1));
  d.apply('insert_text', 'X', (now += 30));
  d.tick(now + 50);
  assert.equal(d.text, 'aXb');
});

test('Enter is Enter: within a burst, an Enter 100 ms or more after the last character submits, one sooner is a newline (fake clock, no flush tick ran)', () => {
  const burst = (): Composer => {
    const c = new Composer();
    for (const [i, ch] of [...'typed'].entries()) c.apply('insert_text', ch, 1000 + i);
    assert.equal(c.burstPending, true);
    return c;
  };
  const soon = burst();
  assert.equal(soon.apply('submit', undefined, 1004 + 99).type, 'unchanged', '99 ms: still the paste');
  const late = burst();
  // The flush timer never got to run (a loaded machine): the gap alone decides.
  assert.deepEqual(sent(late.apply('submit', undefined, 1004 + 100)), { type: 'submit', text: 'typed', images: [] });
  const later = burst();
  assert.deepEqual(sent(later.apply('submit', undefined, 1004 + 300)), { type: 'submit', text: 'typed', images: [] });
});

test('with bracketed paste known, characters are never a burst: Enter right after them submits', () => {
  const c = new Composer();
  c.bracketedPaste = true;
  for (const ch of 'fast') c.apply('insert_text', ch, 1000);
  assert.equal(c.burstPending, false);
  assert.equal(c.text, 'fast');
  assert.deepEqual(sent(c.apply('submit', undefined, 1000)), { type: 'submit', text: 'fast', images: [] });
});

test('the burst detector needs three characters at most 8 ms apart', () => {
  const b = new PasteBurst();
  assert.equal(b.onChar('a', 0, ''), 'insert');
  assert.equal(b.onChar('b', 9, 'a'), 'insert');
  assert.equal(b.onChar('c', 20, 'ab'), 'insert');
  assert.equal(b.onChar('d', 25, 'abc'), 'insert');
  assert.equal(b.onChar('e', 30, 'abcd'), 2);
  assert.equal(b.onChar('f', 31, ''), 'buffer');
  assert.equal(b.flush(100), 'cdef');
});

test('layout wraps rows at the width and puts the caret after a full row on the next row', () => {
  const rows = layoutRows('abcdef\n你好', 3);
  assert.deepEqual(rows.map((r) => [r.start, r.end]), [[0, 3], [3, 6], [7, 8], [8, 9]]);
  assert.deepEqual(caretPosition(rows, 3, 3), { row: 1, col: 0 });
  assert.deepEqual(caretPosition(rows, 6, 3), { row: 2, col: 0 });
  assert.deepEqual(caretPosition(rows, 9, 3), { row: 3, col: 2 });
});

test('layout wraps at the last space so words stay whole; a word longer than the row still breaks', () => {
  const text = (t: string, w: number) => layoutRows(t, w).map((r) => r.cells.map((c) => c.g).join(''));
  assert.deepEqual(text('abc abc abc abc', 10), ['abc abc ', 'abc abc']);
  assert.deepEqual(text('a abcdefghijk', 5), ['a ', 'abcde', 'fghij', 'k']);
  assert.deepEqual(text('ab 你好', 4), ['ab ', '你好']);
  const rows = layoutRows('abc abc abc abc', 10);
  assert.deepEqual(rows.map((r) => [r.start, r.end]), [[0, 8], [8, 15]]);
  assert.deepEqual(caretPosition(rows, 8, 10), { row: 1, col: 0 });
  assert.deepEqual(caretPosition(rows, 7, 10), { row: 0, col: 7 });
});

test('layout property: rows fit the width, every grapheme is placed once in order, every caret has a place', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '你', '\n'), maxLength: 60 }), fc.integer({ min: 2, max: 12 }), (t, w) => {
    const rows = layoutRows(t, w);
    for (const r of rows) for (const c of r.cells) assert.ok(c.col + c.width <= w);
    const indices = rows.flatMap((r) => r.cells.map((c) => c.index));
    assert.equal(indices.length, [...new Intl.Segmenter().segment(t.replace(/\n/g, ''))].length);
    for (let i = 1; i < indices.length; i++) assert.ok(indices[i]! > indices[i - 1]!);
    for (let c = 0; c <= t.length; c++) assert.ok(caretPosition(rows, c, w).row < rows.length + 1);
  }), { numRuns: 1000 });
});

test('the composer draws the prompt and places the terminal cursor at the caret', () => {
  const c = new Composer({ disablePasteBurst: true });
  typed(c, 'hello');
  c.apply('char_left', undefined, 0);
  const g = new CellGrid(20, 3);
  const h = c.measure(20);
  assert.equal(h, 2);
  c.render(g, { x: 0, y: 0, width: 20, height: h });
  assert.equal(g.rowText(1).trimEnd(), '› hello');
  assert.deepEqual(g.cursor, { x: 6, y: 1 });
});

test('a word that ends exactly at the right edge: the next row starts with the next word, not the space', () => {
  const rows = layoutRows('abc def ghi', 3);
  assert.deepEqual(rows.map((r) => r.cells.filter((c) => c.width > 0).map((c) => c.g).join('')), ['abc', 'def', 'ghi'], 'the drawn rows');
  assert.deepEqual(caretPosition(layoutRows('abc ', 3), 4, 3), { row: 1, col: 0 }, 'typing goes on at the start of the next row');
});
