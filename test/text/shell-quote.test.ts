import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellJoin, shellQuote } from '../../app/text/shell-quote.js';

test('shellQuote leaves safe words alone and single-quotes the rest', () => {
  assert.equal(shellQuote('ls'), 'ls');
  assert.equal(shellQuote('a/b-c_d.e=f:g,h@i%j+k'), 'a/b-c_d.e=f:g,h@i%j+k');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('echo hi'), "'echo hi'");
  assert.equal(shellQuote("it's"), `'it'"'"'s'`);
  assert.equal(shellQuote('$HOME'), "'$HOME'");
});

test('shellJoin joins quoted words with spaces', () => {
  assert.equal(shellJoin(['bash', '-lc', 'echo hi > out']), "bash -lc 'echo hi > out'");
  assert.equal(shellJoin([]), '');
});
