import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellJoin, shellQuote, shellWords } from '../../app/text/shell-quote.js';

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

test('shellWords splits as a shell does: quotes and escapes removed, an open quote is undefined', () => {
  assert.deepEqual(shellWords('/home/u/My\\ File.png'), ['/home/u/My File.png']);
  assert.deepEqual(shellWords("'/home/u/My File.png'"), ['/home/u/My File.png']);
  assert.deepEqual(shellWords('"/a \\"b\\" \\x.png"'), ['/a "b" \\x.png']);
  assert.deepEqual(shellWords("  a  'b c'd\te "), ['a', 'b cd', 'e']);
  assert.deepEqual(shellWords("''"), ['']);
  assert.deepEqual(shellWords(''), []);
  assert.equal(shellWords("'open"), undefined);
  assert.equal(shellWords('"open'), undefined);
  // The inverse of shellJoin.
  const argv = ['bash', '-lc', "echo 'hi' > out", 'it\'s', ''];
  assert.deepEqual(shellWords(shellJoin(argv)), argv);
});
