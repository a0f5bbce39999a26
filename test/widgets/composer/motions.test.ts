import assert from 'node:assert/strict';
import { test } from 'node:test';
import { motionTarget, nextWordEnd, nextWordStart, operatorRange, prevWordStart } from '../../../widgets/composer/motions.js';

const cut = (text: string, [from, to]: [number, number]): string => text.slice(0, from) + text.slice(to);

test('word motions by character class: letters/digits/_, other symbols, blanks', () => {
  const t = 'foo.bar  baz_1 (x)';
  assert.deepEqual([0, 3, 4, 9, 15, 16].map((i) => nextWordStart(t, i)), [3, 4, 9, 15, 16, 17]);
  assert.equal(nextWordStart(t, 17), t.length);
  assert.deepEqual([0, 2, 3, 7, 13].map((i) => nextWordEnd(t, i)), [2, 3, 6, 13, 15]);
  assert.deepEqual([18, 9, 8, 4, 3, 1].map((i) => prevWordStart(t, i)), [17, 4, 4, 3, 0, 0]);
  assert.equal(motionTarget(t, 0, 'word_next_start', 3), 9);
  assert.equal(motionTarget('héllo wörld', 0, 'word_next_start'), 6, 'accented letters are word characters');
  assert.equal(motionTarget('ab\ncd', 4, 'line_start'), 3);
  assert.equal(motionTarget('ab\ncd', 0, 'line_end'), 2);
  assert.equal(motionTarget('👍🏽x', 0, 'char_right'), '👍🏽'.length, 'a grapheme at a time');
  assert.equal(motionTarget('abc', 1, 'char_left', 5), 0, 'a count stops at the edge');
});

test('operator ranges: dw, de, d$, d0, cw (to the word end), counts, and dw stops at the line end', () => {
  const t = 'hello big world';
  assert.equal(cut(t, operatorRange(t, 0, 'delete_to', 'word_next_start')), 'big world');
  assert.equal(cut(t, operatorRange(t, 0, 'delete_to', 'word_next_start', 2)), 'world');
  assert.equal(cut(t, operatorRange(t, 0, 'delete_to', 'word_next_end')), ' big world');
  assert.equal(cut(t, operatorRange(t, 6, 'change_to', 'word_next_start')), 'hello  world');
  assert.equal(cut(t, operatorRange(t, 6, 'delete_to', 'line_end')), 'hello ');
  assert.equal(cut(t, operatorRange(t, 6, 'delete_to', 'line_start')), 'big world');
  assert.equal(cut(t, operatorRange(t, 6, 'delete_to', 'word_prev_start')), 'big world');
  assert.equal(cut('one\ntwo', operatorRange('one\ntwo', 0, 'delete_to', 'word_next_start')), '\ntwo');
  assert.equal(cut('hello', operatorRange('hello', 0, 'delete_to', 'word_next_start')), '');
});

test('text objects: iw, aw and whole lines (dd takes the newline; cc keeps the line)', () => {
  const t = 'say hello there';
  assert.equal(cut(t, operatorRange(t, 6, 'change_to', 'inner_word')), 'say  there');
  assert.equal(cut(t, operatorRange(t, 6, 'delete_to', 'a_word')), 'say there');
  assert.equal(cut(t, operatorRange(t, 13, 'delete_to', 'a_word')), 'say hello', 'at the end: the blanks before it');
  assert.equal(cut(t, operatorRange(t, 3, 'delete_to', 'inner_word')), 'sayhello there', 'on blanks: the blanks');
  const lines = 'one\ntwo\nthree';
  assert.equal(cut(lines, operatorRange(lines, 5, 'delete_to', 'whole_line')), 'one\nthree');
  assert.equal(cut(lines, operatorRange(lines, 0, 'delete_to', 'whole_line', 2)), 'three');
  assert.equal(cut(lines, operatorRange(lines, 9, 'delete_to', 'whole_line')), 'one\ntwo', 'the last line takes the newline before it');
  assert.equal(cut(lines, operatorRange(lines, 5, 'change_to', 'whole_line')), 'one\n\nthree');
  assert.equal(cut('solo', operatorRange('solo', 2, 'delete_to', 'whole_line')), '');
});
