import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellSplit } from '../../app/text/shell-split.js';
import { shellJoin } from '../../app/text/shell-quote.js';

test('shellSplit splits on white space and honours quotes and backslashes', () => {
  assert.deepEqual(shellSplit('  a  "b c"  d\\ e \'f "g"\' '), { ok: true, words: ['a', 'b c', 'd e', 'f "g"'] });
  assert.deepEqual(shellSplit('KEY="Alice Smith" x=\'$1\''), { ok: true, words: ['KEY=Alice Smith', 'x=$1'] });
  assert.deepEqual(shellSplit('"a \\"q\\" \\\\ \\$ \\n"'), { ok: true, words: ['a "q" \\ $ \\n'] });
  assert.deepEqual(shellSplit('""'), { ok: true, words: [''] });
  assert.deepEqual(shellSplit(''), { ok: true, words: [] });
});

test('shellSplit reports an unterminated quote with its column', () => {
  assert.deepEqual(shellSplit('a "b c'), { ok: false, error: 'unterminated " quote at column 3' });
  assert.deepEqual(shellSplit("it's"), { ok: false, error: "unterminated ' quote at column 3" });
});

test('shellSplit undoes shellJoin', () => {
  for (const argv of [['echo', "it's", 'a b', ''], ['x=$HOME', '"q"', 'tab\there']]) {
    assert.deepEqual(shellSplit(shellJoin(argv)), { ok: true, words: argv });
  }
});
