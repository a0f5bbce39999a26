import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomRuns } from '../../support/property.js';
import { displayWidth, graphemes, truncate, truncateLine, wrapLine, wrapText } from '../../../widgets/base/text.js';
import type { Line } from '../../../widgets/base/types.js';

const plain = (rows: Line[]): string[] => rows.map((r) => r.map((s) => s.text).join(''));

test('display width of ASCII, CJK, emoji, ZWJ sequences, combining marks and zero-width chars', () => {
  assert.equal(displayWidth('hello'), 5);
  assert.equal(displayWidth('你好'), 4);
  assert.equal(displayWidth('👍'), 2);
  assert.equal(displayWidth('👨‍👩‍👧'), 2);
  assert.equal(graphemes('👨‍👩‍👧').length, 1);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(graphemes('e\u0301x').length, 2);
  assert.equal(displayWidth('a\u200bb'), 2);
});

test('control characters never reach the grid; tabs become spaces', () => {
  assert.deepEqual(graphemes('a\x1b[31mb'), ['a', '[', '3', '1', 'm', 'b']);
  assert.equal(displayWidth('\tx'), 5);
});

test('truncate cuts at the column and adds an ellipsis', () => {
  assert.equal(truncate('hello world', 8), 'hello w…');
  assert.equal(truncate('hello', 5), 'hello');
  assert.equal(truncate('你好世界', 5), '你好…');
  assert.equal(truncate('abc', 0), '');
});

test('truncateLine keeps styles and appends the ellipsis', () => {
  const bold = { bold: true };
  const out = truncateLine([{ text: 'abc' }, { text: 'defgh', style: bold }], 6);
  assert.deepEqual(out, [{ text: 'abc' }, { text: 'de', style: bold }, { text: '…', style: bold }]);
});

test('wrapLine breaks at spaces, drops the break space and keeps span styles', () => {
  const red = { fg: 'error' };
  const rows = wrapLine([{ text: 'the quick ' }, { text: 'brown fox', style: red }, { text: ' jumps' }], 10);
  assert.deepEqual(plain(rows), ['the quick', 'brown fox', 'jumps']);
  assert.deepEqual(rows[1], [{ text: 'brown fox', style: red }]);
});

test('wrapLine hard-breaks long words and wide characters at the width', () => {
  assert.deepEqual(plain(wrapText('abcdefghij', 4)), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(plain(wrapText('你好世界', 3)), ['你', '好', '世', '界']);
  assert.deepEqual(plain(wrapText('ab 你好世界', 5)), ['ab 你', '好世', '界']); // CJK breaks between ideographs
  // A word carried to the next row is broken again when the next glyph still does not fit.
  assert.deepEqual(plain(wrapText(' 日本語', 3)), [' 日', '本', '語']);
  assert.deepEqual(plain(wrapText('a 日本語', 3)), ['a', '日', '本', '語']);
});

test('property: every row of wrapLine fits the width and no glyph is lost', () => {
  const piece = fc.constantFrom(' ', '  ', 'a', 'word', 'longerword', '日本語', '你', '🎉', 'e\u0301', '\n', '\t');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 2, max: 12 }), (parts, width) => {
      const text = parts.join('');
      const rows = plain(wrapText(text, width));
      for (const r of rows) assert.ok(displayWidth(r) <= width, `row "${r}" is wider than ${width}`);
      const strip = (s: string): string => s.replace(/\s/g, '');
      assert.equal(strip(rows.join('')), strip(text));
    }),
    randomRuns(2000),
  );
});

test('wrapLine honours newlines and keeps indentation after them', () => {
  assert.deepEqual(plain(wrapText('a\n  b', 10)), ['a', '  b']);
  assert.deepEqual(plain(wrapText('', 10)), ['']);
  assert.deepEqual(plain(wrapText('one two three', 7)), ['one two', 'three']);
});

test('quickWidth agrees with string-width for every code point it answers', async () => {
  const { default: stringWidth } = await import('string-width');
  const { quickWidth } = await import('../../../widgets/base/text.js');
  let checked = 0;
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const q = quickWidth(cp);
    if (q === undefined) continue;
    assert.equal(q, stringWidth(String.fromCharCode(cp)), `U+${cp.toString(16)}`);
    checked++;
  }
  assert.ok(checked > 30_000);
});

test('CJK text without spaces breaks between ideographs, not before the whole run', () => {
  const rows = (t: string, w: number) => wrapLine([{ text: t }], w).map((l) => l.map((s) => s.text).join(''));
  assert.deepEqual(rows('CJK: 这是一个很长的中文句子', 16), ['CJK: 这是一个很', '长的中文句子']);
  assert.deepEqual(rows('abc 你好世界 def', 8), ['abc 你好', '世界 def']);
  assert.deepEqual(rows('hello world foo bar', 11), ['hello world', 'foo bar']);
});

test('quickWidth agrees with a Unicode 11 terminal (xterm.js with its unicode11 addon) for every code point it answers', async () => {
  const { quickWidth } = await import('../../../widgets/base/text.js');
  const { newTerminal, writeTerminal } = await import('../../support/screen.js');
  const cps: number[] = [];
  for (let cp = 0x20; cp <= 0xffff; cp++) if (quickWidth(cp) !== undefined) cps.push(cp);
  const term = newTerminal(1000, 1);
  try {
    // A row at a time: each character's first cell says how wide the terminal drew it.
    for (let i = 0; i < cps.length; i += 400) {
      const chunk = cps.slice(i, i + 400);
      await writeTerminal(term, `\r\x1b[2K${String.fromCharCode(...chunk)}`);
      const line = term.buffer.active.getLine(term.buffer.active.viewportY)!;
      let x = 0;
      for (const cp of chunk) {
        const cell = line.getCell(x)!;
        assert.equal(cell.getChars(), String.fromCharCode(cp), `U+${cp.toString(16)} at column ${x}`);
        assert.equal(cell.getWidth(), quickWidth(cp), `U+${cp.toString(16)}`);
        x += cell.getWidth();
      }
    }
  } finally {
    term.dispose();
  }
});
