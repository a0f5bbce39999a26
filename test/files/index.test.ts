import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { realFs } from '../../app/files/dir-tree.js';
import type { FsSeam } from '../../app/files/fs-seam.js';
import { preparePaths, searchPaths } from '../../app/files/fuzzy.js';
import { walkFiles } from '../../app/files/walk.js';
import { age, cleanups, counting, eventually, open, paths, repo, settled } from './fixtures.js';

test('swept index: a file added or removed after the build is found by re-reading its directory only', async () => {
  const root = repo(10);
  const fs = counting();
  const index = open(root, { fs });
  await index.refresh();
  assert.equal(fs.reads.length, 22, 'the build reads every directory once');
  assert.deepEqual(await paths(index, 'READ'), ['README.md']);

  fs.reads.length = 0;
  writeFileSync(join(root, 'pkg3', 'lib', 'fresh-module.ts'), '');
  writeFileSync(join(root, 'pkg3', 'lib', 'fresh.secret'), '');
  settled(join(root, 'pkg3', 'lib'));
  await index.refresh();
  assert.deepEqual(await paths(index, 'fresh'), ['pkg3/lib/fresh-module.ts']);
  assert.deepEqual(fs.reads, [join(root, 'pkg3', 'lib')]);

  fs.reads.length = 0;
  unlinkSync(join(root, 'pkg3', 'lib', 'fresh-module.ts'));
  settled(join(root, 'pkg3', 'lib'));
  await index.refresh();
  assert.deepEqual(await paths(index, 'fresh'), []);
  assert.deepEqual(fs.reads, [join(root, 'pkg3', 'lib')]);

  fs.reads.length = 0;
  mkdirSync(join(root, 'src', 'new', 'deep'), { recursive: true });
  writeFileSync(join(root, 'src', 'new', 'deep', 'added.ts'), '');
  mkdirSync(join(root, 'ignored'));
  writeFileSync(join(root, 'ignored', 'added-hidden.ts'), '');
  settled(root, join(root, 'src'), join(root, 'src', 'new'), join(root, 'src', 'new', 'deep'), join(root, 'ignored'));
  await index.refresh();
  assert.deepEqual(await paths(index, 'added'), ['src/new/deep/added.ts']);
  assert.deepEqual(fs.reads.sort(), [root, join(root, 'src'), join(root, 'src', 'new'), join(root, 'src', 'new', 'deep')], 'new directories are walked, ignored ones are not');

  fs.reads.length = 0;
  rmSync(join(root, 'pkg5'), { recursive: true });
  settled(root);
  await index.refresh();
  assert.deepEqual(await paths(index, 'util5'), []);
  assert.deepEqual(fs.reads, [root], 'a removed directory goes with its parent\'s re-read');
  assert.equal(index.size, walkFiles(root).files.length);
});

test('swept index: an edited .gitignore re-decides its own directory\'s sub-tree only', async () => {
  const root = repo(4);
  const fs = counting();
  const index = open(root, { fs });
  await index.refresh();
  fs.reads.length = 0;
  writeFileSync(join(root, 'pkg2', '.gitignore'), 'lib/\n');
  settled(join(root, 'pkg2'));
  await index.refresh();
  assert.deepEqual(await paths(index, 'util2'), []);
  assert.deepEqual(fs.reads, [join(root, 'pkg2')]);
  fs.reads.length = 0;
  // Written in place: the directory's mtime does not move, the file's does.
  writeFileSync(join(root, 'pkg2', '.gitignore'), '# nothing\n');
  settled(join(root, 'pkg2', '.gitignore'));
  await index.refresh();
  assert.deepEqual(await paths(index, 'util2'), ['pkg2/lib/util2.ts']);
  assert.deepEqual(fs.reads, [join(root, 'pkg2'), join(root, 'pkg2', 'lib')]);
});

test('swept index: a search starts a sweep when the last one is old, and answers at once', async () => {
  const root = repo(2);
  const fs = counting();
  const index = open(root, { rescanAfterMs: 0, fs });
  await index.refresh();
  fs.reads.length = 0;
  writeFileSync(join(root, 'src', 'later.ts'), '');
  assert.deepEqual(await eventually(index, 'later', (p) => p.length > 0), ['src/later.ts']);
  assert.ok(fs.reads.length <= 2 && fs.reads.every((r) => r === join(root, 'src')), `read only src/: ${fs.reads.join(', ')}`);
});

