// Checkpoints against real git and real files: a turn's changes come back byte
// for byte (CRLF, BOM, modes, created and deleted files), in and outside a git
// work tree; a file the user changed since stops the undo; and no checkpoint
// touches HEAD, a branch, the index, the stash or any ref.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Checkpoints } from '../../app/checkpoints/checkpoints.js';
import { hasGit } from '../git/support.js';

const skip = hasGit ? false : 'git is not installed';
const umask = process.umask(0o022);
after(() => process.umask(umask));
const base = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ckpt-')));
after(() => rmSync(base, { recursive: true, force: true }));

const CRLF_BOM = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('first\r\nsecond\r\n')]);

/** The test's own git: `status` must not refresh the index, whose bytes are compared. */
function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
}

/** Everything a checkpoint must leave alone. */
function repoState(repo: string): Record<string, string> {
  return {
    status: git(repo, 'status', '--porcelain', '--untracked-files=all', '--ignored'),
    stash: git(repo, 'stash', 'list'),
    refs: git(repo, 'for-each-ref'),
    head: readFileSync(join(repo, '.git', 'HEAD'), 'utf8'),
    index: readFileSync(join(repo, '.git', 'index')).toString('base64'),
  };
}

/** A repository with a commit, a stash entry, a staged and an unstaged change, an untracked and an ignored file. */
function busyRepo(name: string, autocrlf = true): string {
  const repo = join(base, name);
  execFileSync('git', ['init', '-q', repo]);
  git(repo, 'config', 'user.email', 't@example.com');
  git(repo, 'config', 'user.name', 't');
  // With line-ending conversion on, a snapshot hashes every file itself; without, `git add` does it.
  if (autocrlf) git(repo, 'config', 'core.autocrlf', 'true');
  writeFileSync(join(repo, '.gitignore'), 'ignored.log\n');
  writeFileSync(join(repo, 'crlf.txt'), CRLF_BOM);
  writeFileSync(join(repo, 'staged.txt'), 'one\n');
  writeFileSync(join(repo, 'gone.txt'), 'to be deleted\n');
  writeFileSync(join(repo, 'tool.sh'), '#!/bin/sh\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  writeFileSync(join(repo, 'staged.txt'), 'stashed\n');
  git(repo, 'stash', '-q');
  writeFileSync(join(repo, 'staged.txt'), 'staged\n');
  git(repo, 'add', 'staged.txt');
  writeFileSync(join(repo, 'staged.txt'), 'staged, then edited\n');
  writeFileSync(join(repo, 'untracked.txt'), 'untracked\n');
  writeFileSync(join(repo, 'ignored.log'), 'ignored\n');
  return repo;
}

/** What the agent's turn does. */
function agentEdits(repo: string): void {
  writeFileSync(join(repo, 'crlf.txt'), 'rewritten\n');
  writeFileSync(join(repo, 'staged.txt'), 'agent\n');
  unlinkSync(join(repo, 'gone.txt'));
  chmodSync(join(repo, 'tool.sh'), 0o755);
  mkdirSync(join(repo, 'src'));
  writeFileSync(join(repo, 'src', 'new.ts'), 'export {};\n');
  writeFileSync(join(repo, 'untracked.txt'), 'agent too\n');
}

for (const autocrlf of [true, false]) {
test(`in a git work tree (${autocrlf ? 'core.autocrlf' : 'no conversion'}): undo puts the turn's files back byte for byte, and no checkpoint changes HEAD, refs, index or stash`, { skip }, async () => {
  const repo = busyRepo(`undo-${autocrlf}`, autocrlf);
  const state = repoState(repo);
  const ck = new Checkpoints(join(base, `undo-${autocrlf}.checkpoints`));
  ck.beginTurn(1);
  await ck.beforeEdit(repo);
  assert.deepEqual(repoState(repo), state, 'the before-snapshot changed the repository');
  agentEdits(repo);
  const afterAgent = repoState(repo);
  const record = await ck.endTurn();
  assert.deepEqual(repoState(repo), afterAgent, 'the after-snapshot changed the repository');
  assert.ok(record?.git, 'a git record');
  assert.deepEqual(record.changes.map((c) => c.path.slice(repo.length + 1)).sort(), ['crlf.txt', 'gone.txt', 'src/new.ts', 'staged.txt', 'tool.sh', 'untracked.txt']);
  // The snapshot is a commit on HEAD that no ref names.
  assert.equal(git(repo, 'rev-parse', `${record.git.before}^`).trim(), git(repo, 'rev-parse', 'HEAD').trim());
  assert.ok(!git(repo, 'for-each-ref', '--contains', record.git.before).trim());

  const undone = await ck.undo('last');
  assert.equal(undone.kind, 'restored');
  assert.deepEqual(readFileSync(join(repo, 'crlf.txt')), CRLF_BOM);
  assert.equal(readFileSync(join(repo, 'staged.txt'), 'utf8'), 'staged, then edited\n');
  assert.equal(readFileSync(join(repo, 'gone.txt'), 'utf8'), 'to be deleted\n');
  assert.equal(statSync(join(repo, 'tool.sh')).mode & 0o111, 0);
  assert.equal(existsSync(join(repo, 'src', 'new.ts')), false);
  assert.equal(readFileSync(join(repo, 'untracked.txt'), 'utf8'), 'untracked\n');
  assert.equal(readFileSync(join(repo, 'ignored.log'), 'utf8'), 'ignored\n');
  assert.deepEqual(repoState(repo), state, 'after undo the repository is as before the turn');
  assert.deepEqual(await ck.undo('last'), { kind: 'nothing' });
  // The private index is a cache kept with the session while it runs, removed when it ends.
  const store = join(base, `undo-${autocrlf}.checkpoints`);
  const index = readdirSync(store).find((f) => f.startsWith('index-'));
  assert.ok(index);
  // It lists the work tree's paths: for the user only, though git writes it under the umask (022 here).
  assert.equal((statSync(join(store, index)).mode & 0o777).toString(8), '600');
  ck.close();
  assert.ok(!readdirSync(store).some((f) => f.startsWith('index-')));
});
}

test('undo refuses, naming the file, when the user changed it after the agent did; nothing is restored', { skip }, async () => {
  const repo = busyRepo('conflict');
  const ck = new Checkpoints(join(base, 'conflict.checkpoints'));
  ck.beginTurn(1);
  await ck.beforeEdit(repo);
  writeFileSync(join(repo, 'crlf.txt'), 'agent\n');
  writeFileSync(join(repo, 'staged.txt'), 'agent\n');
  await ck.endTurn();
  writeFileSync(join(repo, 'crlf.txt'), 'user\n');
  const r = await ck.undo('last');
  assert.deepEqual(r, { kind: 'conflict', turns: [1], paths: [join(repo, 'crlf.txt')] });
  assert.equal(readFileSync(join(repo, 'staged.txt'), 'utf8'), 'agent\n', 'a refused undo restored a file');
  assert.equal(ck.records.length, 1, 'the turn stays undoable');
});

test('outside git: copies of a patch\'s files, kept in the session folder, restore them; the log survives a restart', async () => {
  const dir = join(base, 'plain');
  mkdirSync(dir);
  const f = join(dir, 'notes.txt');
  writeFileSync(f, CRLF_BOM);
  const store = join(base, 'plain.checkpoints');
  const ck = new Checkpoints(store);
  ck.beginTurn(1);
  await ck.beforeEdit(dir, [f, join(dir, 'added.txt')]);
  writeFileSync(f, 'changed\n');
  writeFileSync(join(dir, 'added.txt'), 'new\n');
  const record = await ck.endTurn();
  assert.equal(record?.git, undefined);
  assert.equal(record?.changes.length, 2);
  const reopened = new Checkpoints(store);
  assert.deepEqual(reopened.records, [record]);
  const r = await reopened.undo('last');
  assert.deepEqual(r, { kind: 'restored', turns: [1], paths: [join(dir, 'added.txt'), f] });
  assert.deepEqual(readFileSync(f), CRLF_BOM);
  assert.equal(existsSync(join(dir, 'added.txt')), false);
});

test('backtrack undoes every turn from a point; a fork keeps the records of the turns before it', { skip }, async () => {
  const repo = busyRepo('backtrack');
  const ck = new Checkpoints(join(base, 'bt-a.checkpoints'));
  for (const [turn, text] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) {
    ck.beginTurn(turn);
    await ck.beforeEdit(repo);
    writeFileSync(join(repo, 'staged.txt'), `${text}\n`);
    await ck.endTurn();
  }
  ck.moveTo(join(base, 'bt-b.checkpoints'), 3);
  assert.deepEqual(ck.records.map((r) => r.turn), [1, 2]);
  assert.deepEqual(new Checkpoints(join(base, 'bt-b.checkpoints')).records.map((r) => r.turn), [1, 2]);
  const r = await ck.undo({ fromTurn: 2 });
  assert.equal(r.kind, 'conflict', 'turn 3 left "three", which is not what turn 2 left');
  writeFileSync(join(repo, 'staged.txt'), 'two\n');
  assert.equal((await ck.undo({ fromTurn: 2 })).kind, 'restored');
  assert.equal(readFileSync(join(repo, 'staged.txt'), 'utf8'), 'one\n');
});
