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
        { contexts: ['def f():'], oldLines: ['    pass'], newLines: ['    return 123'], isEndOfFile: false },
        { contexts: [], oldLines: ['keep', 'old'], newLines: ['keep', 'new'], isEndOfFile: false },
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
    chunks: [{ contexts: [], oldLines: ['import foo'], newLines: ['import foo', 'bar'], isEndOfFile: true }],
  });
});

test('blank lines between chunks are skipped; an empty line inside a chunk is an empty context line', () => {
  const [hunk] = parsePatch(wrap('*** Update File: f\n@@\n a\n\n b\n-c\n\n\n@@ x\n+y'));
  assert.ok(hunk?.kind === 'update');
  assert.deepEqual(hunk.chunks.map((c) => [c.contexts, c.oldLines, c.newLines]), [
    [[], ['a', '', 'b', 'c', '', ''], ['a', '', 'b', '', '']],
    [['x'], [], ['y']],
  ]);
});

test('stacked @@ markers give nested anchors', () => {
  const [hunk] = parsePatch(wrap('*** Update File: f\n@@ class Store\n@@\n@@     def load(self):\n-a\n+b'));
  assert.ok(hunk?.kind === 'update');
  assert.deepEqual(hunk.chunks, [{ contexts: ['class Store', '    def load(self):'], oldLines: ['a'], newLines: ['b'], isEndOfFile: false }]);
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

// [patch text, the exact error]
const HEADERS = "Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";
const UNEXPECTED = "Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)";
const ERRORS: readonly [string, string][] = [
  ['', "invalid patch: The first line of the patch must be '*** Begin Patch'"],
  ['bad', "invalid patch: The first line of the patch must be '*** Begin Patch'"],
  ['*** Begin Patch', "invalid patch: The last line of the patch must be '*** End Patch'"],
  ['*** Begin Patch\n*** Add File: a\n+x', "invalid patch: The last line of the patch must be '*** End Patch'"],
  [wrap('*** Frobnicate File: foo'), `invalid hunk at line 2, '*** Frobnicate File: foo' is not a valid hunk header. ${HEADERS}`],
  // a stray line after an add hunk is not a hunk header either
  [wrap('*** Add File: a\n+1\nstray'), `invalid hunk at line 4, 'stray' is not a valid hunk header. ${HEADERS}`],
  [wrap('*** Update File: file.py'), "invalid hunk at line 2, Update file hunk for path 'file.py' is empty"],
  [wrap('*** Update File: a\n*** Move to: b\n*** Delete File: c'), "invalid hunk at line 2, Update file hunk for path 'a' is empty"],
  // after a finished chunk, an unknown line starts a new chunk, which needs its @@
  [wrap('*** Update File: a\n@@\n-x\n*** End of File\nbad'),
    "invalid hunk at line 6, Expected update hunk to start with a @@ context marker, got: 'bad'"],
  [wrap('*** Update File: a\n@@'), 'invalid hunk at line 4, Update hunk does not contain any lines'],
  [wrap('*** Update File: a\n@@\n*** End of File'), 'invalid hunk at line 4, Update hunk does not contain any lines'],
  [wrap('*** Update File: a\n@@\nbad'), `invalid hunk at line 4, Unexpected line found in update hunk: 'bad'. ${UNEXPECTED}`],
  [wrap('*** Update File: a\nbad'), `invalid hunk at line 3, Unexpected line found in update hunk: 'bad'. ${UNEXPECTED}`],
];

test('every parse error, with its exact text and line', () => {
  for (const [text, message] of ERRORS) {
    const err = parseError(text);
    assert.equal(err.message, message, JSON.stringify(text));
    const line = /^invalid hunk at line (\d+),/.exec(message)?.[1];
    assert.equal(err.line, line === undefined ? undefined : Number(line));
  }
});

test('an add hunk with no lines creates an empty file; add lines stop at the first non-+ line', () => {
  assert.deepEqual(parsePatch(wrap('*** Add File: empty\n*** Add File: b\n+1')), [
    { kind: 'add', path: 'empty', contents: '' },
    { kind: 'add', path: 'b', contents: '1\n' },
  ]);
});
