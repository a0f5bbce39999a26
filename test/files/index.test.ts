import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, test } from 'node:test';
import { realFs } from '../../app/files/dir-tree.js';
import type { FsSeam } from '../../app/files/fs-seam.js';
import { preparePaths, searchPaths } from '../../app/files/fuzzy.js';
import { FileIndex, type FileIndexOptions } from '../../app/files/index.js';
import { walkFiles } from '../../app/files/walk.js';
import { initGitRepo } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

/** A repository: README.md, src/main.ts, `dirs` more directories of two files each, all dated an hour ago. */
function repo(dirs = 0): string {
  const root = mkdtempSync(join(tmpdir(), 'codex-index-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  initGitRepo(root);
  writeFileSync(join(root, '.gitignore'), 'ignored/\n*.secret\n');
  writeFileSync(join(root, 'README.md'), '# hi\n');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'main.ts'), '');
  for (let i = 0; i < dirs; i++) {
    mkdirSync(join(root, `pkg${i}`, 'lib'), { recursive: true });
    writeFileSync(join(root, `pkg${i}`, 'index.ts'), '');
    writeFileSync(join(root, `pkg${i}`, 'lib', `util${i}.ts`), '');
  }
  age(root);
  return root;
}

/** Dates every directory an hour back, so that a change now moves its mtime (and none reads as racy). */
function age(dir: string): void {
  const past = new Date(Date.now() - 3600_000);
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && e.name !== '.git') age(join(dir, e.name));
  utimesSync(dir, past, past);
}

let back = 0;
/** Dates `dirs` further back each time: as if they changed a while ago, so none reads as racy yet each moved. */
function settled(...dirs: string[]): void {
  back++;
  const when = new Date(Date.now() - 1800_000 - back * 1000);
  for (const d of dirs) utimesSync(d, when, when);
}

/** The real file system, counting directory reads by path. */
function counting(): FsSeam & { reads: string[] } {
  const reads: string[] = [];
  return { ...realFs, reads, readDir: (abs) => (reads.push(abs), realFs.readDir(abs)) };
}

function open(root: string, opts: FileIndexOptions): FileIndex {
  const index = new FileIndex(root, opts);
  cleanups.push(() => index.close());
  return index;
}

const paths = async (index: FileIndex, query: string): Promise<string[]> => (await index.search(query, 100)).map((m) => m.path);

/** The search's paths once `pred` holds of them (polled through waitFor, which names the last answer if it never does). */
async function eventually(index: FileIndex, query: string, pred: (paths: string[]) => boolean): Promise<string[]> {
  let found: string[] = [];
  await waitFor(async () => pred(found = await paths(index, query)), () => `a search for ${JSON.stringify(query)} to change (last: ${JSON.stringify(found)})`);
  return found;
}

test('swept index: a file added or removed after the build is found by re-reading its directory only', async () => {
  const root = repo(10);
  const fs = counting();
  const index = open(root, { watch: false, fs });
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
  const index = open(root, { watch: false, fs });
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
  const index = open(root, { watchDirLimit: 0, rescanAfterMs: 0, fs });
  await index.refresh();
  fs.reads.length = 0;
  writeFileSync(join(root, 'src', 'later.ts'), '');
  assert.deepEqual(await eventually(index, 'later', (p) => p.length > 0), ['src/later.ts']);
  assert.ok(fs.reads.length <= 2 && fs.reads.every((r) => r === join(root, 'src')), `read only src/: ${fs.reads.join(', ')}`);
});

test('watched index: an event re-reads its directory; ignored files stay out; deleted ones go', async () => {
  const root = repo(20);
  const fs = counting();
  const index = open(root, { debounceMs: 20, fs });
  await index.refresh();
  await waitFor(() => index.mode === 'watching', 'the index to start watching');
  assert.equal(index.mode, 'watching');
  await index.refresh();
  fs.reads.length = 0;
  writeFileSync(join(root, 'src', 'fresh-module.ts'), '');
  mkdirSync(join(root, 'ignored'));
  writeFileSync(join(root, 'ignored', 'fresh-hidden.ts'), '');
  writeFileSync(join(root, 'src', 'fresh.secret'), '');
  assert.deepEqual(await eventually(index, 'fresh', (p) => p.includes('src/fresh-module.ts')), ['src/fresh-module.ts']);
  unlinkSync(join(root, 'src', 'fresh-module.ts'));
  assert.deepEqual(await eventually(index, 'fresh', (p) => p.length === 0), []);
  // Events come in one or more debounced batches; each reads the changed directories, never the 42 others.
  assert.ok(fs.reads.every((r) => r === root || r === join(root, 'src')), `reads: ${fs.reads.join(', ')}`);
});