test('a new @ popup sweeps first: what changed since the last sweep shows in it; one opened before the build began reading costs no sweep', async () => {
  const root = repo(3);
  const stats: string[] = [];
  const fs: FsSeam = { ...realFs, mtime: (abs) => (stats.push(abs), realFs.mtime(abs)) };
  const index = open(root, { fs });
  const dirs = [...walkDirs(root)];
  index.start(); // after the first frame
  assert.equal(index.revalidate(), 'after', 'a popup at once: the build has looked at nothing yet');
  await index.refresh();
  assert.deepEqual(stats.filter((s) => dirs.includes(s)).sort(), dirs.sort(), 'each directory stat\'ed once, by the build');
  writeFileSync(join(root, 'src', 'later.ts'), '');
  settled(join(root, 'src'));
  stats.length = 0;
  assert.equal(index.revalidate(), 'swept');
  assert.deepEqual(await eventually(index, 'later', (p) => p.length > 0), ['src/later.ts']);
  assert.deepEqual(new Set(stats.filter((s) => dirs.includes(s))), new Set(dirs), 'the sweep stats every directory');
  const fresh = open(root, { fs });
  assert.equal(fresh.revalidate(), 'started', 'a popup before the first frame\'s start() starts the build');
});

test('a popup opened while a sweep is under way: the directories it had stat\'ed already are swept again after it', async () => {
  const { root } = slowTree(20);
  age(root);
  let during: (() => void) | undefined;
  const fs: FsSeam = {
    ...realFs,
    mtime: (abs) => {
      if (abs === join(root, 'd1')) during?.(); // d0 was stat'ed just before; d10… are still to come
      return realFs.mtime(abs);
    },
  };
  const index = open(root, { fs });
  await index.refresh();
  let answer: string | undefined;
  during = () => {
    during = undefined;
    writeFileSync(join(root, 'd0', 'made-meanwhile.ts'), '');
    settled(join(root, 'd0'));
    answer = index.revalidate();
  };
  await index.refresh();
  assert.equal(answer, 'after');
  assert.deepEqual(await paths(index, 'made-meanwhile'), ['d0/made-meanwhile.ts']);
});

/** Every directory under `root` (itself included), `.git` left out. */
function* walkDirs(root: string): Generator<string> {
  yield root;
  for (const e of readdirSync(root, { withFileTypes: true })) if (e.isDirectory() && e.name !== '.git') yield* walkDirs(join(root, e.name));
}

/** What a session writes to CODEX_HOME: its log (a new dated directory, then appends) and the prompt history. */
function writeSession(home: string): void {
  const day = join(home, 'sessions', '2026', '12', '07');
  mkdirSync(day, { recursive: true });
  const log = join(day, 'rollout-2026-12-07T05-00-00-abc.jsonl');
  for (let i = 0; i < 20; i++) writeFileSync(log, `{"type":"event_msg","n":${i}}\n`, { flag: 'a' });
  writeFileSync(join(home, 'history.jsonl'), '{"text":"go"}\n', { flag: 'a' });
}

test('CODEX_HOME inside the root (codex run in the home directory) is neither listed nor swept: a session writing its log costs the index nothing, a user file made meanwhile is found', async () => {
  const root = repo(5);
  const home = join(root, '.codex');
  mkdirSync(home);
  writeFileSync(join(home, 'config.toml'), 'model = "x"\n');
  age(root);
  const fs = counting();
  const index = open(root, { fs, skip: [home] });
  await index.refresh();
  assert.deepEqual(await paths(index, 'config.toml'), []);
  fs.reads.length = 0;
  writeSession(home);
  writeFileSync(join(root, 'src', 'fresh-user.ts'), '');
  settled(root, join(root, 'src'), home);
  await index.refresh();
  assert.deepEqual(await paths(index, 'fresh'), ['src/fresh-user.ts']);
  assert.deepEqual(await paths(index, 'rollout'), []);
  assert.deepEqual(await paths(index, 'history.jsonl'), []);
  // Only the user's directories were read again: nothing below CODEX_HOME.
  assert.ok(fs.reads.every((r) => r === root || r === join(root, 'src')), `reads: ${fs.reads.join(', ')}`);
});

