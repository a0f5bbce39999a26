// Recovery from the apply_patch commit journal (the SIGKILL end-to-end test is
// test/exec/exec-patch-crash.test.ts): a patch cut off while staging is rolled
// back, one cut off while committing is completed, and a journal whose process
// still runs is left to it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { journalPathFor, recoverUnfinishedPatches } from '../../app/tools/apply-patch/index.js';
import { writeJournal } from '../../app/tools/apply-patch/journal.js';

let home = '';
let repo = '';
let log = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'patch-journal-'));
  repo = join(home, 'repo');
  mkdirSync(repo);
  mkdirSync(join(home, 'sessions', '2026', '01', '02'), { recursive: true });
  log = join(home, 'sessions', '2026', '01', '02', 'rollout-2026-01-02T03-04-05-x.jsonl');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** A journal as a dead process (pid 2**22 + 1 is above Linux's pid_max) left it. */
function leave(state: 'staging' | 'committing', entries: { target: string; staged: string | null; backup: string | null }[]): string {
  const path = journalPathFor(log, 'call_1');
  writeJournal(path, state, entries);
  const j = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
  j.pid = 2 ** 22 + 1;
  writeFileSync(path, JSON.stringify(j));
  return path;
}

test('cut off while staging: the staged files go, no target was touched', () => {
  writeFileSync(join(repo, 'a.txt'), 'old a\n');
  writeFileSync(join(repo, '.a.txt.1.codex-tmp'), 'new a\n');
  const path = leave('staging', [
    { target: join(repo, 'a.txt'), staged: join(repo, '.a.txt.1.codex-tmp'), backup: join(repo, '.a.txt.2.codex-old') },
    { target: join(repo, 'b.txt'), staged: join(repo, '.b.txt.3.codex-tmp'), backup: null }, // not staged yet
  ]);
  assert.deepEqual(recoverUnfinishedPatches(home), ['An apply_patch cut off by a crash was rolled back: none of its 2 files was changed']);
  assert.deepEqual(readdirSync(repo), ['a.txt']);
  assert.equal(readFileSync(join(repo, 'a.txt'), 'utf8'), 'old a\n');
  assert.equal(existsSync(path), false);
});

test('cut off while committing: the rest is moved into place, deletions done, backups dropped', () => {
  // a.txt done (new in place, old aside); b.txt moved aside only; c/d.txt not begun; gone.txt to delete, not yet.
  writeFileSync(join(repo, 'a.txt'), 'new a\n');
  writeFileSync(join(repo, '.a.txt.2.codex-old'), 'old a\n');
  writeFileSync(join(repo, '.b.txt.4.codex-old'), 'old b\n');
  writeFileSync(join(repo, '.b.txt.3.codex-tmp'), 'new b\n');
  writeFileSync(join(repo, '.d.txt.5.codex-tmp'), 'new d\n');
  writeFileSync(join(repo, 'gone.txt'), 'bye\n');
  leave('committing', [
    { target: join(repo, 'gone.txt'), staged: null, backup: join(repo, '.gone.txt.6.codex-old') },
    { target: join(repo, 'a.txt'), staged: join(repo, '.a.txt.1.codex-tmp'), backup: join(repo, '.a.txt.2.codex-old') },
    { target: join(repo, 'b.txt'), staged: join(repo, '.b.txt.3.codex-tmp'), backup: join(repo, '.b.txt.4.codex-old') },
    { target: join(repo, 'c', 'd.txt'), staged: join(repo, '.d.txt.5.codex-tmp'), backup: null },
  ]);
  assert.deepEqual(recoverUnfinishedPatches(home), ["An apply_patch cut off by a crash was completed: all 4 files now have the patch's content"]);
  assert.deepEqual(readdirSync(repo).sort(), ['a.txt', 'b.txt', 'c']);
  assert.equal(readFileSync(join(repo, 'b.txt'), 'utf8'), 'new b\n');
  assert.equal(readFileSync(join(repo, 'c', 'd.txt'), 'utf8'), 'new d\n');
});

test('a journal whose process is still running is not touched', async () => {
  const other = spawn('sleep', ['30']);
  try {
    writeFileSync(join(repo, '.a.txt.1.codex-tmp'), 'new a\n');
    const path = journalPathFor(log, 'call_1');
    writeFileSync(path, JSON.stringify({ version: 1, pid: other.pid, state: 'staging', entries: [{ target: join(repo, 'a.txt'), staged: join(repo, '.a.txt.1.codex-tmp'), backup: null }] }));
    assert.deepEqual(recoverUnfinishedPatches(home), []);
    assert.ok(existsSync(path) && existsSync(join(repo, '.a.txt.1.codex-tmp')));
  } finally {
    other.kill();
  }
});
