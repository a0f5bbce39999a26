import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { applyPatch, previewPatch } from '../../app/tools/apply-patch/index.js';
import { treeSnapshot } from './tree-snapshot.js';
import { missingTool } from '../support/tools.js';

let dir = '';
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'apply-patch-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');

function write(rel: string, content: string | Buffer): void {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

test('a successful patch writes everything and answers with the summary', async () => {
  write('mod.txt', 'a\nb\n');
  write('old.txt', 'x\n');
  write('gone.txt', 'bye\n');
  const r = await applyPatch(patch(
    '*** Add File: deep/new/file.txt', '+hi',
    '*** Update File: mod.txt', '@@', '-b', '+B',
    '*** Update File: old.txt', '*** Move to: moved/old.txt', '@@', '-x', '+y',
    '*** Delete File: gone.txt',
  ), dir);
  assert.equal(r.success, true, r.stderr);
  assert.equal(r.stdout, 'Success. Updated the following files:\nA deep/new/file.txt\nM mod.txt\nM moved/old.txt\nD gone.txt\n');
  assert.deepEqual(Object.keys(r.changes).sort(), ['deep/new/file.txt', 'gone.txt', 'mod.txt', 'old.txt'].map((p) => join(dir, p)));
  assert.deepEqual(treeSnapshot(dir), {
    'deep': treeSnapshot(dir)['deep'], 'deep/new': treeSnapshot(dir)['deep/new'],
    'deep/new/file.txt': `file:100644:${Buffer.from('hi\n').toString('base64')}`,
    'mod.txt': `file:100644:${Buffer.from('a\nB\n').toString('base64')}`,
    'moved': treeSnapshot(dir)['moved'],
    'moved/old.txt': `file:100644:${Buffer.from('y\n').toString('base64')}`,
  });
});

test('a patch whose 3rd hunk fails leaves every file byte-identical', async () => {
  write('a.txt', 'one\n');
  write('b.txt', 'two\n');
  write('c.txt', 'three\n');
  const before = treeSnapshot(dir);
  const r = await applyPatch(patch(
    '*** Update File: a.txt', '-one', '+ONE',
    '*** Add File: new.txt', '+new',
    '*** Update File: c.txt', '-not there', '+x',
    '*** Delete File: b.txt',
  ), dir);
  assert.equal(r.success, false);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Failed to find expected lines in c.txt:\nnot there\n');
  assert.deepEqual(r.changes, {});
  assert.deepEqual(treeSnapshot(dir), before);
});

test('a write that fails midway is rolled back, including created directories', async () => {
  write('a.txt', 'one\n');
  write('blocker', 'I am a file, not a directory\n');
  write('gone.txt', 'keep me\n');
  chmodSync(join(dir, 'a.txt'), 0o640);
  const before = treeSnapshot(dir);
  const r = await applyPatch(patch(
    '*** Update File: a.txt', '-one', '+ONE',
    '*** Add File: fresh/dir/new.txt', '+new',
    '*** Add File: blocker/inside.txt', '+cannot be written',
    '*** Delete File: gone.txt',
  ), dir);
  assert.equal(r.success, false);
  assert.match(r.stderr, /^Failed to write file blocker\/inside\.txt: /);
  assert.deepEqual(treeSnapshot(dir), before);
});

test('a path that cannot be read as a file stops the patch before any write', async () => {
  write('a.txt', 'one\n');
  mkdirSync(join(dir, 'adir'));
  write('adir/x', 'x\n');
  const before = treeSnapshot(dir);
  const r = await applyPatch(patch('*** Update File: a.txt', '-one', '+ONE', '*** Delete File: adir'), dir);
  assert.equal(r.success, false);
  assert.match(r.stderr, /^Failed to delete file adir: .* \(os error 21\)\n$/);
  assert.deepEqual(treeSnapshot(dir), before);
});

test('a FIFO is refused, not read (the read would block forever); nothing is written', async () => {
  write('a.txt', 'one\n');
  spawnSync('mkfifo', [join(dir, 'pipe')]);
  for (const hunk of [['*** Update File: pipe', '-x', '+y'], ['*** Delete File: pipe']]) {
    const r = await applyPatch(patch('*** Update File: a.txt', '-one', '+ONE', ...hunk), dir);
    assert.equal(r.success, false);
    assert.match(r.stderr, /: Not a regular file/);
  }
  // (No tree snapshot here: it would read the FIFO.)
  assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'one\n');
  assert.ok(statSync(join(dir, 'pipe')).isFIFO());
});

test('a delete that fails after the writes rolls the writes back', { skip: missingTool('chattr') }, async (t) => {
  write('a.txt', 'one\n');
  write('stuck.txt', 'immutable\n');
  // An immutable file cannot be renamed away, even by root.
  const chattr = spawnSync('chattr', ['+i', join(dir, 'stuck.txt')], { encoding: 'utf8' });
  if (chattr.status !== 0) { t.skip(`chattr +i not supported here: ${chattr.stderr.trim()}`); return; }
  try {
    const before = treeSnapshot(dir);
    const r = await applyPatch(patch(
      '*** Update File: a.txt', '-one', '+ONE',
      '*** Add File: new/n.txt', '+n',
      '*** Delete File: stuck.txt',
    ), dir);
    assert.equal(r.success, false);
    assert.match(r.stderr, /^Failed to delete file stuck\.txt: Operation not permitted \(os error 1\)\n$/);
    assert.deepEqual(treeSnapshot(dir), before);
  } finally {
    spawnSync('chattr', ['-i', join(dir, 'stuck.txt')]);
  }
});