test('CODEX_HOME inside a swept root is skipped by the sweeps too; a root inside CODEX_HOME is listed whole', async () => {
  const root = repo(2);
  const home = join(root, 'home', '.codex');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.toml'), '');
  writeFileSync(join(root, 'home', 'notes.md'), '');
  age(root);
  const fs = counting();
  const index = open(root, { fs, skip: [home] });
  await index.refresh();
  assert.deepEqual(await paths(index, 'notes'), ['home/notes.md']);
  assert.deepEqual(await paths(index, 'config.toml'), []);
  writeSession(home);
  settled(root, join(root, 'home'), home, join(home, 'sessions'));
  fs.reads.length = 0;
  await index.refresh();
  assert.ok(fs.reads.every((r) => !r.startsWith(home)), `reads: ${fs.reads.join(', ')}`);
  assert.deepEqual(await paths(index, 'rollout'), []);
  // Working inside CODEX_HOME itself: its files are the user's.
  const inside = open(home, { skip: [home] });
  await inside.refresh();
  assert.deepEqual(await paths(inside, 'rollout'), ['sessions/2026/12/07/rollout-2026-12-07T05-00-00-abc.jsonl']);
});

/** A tree of `n` directories with one file each, read through a clock that one read advances by 1 ms. */
function slowTree(n: number): { root: string; fs: FsSeam; clock: () => number; reads: { at: number }[] } {
  const root = mkdtempSync(join(tmpdir(), 'codex-index-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  for (let i = 0; i < n; i++) {
    mkdirSync(join(root, `d${i}`));
    writeFileSync(join(root, `d${i}`, `file${i}.ts`), '');
  }
  let now = 0;
  const reads: { at: number }[] = [];
  const fs: FsSeam = { ...realFs, readDir: (abs) => (now += 1, reads.push({ at: now }), realFs.readDir(abs)) };
  return { root, fs, clock: () => now, reads };
}

test('the build runs in slices: the event loop turns between them', async () => {
  const { root, fs, clock, reads } = slowTree(40);
  const index = open(root, { fs, clock, sliceMs: 4 });
  // A probe that runs at every turn of the loop, as input handling would.
  let turns = 0;
  const perTurn: number[] = [];
  let seen = 0;
  let probing = true;
  const probe = (): void => {
    perTurn.push(reads.length - seen);
    seen = reads.length;
    turns++;
    if (probing) setImmediate(probe);
  };
  setImmediate(probe);
  index.start();
  assert.equal(reads.length, 0, 'start() only schedules');
  await index.refresh();
  probing = false;
  assert.equal(reads.length, 41);
  assert.ok(Math.max(...perTurn) <= 5, `at most a slice (4 ms = 4 reads, +1 to notice) per turn: ${perTurn.join(' ')}`);
  assert.ok(turns >= 8, `the loop turned between slices: ${turns}`);
});

test('searches answer from what is indexed so far; listeners hear when it completes', async () => {
  const { root, fs, clock, reads } = slowTree(30);
  const index = open(root, { fs, clock, sliceMs: 4 });
  const full = preparePaths(walkFiles(root).files);
  let partial: string[] | undefined;
  let readyThen: boolean | undefined;
  const probe = (): void => {
    if (reads.length < 6 || partial) return void setImmediate(probe);
    readyThen = index.ready;
    void index.search('file', 100).then((m) => (partial = m.map((x) => x.path)));
  };
  setImmediate(probe);
  let heard = 0;
  index.onChange(() => heard++);
  await index.refresh();
  assert.equal(readyThen, false);
  assert.ok(partial && partial.length > 0 && partial.length < 30, `a partial answer: ${partial?.length}`);
  assert.equal(heard, 1, 'one change: the completed build');
  assert.equal(index.ready, true);
  // Complete: the same answer as the ranking over a full walk.
  assert.deepEqual(await index.search('file', 100), searchPaths(full, 'file', 100));
  assert.deepEqual(await index.search('fl1', 8), searchPaths(full, 'fl1', 8));
});

test('while the build runs, listeners hear that the list grew, at most every 100 ms (an open popup that found nothing yet fills in)', async () => {
  const { root, fs, clock } = slowTree(350); // one read = 1 ms of the test's clock: the build takes ~350 ms
  const index = open(root, { fs, clock, sliceMs: 4 });
  const heard: { at: number; size: number; ready: boolean }[] = [];
  index.onChange(() => heard.push({ at: clock(), size: index.size, ready: index.ready }));
  await index.refresh();
  const during = heard.filter((h) => !h.ready);
  assert.ok(during.length >= 3 && during.length <= 4, `heard during the build: ${JSON.stringify(heard)}`);
  for (let i = 1; i < during.length; i++) {
    assert.ok(during[i]!.at - during[i - 1]!.at >= 100, 'at most every 100 ms');
    assert.ok(during[i]!.size > during[i - 1]!.size, 'each time the list had grown');
  }
  assert.equal(heard.at(-1)?.ready, true, 'and once more when it completes');
  assert.equal(heard.at(-1)?.size, 350);
});
