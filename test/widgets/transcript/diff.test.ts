import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineWidth } from '../../../widgets/base/text.js';
import { fromFileChanges, parseHunks, parseUnifiedDiff } from '../../../widgets/diff/parse.js';
import { renderDiff } from '../../../widgets/diff/render.js';
import { plain, styleOf } from './helpers.js';

const UPDATE = '--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n A\n-B\n+B changed\n C\n@@ -98,3 +98,4 @@\n x\n+y\n z\n\n\\ No newline at end of file\n';

test('hunks: numbers follow the old file for deletions and the new one otherwise', () => {
  const { hunks, added, removed } = parseHunks(UPDATE);
  assert.equal(hunks.length, 2);
  assert.deepEqual(hunks[0]!.map((l) => `${l.kind}${l.lineNo}:${l.text}`), ['ctx1:A', 'del2:B', 'add2:B changed', 'ctx3:C']);
  assert.deepEqual(hunks[1]!.map((l) => `${l.kind}${l.lineNo}`), ['ctx98', 'add99', 'ctx100', 'ctx101']);
  assert.equal(added, 2);
  assert.equal(removed, 1);
});

test('a single update: title with counts, numbered rows with signs, ⋮ between hunks', () => {
  const rows = plain(renderDiff(fromFileChanges({ 'a.txt': { update: { unified_diff: UPDATE } } }), 80));
  assert.deepEqual(rows, [
    '• Edited a.txt (+2 -1)',
    '      1  A',
    '      2 -B',
    '      2 +B changed',
    '      3  C',
    '      ⋮',
    '     98  x',
    '     99 +y',
    '    100  z',
    '    101',
  ]);
});

test('added, deleted and moved files use the original wording; several files get a header each', () => {
  const files = fromFileChanges({
    '/w/new.txt': { add: { content: 'one\ntwo\n' } },
    '/w/old.txt': { delete: { content: 'gone\n' } },
    '/w/m.txt': { update: { unified_diff: '@@ -1 +1 @@\n-a\n+b\n', move_path: '/w/n.txt' } },
  });
  assert.deepEqual(plain(renderDiff([files[1]!], 80, { cwd: '/w' }))[0], '• Added new.txt (+2 -0)');
  assert.deepEqual(plain(renderDiff([files[2]!], 80, { cwd: '/w' }))[0], '• Deleted old.txt (+0 -1)');
  assert.deepEqual(plain(renderDiff([files[0]!], 80, { cwd: '/w' }))[0], '• Edited m.txt → n.txt (+1 -1)');
  const all = plain(renderDiff(files, 80, { cwd: '/w' }));
  assert.equal(all[0], '• Edited 3 files (+3 -2)');
  assert.deepEqual(all.filter((r) => r.startsWith('  └ ')), ['  └ m.txt → n.txt (+1 -1)', '  └ new.txt (+2 -0)', '  └ old.txt (+0 -1)']);
});

test('colours: additions, deletions, context, gutter and counts come from diff tokens', () => {
  const rows = renderDiff(fromFileChanges({ 'a.txt': { update: { unified_diff: UPDATE } } }), 80);
  assert.equal(styleOf(rows, 'B changed')?.fg, 'diff.add');
  assert.equal(styleOf(rows, ' -')?.fg, 'diff.del');
  assert.equal(styleOf(rows, 'C')?.fg, 'diff.context');
  assert.equal(styleOf(rows, '      1')?.fg, 'diff.gutter');
  assert.equal(styleOf(rows, '+2')?.fg, 'diff.add');
  assert.equal(styleOf(rows, '-1')?.fg, 'diff.del');
});

test('long rows wrap under the text column, inside the width', () => {
  const long = 'x'.repeat(15) + ' ' + 'y'.repeat(15);
  const rows = renderDiff(fromFileChanges({ 'f': { add: { content: long } } }), 20);
  assert.deepEqual(plain(rows), ['• Added f (+1 -0)', '    1 +xxxxxxxxxxxxx', '       xx', '       yyyyyyyyyyyyy', '       yy']);
  for (const r of rows) assert.ok(lineWidth(r) <= 20);
  assert.equal(styleOf(rows.slice(2), 'yy')?.fg, 'diff.add');
});

test('a git-style multi-file diff (the turn diff) parses into files with their kinds', () => {
  const text = [
    'diff --git a/x b/x', 'new file mode 100644', '--- /dev/null', '+++ b/x', '@@ -0,0 +1,2 @@', '+hi', '+there',
    'diff --git a/y b/y', 'index 1..2 100644', '--- a/y', '+++ b/y', '@@ -1 +1 @@', '-old', '+new',
    'diff --git a/z b/z', 'deleted file mode 100644', '--- a/z', '+++ /dev/null', '@@ -1 +0,0 @@', '-bye',
    'diff --git a/p b/q', 'similarity index 90%', 'rename from p', 'rename to q', '--- a/p', '+++ b/q', '@@ -1 +1 @@', '-1', '+2', '',
  ].join('\n');
  const files = parseUnifiedDiff(text);
  assert.deepEqual(files.map((f) => `${f.kind} ${f.path}${f.movePath ? ' → ' + f.movePath : ''} +${f.added} -${f.removed}`), [
    'add x +2 -0', 'update y +1 -1', 'delete z +0 -1', 'update p → q +1 -1',
  ]);
});

test('control characters in file contents do not reach the rows', () => {
  const rows = plain(renderDiff(fromFileChanges({ f: { add: { content: 'a\x1b[31mred\x1b[0m\tb' } } }), 40));
  assert.equal(rows[1], '    1 +ared    b');
});
