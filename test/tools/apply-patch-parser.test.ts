import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePatch, PatchParseError } from '../../app/tools/apply-patch/parser.js';

const wrap = (body: string): string => `*** Begin Patch\n${body}\n*** End Patch`;

function parseError(text: string): PatchParseError {
  try {
    parsePatch(text);
  } catch (err) {
    assert.ok(err instanceof PatchParseError, `expected PatchParseError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the patch to be rejected');
}

test('add, delete and update hunks with move and several chunks', () => {
  const hunks = parsePatch(wrap([
    '*** Add File: path/add.py',
    '+abc',
    '+def',
    '*** Delete File: path/delete.py',
    '*** Update File: path/update.py',
    '*** Move to: path/update2.py',
    '@@ def f():',
    '-    pass',
    '+    return 123',
    '@@',
    ' keep',
    '-old',
    '+new',
  ].join('\n')));
  assert.deepEqual(hunks, [
    { kind: 'add', path: 'path/add.py', contents: 'abc\ndef\n' },
    { kind: 'delete', path: 'path/delete.py' },
    {
      kind: 'update', path: 'path/update.py', movePath: 'path/update2.py', chunks: [
        { context: 'def f():', oldLines: ['    pass'], newLines: ['    return 123'], isEndOfFile: false },
        { oldLines: ['keep', 'old'], newLines: ['keep', 'new'], isEndOfFile: false },
      ],
    },
  ]);
});

test('an empty patch (only the markers) has no hunks', () => {
  assert.deepEqual(parsePatch('*** Begin Patch\n*** End Patch'), []);
});

test('the first chunk may omit @@, and the end-of-file marker is recorded', () => {
  const [hunk] = parsePatch(wrap('*** Update File: f.txt\n import foo\n+bar\n*** End of File'));
  assert.deepEqual(hunk, {
    kind: 'update', path: 'f.txt',
    chunks: [{ oldLines: ['import foo'], newLines: ['import foo', 'bar'], isEndOfFile: true }],
  });
});

test('blank lines between chunks are skipped; an empty line inside a chunk is an empty context line', () => {
  const [hunk] = parsePatch(wrap('*** Update File: f\n@@\n a\n\n b\n-c\n\n\n@@ x\n+y'));
  assert.ok(hunk?.kind === 'update');
  assert.deepEqual(hunk.chunks.map((c) => [c.context, c.oldLines, c.newLines]), [
    [undefined, ['a', '', 'b', 'c', '', ''], ['a', '', 'b', '', '']],
    ['x', [], ['y']],
  ]);
});

test('markers are compared trimmed; whitespace around the patch and CRLF are tolerated', () => {
  const hunks = parsePatch('\n  *** Begin Patch  \r\n  *** Add File: a.txt  \r\n+x\r\n *** End Patch \n\n');
  assert.deepEqual(hunks, [{ kind: 'add', path: 'a.txt', contents: 'x\n' }]);
});

test('a heredoc wrapper around the patch is stripped (all three quote styles)', () => {
  for (const open of ['<<EOF', "<<'EOF'", '<<"EOF"']) {
    const hunks = parsePatch(`${open}\n*** Begin Patch\n*** Add File: a\n+1\n*** End Patch\nEOF\n`);
    assert.deepEqual(hunks, [{ kind: 'add', path: 'a', contents: '1\n' }], open);
  }
});

test('a heredoc wrapper around a broken patch reports the inner problem', () => {
  const err = parseError("<<'EOF'\n*** Begin Patch\n*** Add File: a\n+1\nEOF");
  assert.equal(err.message, "invalid patch: The last line of the patch must be '*** End Patch'");
  // too short to be a wrapped patch: the strict error stands
  assert.equal(parseError("<<'EOF'\n*** Begin Patch\nEOF").message,
    "invalid patch: The first line of the patch must be '*** Begin Patch'");
});

test('boundary errors', () => {
  assert.equal(parseError('').message, "invalid patch: The first line of the patch must be '*** Begin Patch'");
  assert.equal(parseError('bad').message, "invalid patch: The first line of the patch must be '*** Begin Patch'");
  assert.equal(parseError('*** Begin Patch').message, "invalid patch: The last line of the patch must be '*** End Patch'");
  assert.equal(parseError('*** Begin Patch\n*** Add File: a\n+x').message,
    "invalid patch: The last line of the patch must be '*** End Patch'");
});

test('an unknown hunk header names the line', () => {
  const err = parseError(wrap('*** Frobnicate File: foo'));
  assert.equal(err.line, 2);
  assert.equal(err.message,
    "invalid hunk at line 2, '*** Frobnicate File: foo' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'");
  // a stray line after an add hunk is not a hunk header either
  assert.equal(parseError(wrap('*** Add File: a\n+1\nstray')).line, 4);
});

test('an update hunk without chunks is empty', () => {
  assert.equal(parseError(wrap('*** Update File: file.py')).message,
    "invalid hunk at line 2, Update file hunk for path 'file.py' is empty");
  assert.equal(parseError(wrap('*** Update File: a\n*** Move to: b\n*** Delete File: c')).message,
    "invalid hunk at line 2, Update file hunk for path 'a' is empty");
});

test('a later chunk must start with @@', () => {
  // `-x` ends chunk 1 only at a line it does not know; an unknown line right after a
  // finished chunk starts a new one, which then needs its marker
  const err = parseError(wrap('*** Update File: a\n@@\n-x\n*** End of File\nbad'));
  assert.equal(err.message, "invalid hunk at line 6, Expected update hunk to start with a @@ context marker, got: 'bad'");
});

test('a chunk with no lines is rejected, also when it is only an end-of-file marker', () => {
  assert.equal(parseError(wrap('*** Update File: a\n@@')).message,
    'invalid hunk at line 4, Update hunk does not contain any lines');
  assert.equal(parseError(wrap('*** Update File: a\n@@\n*** End of File')).message,
    'invalid hunk at line 4, Update hunk does not contain any lines');
});

test('an unexpected first line in a chunk is named with its line number', () => {
  const err = parseError(wrap('*** Update File: a\n@@\nbad'));
  assert.equal(err.message,
    "invalid hunk at line 4, Unexpected line found in update hunk: 'bad'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)");
  const first = parseError(wrap('*** Update File: a\nbad'));
  assert.equal(first.line, 3);
});

test('an add hunk with no lines creates an empty file; add lines stop at the first non-+ line', () => {
  assert.deepEqual(parsePatch(wrap('*** Add File: empty\n*** Add File: b\n+1')), [
    { kind: 'add', path: 'empty', contents: '' },
    { kind: 'add', path: 'b', contents: '1\n' },
  ]);
});
