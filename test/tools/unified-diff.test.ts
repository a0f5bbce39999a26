import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { diffLines, unifiedDiff } from '../../app/tools/unified-diff.js';
import { missingTool } from '../support/tools.js';

test('hunks with context, merged when close, split when far apart', () => {
  const old = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
  assert.equal(unifiedDiff(old, old.replace('b\n', 'B\n'), 1), '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  assert.equal(unifiedDiff(old, old.replace('b', 'B').replace('i', 'I'), 1),
    '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -8,3 +8,3 @@\n h\n-i\n+I\n j\n');
  assert.equal(unifiedDiff(old, old.replace('b', 'B').replace('e', 'E'), 1),
    '@@ -1,6 +1,6 @@\n a\n-b\n+B\n c\n d\n-e\n+E\n f\n');
});

test('empty sides, identical texts and a missing final newline', () => {
  assert.equal(unifiedDiff('same\n', 'same\n'), '');
  assert.equal(unifiedDiff('', 'x\ny\n'), '@@ -0,0 +1,2 @@\n+x\n+y\n');
  assert.equal(unifiedDiff('x\n', ''), '@@ -1 +0,0 @@\n-x\n');
  assert.equal(unifiedDiff('a\nb', 'a\nb\n'), '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
});

test('the diff is minimal on a classic example', () => {
  const ops = diffLines('a\nb\nc\na\nb\nb\na\n', 'c\nb\na\nb\na\nc\n').filter((l) => l.tag !== ' ');
  assert.equal(ops.length, 5); // Myers' ABCABBA → CBABAC has edit distance 5
});

test('GNU patch applies every generated diff (random texts)', { skip: missingTool('patch') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'udiff-'));
  try {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '', 'long line here');
    const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
      .map(([ls, nl]) => (ls.length ? ls.join('\n') + (nl ? '\n' : '') : ''));
    fc.assert(fc.property(text, text, fc.integer({ min: 0, max: 3 }), (a, b, ctx) => {
      const diff = unifiedDiff(a, b, ctx);
      if (a === b) return diff === '';
      writeFileSync(join(dir, 'f'), a);
      writeFileSync(join(dir, 'p'), `--- a/f\n+++ b/f\n${diff}`);
      const r = spawnSync('patch', ['-s', '-p1', '-F0', '-i', 'p'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}\n${diff}`);
      assert.equal(readFileSync(join(dir, 'f'), 'utf8'), b);
      return true;
    }), { numRuns: 150 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