test('a tree larger than the watches the system grants: each directory watched until it refuses (ENOSPC); a file made or removed deep in a watched one shows at once, in an unwatched one after a sweep of the unwatched ones only', async () => {
  const root = repo(30); // 62 directories
  for (let i = 0; i < 30; i++) mkdirSync(join(root, `pkg${i}`, 'lib', 'deep', 'deeper'), { recursive: true });
  age(root);
  const watched: string[] = [];
  let tries = 0;
  const stats: string[] = [];
  const fs: FsSeam = {
    ...realFs,
    mtime: (abs) => (stats.push(abs), realFs.mtime(abs)),
    watch: (abs, onEntry, onError) => {
      // The system's inotify watches run out after 40.
      if (++tries > 40) throw Object.assign(new Error(`watch ${abs}: no space left on device`), { code: 'ENOSPC' });
      watched.push(abs);
      return realFs.watch(abs, onEntry, onError);
    },
  };
  let now = 0; // the index's clock: a sweep is due only when the test moves it
  const index = open(root, { debounceMs: 20, rescanAfterMs: 3000, clock: () => now, fs });
  await index.refresh();
  assert.equal(watched.length, 40);
  assert.equal(tries, 41, 'no watch is tried once the system refused one');
  assert.equal(index.mode, 'sweeping');
  const deepest = (dirs: string[]): string => dirs.find((d) => d.endsWith(`${join('deep', 'deeper')}`))!;
  const all = [...walkDirs(root)];
  // Sweeps pass watched directories by, so the build needs no mtime of theirs (a stat saved per directory).
  assert.deepEqual(new Set(stats), new Set(all.filter((d) => !watched.includes(d))), 'the build stats only the directories it could not watch');
  const inWatched = deepest(watched);
  const inUnwatched = deepest(all.filter((d) => !watched.includes(d)));
  assert.ok(inWatched && inUnwatched, 'deep directories on both sides of the limit');

  writeFileSync(join(inWatched, 'made-here.ts'), '');
  const rel = (abs: string): string => abs.slice(root.length + 1).split(sep).join('/');
  assert.deepEqual(await eventually(index, 'made-here', (p) => p.length > 0), [rel(join(inWatched, 'made-here.ts'))]);
  unlinkSync(join(inWatched, 'made-here.ts'));
  assert.deepEqual(await eventually(index, 'made-here', (p) => p.length === 0), [], 'a removed file goes too');

  writeFileSync(join(inUnwatched, 'made-there.ts'), '');
  settled(inUnwatched);
  stats.length = 0;
  assert.deepEqual(await paths(index, 'made-there'), [], 'no event, and no sweep due yet on the clock');
  assert.deepEqual(stats, []);
  now += 3001;
  assert.deepEqual(await eventually(index, 'made-there', (p) => p.length > 0), [rel(join(inUnwatched, 'made-there.ts'))]);
  const swept = stats.filter((abs) => all.includes(abs));
  assert.equal(new Set(swept).size, all.length - 40, 'the sweep stats the unwatched directories');
  assert.ok(swept.every((abs) => !watched.includes(abs)), `and no watched one: ${swept.filter((a) => watched.includes(a)).join(', ')}`);
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

test('CODEX_HOME inside the root (codex run in the home directory) is neither listed nor watched: a session writing its log costs the index nothing, a user file made meanwhile is found', async () => {
  const root = repo(5);
  const home = join(root, '.codex');
  mkdirSync(home);
  writeFileSync(join(home, 'config.toml'), 'model = "x"\n');
  age(root);
  const fs = counting();
  const index = open(root, { debounceMs: 20, fs, skip: [home] });
  await index.refresh();
  await waitFor(() => index.mode === 'watching', 'the index to start watching');
  await index.refresh();
  assert.deepEqual(await paths(index, 'config.toml'), []);
  fs.reads.length = 0;
  writeSession(home);
  writeFileSync(join(root, 'src', 'fresh-user.ts'), '');
  assert.deepEqual(await eventually(index, 'fresh', (p) => p.includes('src/fresh-user.ts')), ['src/fresh-user.ts']);
  assert.deepEqual(await paths(index, 'rollout'), []);
  assert.deepEqual(await paths(index, 'history.jsonl'), []);
  // Only the user's directory was read again: no event came from CODEX_HOME.
  assert.ok(fs.reads.every((r) => r === join(root, 'src')), `reads: ${fs.reads.join(', ')}`);
});

test('CODEX_HOME inside a swept root is skipped by the sweeps too; a root inside CODEX_HOME is listed whole', async () => {
  const root = repo(2);
  const home = join(root, 'home', '.codex');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.toml'), '');
  writeFileSync(join(root, 'home', 'notes.md'), '');
  age(root);
  const fs = counting();
  const index = open(root, { watch: false, fs, skip: [home] });
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
  const inside = open(home, { watch: false, skip: [home] });
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
  const index = open(root, { watch: false, fs, clock, sliceMs: 4 });
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
  const index = open(root, { watch: false, fs, clock, sliceMs: 4 });
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
  const index = open(root, { watch: false, fs, clock, sliceMs: 4 });
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
