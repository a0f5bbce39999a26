import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CappedBuffer } from '../../app/tools/capped-buffer.js';

const fill = (cap: number, ...chunks: string[]): CappedBuffer => {
  const b = new CappedBuffer(cap);
  for (const c of chunks) b.push(Buffer.from(c));
  return b;
};
const numbered = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}\n`).join('');

test('output within the cap is kept whole, lines counted as str::lines does', () => {
  const b = fill(1024, 'a\nb', '\nc');
  assert.equal(b.text(), 'a\nb\nc');
  assert.equal(b.lines, 3);
  assert.equal(fill(1024, 'a\n').lines, 1);
  assert.equal(fill(1024).lines, 0);
});

test('over the cap: whole lines at both ends, the marker counts every line written', () => {
  // 1..20000 is 108894 bytes; 200 bytes are kept.
  const b = new CappedBuffer(200);
  const all = numbered(1, 20000);
  for (let i = 0; i < all.length; i += 777) b.push(Buffer.from(all.slice(i, i + 777)));
  assert.equal(b.lines, 20000);
  const text = b.text();
  const m = /^((?:\d+\n)+)\[\.\.\. omitted (\d+) of 20000 lines \.\.\.\]\n((?:\d+\n)+)$/.exec(text);
  assert.ok(m, text);
  const head = m[1]!.split('\n').filter(Boolean);
  const tail = m[3]!.split('\n').filter(Boolean);
  assert.equal(head[0], '1');
  assert.equal(tail.at(-1), '20000');
  // Nothing cut inside a line: the head counts up from 1, the tail up to 20000 without gaps.
  assert.deepEqual(head, head.map((_, i) => String(i + 1)));
  assert.deepEqual(tail, tail.map((_, i) => String(20001 - tail.length + i)));
  assert.equal(Number(m[2]) + head.length + tail.length, 20000);
});

test('a tail that starts exactly at a line start keeps that line', () => {
  const b = fill(10, 'aaaa\n', 'bbbb\n', 'cccc\n');
  assert.equal(b.text(), 'aaaa\n[... omitted 1 of 3 lines ...]\ncccc\n');
});

test('a long line at the cut is cut inside rather than dropped whole', () => {
  const b = fill(1000, 'first\n', 'y'.repeat(5000), '\nlast\n');
  assert.match(b.text(), /^first\ny{494}\n\[\.\.\. omitted 4012 of 5012 bytes \.\.\.\]\ny{494}\nlast\n$/);
  assert.equal(b.lines, 3);
});

test('a line longer than half the cap is cut inside, at character boundaries, and the marker says bytes', () => {
  const b = fill(100, 'é'.repeat(1000));
  const text = b.text();
  assert.ok(!text.includes('\uFFFD'), text);
  const m = /^(é+)\n\[\.\.\. omitted (\d+) of 2000 bytes \.\.\.\]\n(é+)$/.exec(text);
  assert.ok(m, text);
  assert.equal(Number(m[2]) + Buffer.byteLength(m[1]!) + Buffer.byteLength(m[3]!), 2000);
  assert.equal(b.lines, 1);
});
