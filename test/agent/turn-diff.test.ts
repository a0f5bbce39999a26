import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TurnDiffTracker } from '../../app/agent/turn-diff.js';
import { initGitRepo } from '../support/cli.js';

const repo = realpathSync(mkdtempSync(join(tmpdir(), 'codex-diff-')));
after(() => rmSync(repo, { recursive: true, force: true }));
initGitRepo(repo);
mkdirSync(join(repo, 'src'));

test('git-style diff of added, modified and deleted files relative to the git root', () => {
  writeFileSync(join(repo, 'src', 'a.txt'), 'one\ntwo\n');
  writeFileSync(join(repo, 'gone.txt'), 'bye\n');
  const t = new TurnDiffTracker(join(repo, 'src'));
  assert.equal(t.touched, false);
  t.snapshot([join(repo, 'src', 'a.txt'), join(repo, 'new.txt'), join(repo, 'gone.txt')]);
  writeFileSync(join(repo, 'src', 'a.txt'), 'one\nTWO\n');
  writeFileSync(join(repo, 'new.txt'), 'hello\n');
  unlinkSync(join(repo, 'gone.txt'));
  // A second snapshot keeps the first baseline.
  t.snapshot([join(repo, 'src', 'a.txt')]);
  assert.equal(t.unifiedDiff(), [
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    'index b023018cabc396e7692c70bbf5784a93d3f738ab..0000000000000000000000000000000000000000',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-bye',
    'diff --git a/new.txt b/new.txt',
    'new file mode 100644',
    'index 0000000000000000000000000000000000000000..ce013625030ba8dba906f756967f9e9ca394464a',
    '--- /dev/null',
    '+++ b/new.txt',
    '@@ -0,0 +1 @@',
    '+hello',
    'diff --git a/src/a.txt b/src/a.txt',
    'index 814f4a422927b82f5f8a43f8fab6d3839e3983f2..879de50b9a967adae6ab5fe536d4ef6e0af21bb1 100644',
    '--- a/src/a.txt',
    '+++ b/src/a.txt',
    '@@ -1,2 +1,2 @@',
    ' one',
    '-two',
    '+TWO',
    '',
  ].join('\n'));
});

test('binary files are reported, unchanged files are not', () => {
  const t = new TurnDiffTracker(repo);
  writeFileSync(join(repo, 'same.txt'), 'x\n');
  writeFileSync(join(repo, 'bin.dat'), Buffer.from([0, 1, 2]));
  t.snapshot([join(repo, 'same.txt'), join(repo, 'bin.dat')]);
  writeFileSync(join(repo, 'bin.dat'), Buffer.from([0, 1, 3]));
  assert.match(t.unifiedDiff(), /^diff --git a\/bin.dat b\/bin.dat\nindex [0-9a-f]{40}\.\.[0-9a-f]{40} 100644\nBinary files a\/bin.dat and b\/bin.dat differ\n$/);
});