test('a removed file may become a directory of new files in the same patch', async () => {
  write('d', 'a file for now\n');
  const r = await applyPatch(patch('*** Delete File: d', '*** Add File: d/c.txt', '+c'), dir);
  assert.equal(r.success, true, r.stderr);
  assert.equal(readFileSync(join(dir, 'd/c.txt'), 'utf8'), 'c\n');
  // added, removed again, then used as a directory: found by the fuzz test
  rmSync(join(dir, 'd'), { recursive: true });
  const again = await applyPatch(patch('*** Add File: d', '*** Delete File: d', '*** Add File: d/c.txt', '+c'), dir);
  assert.equal(again.success, true, again.stderr);
  assert.deepEqual(readdirSync(dir), ['d']);
  assert.deepEqual(readdirSync(join(dir, 'd')), ['c.txt']);
});

test('file modes are kept and writes go through symlinks to their target', async () => {
  write('script.sh', '#!/bin/sh\necho 1\n');
  chmodSync(join(dir, 'script.sh'), 0o755);
  write('real.txt', 'r\n');
  symlinkSync('real.txt', join(dir, 'link.txt'));
  const r = await applyPatch(patch(
    '*** Update File: script.sh', '-echo 1', '+echo 2',
    '*** Update File: link.txt', '-r', '+R',
  ), dir);
  assert.equal(r.success, true, r.stderr);
  assert.equal(statSync(join(dir, 'script.sh')).mode & 0o777, 0o755);
  assert.equal(readFileSync(join(dir, 'script.sh'), 'utf8'), '#!/bin/sh\necho 2\n');
  assert.equal(readlinkSync(join(dir, 'link.txt')), 'real.txt');
  assert.equal(readFileSync(join(dir, 'real.txt'), 'utf8'), 'R\n');
});

test('no temporary files are left behind', async () => {
  write('a.txt', 'a\n');
  write('b.txt', 'b\n');
  const r = await applyPatch(patch('*** Update File: a.txt', '-a', '+A', '*** Delete File: b.txt'), dir);
  assert.equal(r.success, true);
  assert.deepEqual(readdirSync(dir), ['a.txt']);
});

test('parse errors come back as the failure text, nothing written', async () => {
  const r = await applyPatch('*** Begin Patch\n*** Nope: x\n*** End Patch', dir);
  assert.equal(r.success, false);
  assert.match(r.stderr, /^invalid hunk at line 2, '\*\*\* Nope: x' is not a valid hunk header/);
  assert.deepEqual(readdirSync(dir), []);
});

test('preview reports the changes without writing', async () => {
  write('a.txt', 'a\n');
  const p = await previewPatch(patch('*** Update File: a.txt', '-a', '+b'), dir);
  assert.ok(p.ok);
  assert.deepEqual(p.changes, { [join(dir, 'a.txt')]: { update: { unified_diff: '@@ -1 +1 @@\n-a\n+b\n' } } });
  assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'a\n');
});

test('a failing patch echoes at most 10 KiB of itself back, saying how much was cut', async () => {
  write('a.txt', 'a\n');
  const missing = Array.from({ length: 200_000 }, (_, i) => `-line ${i} that is not in the file`);
  const r = await applyPatch(['*** Begin Patch', '*** Update File: a.txt', ...missing, '*** End Patch'].join('\n'), dir);
  assert.equal(r.success, false);
  assert.ok(Buffer.byteLength(r.stderr) < 10 * 1024 + 200, `stderr is ${Buffer.byteLength(r.stderr)} bytes`);
  assert.match(r.stderr, /^Failed to find expected lines in a\.txt:\nline 0 that is not in the file\n/);
  assert.match(r.stderr, /\n\[\.\.\. cut \d+ more bytes on \d+ lines \.\.\.\]\n$/);
  const [, bytes, lines] = /cut (\d+) more bytes on (\d+) lines/.exec(r.stderr)!;
  const full = `Failed to find expected lines in a.txt:\n${missing.map((l) => l.slice(1)).join('\n')}`;
  const kept = r.stderr.slice(0, r.stderr.indexOf('\n[... cut'));
  assert.equal(Number(bytes), Buffer.byteLength(full) - Buffer.byteLength(kept));
  assert.equal(Number(lines), full.slice(kept.length).split('\n').length);
  assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'a\n');
  // A parse error quoting one huge line is capped the same way.
  const p = await previewPatch(patch('*** Update File: a.txt', '@@', `?${'x'.repeat(1_000_000)}`), dir);
  assert.ok(!p.ok && Buffer.byteLength(p.error) < 10 * 1024 + 200 && /cut \d+ more bytes on 1 lines/.test(p.error));
});

test('a path ending in / is refused: a directory name never becomes a file', async () => {
  mkdirSync(join(dir, 'src'));
  write('a.txt', 'a\n');
  const before = treeSnapshot(dir);
  const cases: [string[], RegExp][] = [
    [['*** Add File: src/', '+x'], /^invalid hunk at line 2, 'src\/' ends in '\/', which names a directory/],
    [['*** Add File: new/', '+x'], /^invalid hunk at line 2, 'new\/' ends in '\/'/],
    [['*** Delete File: src/'], /^invalid hunk at line 2, 'src\/' ends in '\/'/],
    [['*** Update File: a.txt', '*** Move to: src/', '@@', '-a', '+b'], /^invalid hunk at line 3, 'src\/' ends in '\/'/],
  ];
  for (const [lines, error] of cases) {
    const r = await applyPatch(patch(...lines), dir);
    assert.equal(r.success, false, lines.join(' | '));
    assert.match(r.stderr, error);
  }
  assert.deepEqual(treeSnapshot(dir), before);
});
