import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyChunks, PatchApplyError, planPatch } from '../../app/tools/apply-patch/engine.js';
import type { ReadFile } from '../../app/tools/apply-patch/engine.js';
import { parsePatch } from '../../app/tools/apply-patch/parser.js';
import type { UpdateChunk } from '../../app/tools/apply-patch/parser.js';

const CWD = '/work/proj';

/** A read function over an in-memory tree of files (relative to CWD). */
function memory(files: Record<string, string | Uint8Array>): ReadFile {
  return async (abs) => {
    const rel = abs.startsWith(`${CWD}/`) ? abs.slice(CWD.length + 1) : abs;
    const f = files[rel];
    if (f === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${abs}'`), { code: 'ENOENT' });
    return f;
  };
}

async function plan(files: Record<string, string | Uint8Array>, body: string) {
  return planPatch(parsePatch(`*** Begin Patch\n${body}\n*** End Patch`), CWD, memory(files));
}

async function contentOf(files: Record<string, string>, body: string, path: string): Promise<string | null | undefined> {
  const p = await plan(files, body);
  return p.writes.find((w) => w.path === `${CWD}/${path}`)?.content;
}

async function failure(files: Record<string, string | Uint8Array>, body: string): Promise<string> {
  await assert.rejects(plan(files, body), (err: unknown) => err instanceof PatchApplyError);
  return plan(files, body).catch((err: Error) => err.message) as Promise<string>;
}

const chunk = (c: Partial<UpdateChunk> & Pick<UpdateChunk, 'oldLines' | 'newLines'>): UpdateChunk =>
  ({ contexts: [], isEndOfFile: false, ...c });

test('add, update, move and delete in one patch: contents, summary and FileChange map', async () => {
  const p = await plan({ 'mod.txt': 'a\nb\nc\n', 'old.txt': 'x\ny\n', 'gone.txt': 'bye\n' }, [
    '*** Add File: new/file.txt',
    '+hello',
    '*** Update File: mod.txt',
    '@@',
    ' a',
    '-b',
    '+B',
    '*** Update File: old.txt',
    '*** Move to: moved/new.txt',
    '@@',
    '-y',
    '+z',
    '*** Delete File: gone.txt',
  ].join('\n'));
  assert.equal(p.summary, 'Success. Updated the following files:\nA new/file.txt\nM mod.txt\nM moved/new.txt\nD gone.txt\n');
  assert.deepEqual(p.writes.map((w) => [w.display, w.content]), [
    ['new/file.txt', 'hello\n'],
    ['mod.txt', 'a\nB\nc\n'],
    ['moved/new.txt', 'x\nz\n'],
    ['old.txt', null],
    ['gone.txt', null],
  ]);
  assert.deepEqual(p.changes, {
    [`${CWD}/new/file.txt`]: { add: { content: 'hello\n' } },
    [`${CWD}/mod.txt`]: { update: { unified_diff: '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n' } },
    [`${CWD}/old.txt`]: { update: { unified_diff: '@@ -1,2 +1,2 @@\n x\n-y\n+z\n', move_path: `${CWD}/moved/new.txt` } },
    [`${CWD}/gone.txt`]: { delete: { content: 'bye\n' } },
  });
});

test('absolute paths are kept; relative ones resolve against cwd', async () => {
  const p = await plan({ '/etc/x.conf': 'k=1\n' }, '*** Update File: /etc/x.conf\n-k=1\n+k=2');
  assert.deepEqual(p.writes.map((w) => w.path), ['/etc/x.conf']);
});

test('an @@ anchor picks the right occurrence of repeated lines', async () => {
  const file = 'def foo():\n    return 1\n\ndef bar():\n    return 1\n';
  assert.equal(await contentOf({ 'a.py': file }, '*** Update File: a.py\n@@ def bar():\n-    return 1\n+    return 2', 'a.py'),
    'def foo():\n    return 1\n\ndef bar():\n    return 2\n');
  assert.equal(await failure({ 'a.py': file }, '*** Update File: a.py\n@@ def baz():\n-    return 1\n+    return 2'),
    "Failed to find context 'def baz():' in a.py");
});

test('stacked anchors narrow down to a method of the right class', async () => {
  const file = 'class A:\n    def load(self):\n        return 1\nclass B:\n    def load(self):\n        return 1\n';
  const body = '*** Update File: m.py\n@@ class B:\n@@     def load(self):\n-        return 1\n+        return 2';
  assert.equal(await contentOf({ 'm.py': file }, body, 'm.py'), file.replace(/return 1\n$/, 'return 2\n'));
  assert.equal(await failure({ 'm.py': file }, body.replace('class B:', 'class C:')), "Failed to find context 'class C:' in m.py");
});

test('several chunks apply in order, each searching after the previous one', () => {
  const out = applyChunks('x\n1\nx\n2\nx\n', [
    chunk({ oldLines: ['x'], newLines: ['A'] }),
    chunk({ oldLines: ['x'], newLines: ['B'] }),
    chunk({ oldLines: ['x'], newLines: ['C'] }),
  ], 'f');
  assert.equal(out, 'A\n1\nB\n2\nC\n');
  assert.throws(() => applyChunks('x\n', [chunk({ oldLines: ['x'], newLines: [] }), chunk({ oldLines: ['x'], newLines: [] })], 'f'),
    { message: 'Failed to find expected lines in f:\nx' });
});

test('*** End of File anchors the match at the end of the file', () => {
  const file = 'end\nmiddle\nend\n';
  assert.equal(applyChunks(file, [chunk({ oldLines: ['end'], newLines: ['END'], isEndOfFile: true })], 'f'), 'end\nmiddle\nEND\n');
  assert.equal(applyChunks(file, [chunk({ oldLines: ['end'], newLines: ['END'] })], 'f'), 'END\nmiddle\nend\n');
});

test('a pure addition goes after its @@ line, or at the end without one', () => {
  const file = 'class A:\n    pass\n';
  assert.equal(applyChunks(file, [chunk({ contexts: ['class A:'], oldLines: [], newLines: ['    x = 1'] })], 'f'),
    'class A:\n    x = 1\n    pass\n');
  assert.equal(applyChunks(file, [chunk({ oldLines: [], newLines: ['tail'] })], 'f'), 'class A:\n    pass\ntail\n');
});

test('fuzzy matching: trailing whitespace, surrounding whitespace, then typographic punctuation', () => {
  const swap = (file: string, old: string): string =>
    applyChunks(file, [chunk({ oldLines: [old], newLines: ['NEW'] })], 'f');
  assert.equal(swap('keep\nvalue   \n', 'value'), 'keep\nNEW\n');
  assert.equal(swap('keep\n    value\n', 'value  '), 'keep\nNEW\n');
  assert.equal(swap('say \u201Chi\u201D \u2014 it\u2019s\u00A0ok\n', 'say "hi" - it\'s ok'), 'NEW\n');
  // an exact match wins over an earlier fuzzy one
  assert.equal(swap('value \nvalue\n', 'value'), 'value \nNEW\n');
  assert.throws(() => swap('a\n', 'b'), PatchApplyError);
});

test('a trailing empty old line (the final newline) is tolerated', () => {
  assert.equal(applyChunks('a\nb\n', [chunk({ oldLines: ['b', ''], newLines: ['c', ''] })], 'f'), 'a\nc\n');
});

test('the result always ends with a newline; a CRLF file stays CRLF, a BOM stays, a mixed file is left mixed', () => {
  assert.equal(applyChunks('a\nb', [chunk({ oldLines: ['b'], newLines: ['c'] })], 'f'), 'a\nc\n');
  assert.equal(applyChunks('a\r\nb\r\nz\r\n', [chunk({ oldLines: ['b'], newLines: ['c', 'd'] })], 'f'), 'a\r\nc\r\nd\r\nz\r\n');
  assert.equal(applyChunks('a\r\nb', [chunk({ oldLines: ['b'], newLines: ['c'] })], 'f'), 'a\r\nc\r\n');
  assert.equal(applyChunks('\uFEFFone\ntwo\n', [chunk({ oldLines: ['one'], newLines: ['ONE'] })], 'f'), '\uFEFFONE\ntwo\n');
  assert.equal(applyChunks('a\r\nb\nz\n', [chunk({ oldLines: ['b'], newLines: ['c'] })], 'f'), 'a\r\nc\nz\n');
});

test('read errors name the file and the reason', async () => {
  assert.equal(await failure({}, '*** Update File: missing.txt\n-a\n+b'),
    'Failed to read file to update missing.txt: No such file or directory (os error 2)');
  assert.equal(await failure({}, '*** Delete File: missing.txt'),
    'Failed to delete file missing.txt: No such file or directory (os error 2)');
  assert.equal(await failure({ 'bin.dat': Uint8Array.from([0xff, 0xfe, 0x00]) }, '*** Update File: bin.dat\n-a\n+b'),
    'Failed to read file to update bin.dat: stream did not contain valid UTF-8');
  assert.equal(await failure({ 'f.txt': 'one\ntwo\n' }, '*** Update File: f.txt\n@@\n-three\n-four\n+x'),
    'Failed to find expected lines in f.txt:\nthree\nfour');
});

test('later hunks see earlier ones: add then update, update twice, delete then re-add', async () => {
  const p = await plan({ 'f.txt': '1\n' }, [
    '*** Add File: n.txt', '+a',
    '*** Update File: n.txt', '-a', '+b',
    '*** Update File: f.txt', '-1', '+2',
    '*** Update File: f.txt', '-2', '+3',
  ].join('\n'));
  assert.deepEqual(p.writes.map((w) => [w.display, w.content]), [['n.txt', 'b\n'], ['f.txt', '3\n']]);
  assert.deepEqual(p.changes[`${CWD}/n.txt`], { add: { content: 'b\n' } });
  assert.deepEqual(p.changes[`${CWD}/f.txt`], { update: { unified_diff: '@@ -1 +1 @@\n-1\n+3\n' } });
  assert.equal(await failure({ 'f.txt': '1\n' }, '*** Delete File: f.txt\n*** Update File: f.txt\n-1\n+2'),
    'Failed to read file to update f.txt: No such file or directory (os error 2)');
  const readd = await plan({ 'f.txt': '1\n' }, '*** Delete File: f.txt\n*** Add File: f.txt\n+2');
  assert.deepEqual(readd.changes, { [`${CWD}/f.txt`]: { update: { unified_diff: '@@ -1 +1 @@\n-1\n+2\n' } } });
});

test('adding over an existing file reports an update of it', async () => {
  const p = await plan({ 'f.txt': 'old\n' }, '*** Add File: f.txt\n+new');
  assert.deepEqual(p.changes, { [`${CWD}/f.txt`]: { update: { unified_diff: '@@ -1 +1 @@\n-old\n+new\n' } } });
  assert.equal(p.summary, 'Success. Updated the following files:\nA f.txt\n');
});
