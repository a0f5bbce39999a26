import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { preparePaths, searchPaths } from '../../app/files/fuzzy.js';
import type { DirRecord } from '../../app/files/dir-tree.js';
import { encodeSnapshot, readSnapshotText, snapshotFile } from '../../app/files/snapshot.js';
import { walkFiles } from '../../app/files/walk.js';
import { cleanups, counting, open, paths, repo, settled } from './fixtures.js';

const record = (rel: string, count: number, rules: Partial<{ ruleFiles: string[]; ruleMtimes: (number | undefined)[]; ruleTexts: string[] }> = {}) =>
  ({ rel, mtime: 1.5e12 + 0.123, racy: rel === 'b', count, ruleFiles: [], ruleMtimes: [], ruleTexts: [], ...rules });

/** Reads every part of a snapshot: undefined when it is not one, 'damaged' when a part is. */
function decodeSnapshot(text: string, key: string) {
  const reader = readSnapshotText(text, key);
  if (!reader) return undefined;
  const records: DirRecord[] = [];
  for (let r = reader.records(); r !== 'done'; r = reader.records()) {
    if (r === 'damaged') return 'damaged';
    records.push(...r);
  }
  const paths: string[] = [];
  const lower: string[] = [];
  for (let b = reader.paths(); b !== 'done'; b = reader.paths()) {
    if (b === 'damaged') return 'damaged';
    paths.push(...b.paths);
    lower.push(...b.lower);
  }
  return { records, paths, lower };
}

test('a snapshot reads back as written, its paths lower-cased as each path alone would be; another key, format or a damaged one reads as none', () => {
  const records = [
    record('', 1, { ruleFiles: ['.gitignore'], ruleMtimes: [undefined], ruleTexts: ['*.log\n# "quoted"\n'] }),
    record('b', 2),
    record('ΣΑΣ', 2),
  ];
  const paths = ['README.md', 'b/Straße.TS', 'b/x', 'ΣΑΣ/İx', 'ΣΑΣ/ΟΔΟΣ.md'];
  const text = encodeSnapshot('key', { records, paths });
  const back = decodeSnapshot(text, 'key');
  assert.ok(back && back !== 'damaged');
  assert.deepEqual(back.records, records);
  assert.deepEqual(back.paths, paths);
  assert.deepEqual(back.lower, paths.map((p) => p.toLowerCase()));
  // Many blocks: mixed case in some, none in others.
  const many = Array.from({ length: 10_000 }, (_, i) => `d${String(i).padStart(5, '0')}/${i % 3 ? 'x' : 'X'}${i}.ts`);
  const read = decodeSnapshot(encodeSnapshot('key', { records: [record('', 10_000)], paths: many }), 'key');
  assert.ok(read && read !== 'damaged');
  assert.deepEqual(read.paths, many);
  assert.deepEqual(read.lower, many.map((p) => p.toLowerCase()));
  const none = decodeSnapshot(encodeSnapshot('key', { records: [record('', 0)], paths: [] }), 'key');
  assert.ok(none && none !== 'damaged');
  assert.deepEqual(none.paths, []);
  assert.equal(decodeSnapshot(text, 'other key'), undefined);
  assert.equal(decodeSnapshot(text.replace('codex-file-index 1', 'codex-file-index 2'), 'key'), undefined);
  assert.equal(decodeSnapshot(text.slice(0, -1), 'key'), undefined, 'cut short');
  assert.equal(decodeSnapshot(text.slice(0, text.lastIndexOf('\0', text.length - 3)) + '\0\0', 'key'), 'damaged', 'a path short');
  const nul = text.indexOf('\0'); // between the first two paths
  assert.equal(decodeSnapshot(`${text.slice(0, nul)}_${text.slice(nul + 1)}`, 'key'), 'damaged', 'two paths run together');
  assert.equal(decodeSnapshot(text.slice(0, 40), 'key'), undefined, 'cut in the records');
  assert.equal(decodeSnapshot(text.replace('"b",', '"b",true,'), 'key'), 'damaged', 'a record of another shape');
});

function session(root: string, dir: string, fs = counting()): { index: ReturnType<typeof open>; fs: ReturnType<typeof counting> } {
  return { index: open(root, { snapshotDir: dir, fs }), fs };
}

function snapshotDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'codex-snapshots-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the next session loads the saved listing and sweeps it instead of walking: only the directories changed between sessions are read, and it lists what a walk lists', async () => {
  const root = repo(10);
  const dir = snapshotDir();
  const first = session(root, dir);
  await first.index.refresh();
  assert.equal(first.fs.reads.length, 22, 'the first session walks every directory');
  assert.equal(readdirSync(dir).length, 1, 'and saves its listing');

  // Between the sessions: a file added deep down, one removed, a directory removed, a .gitignore added.
  writeFileSync(join(root, 'pkg3', 'lib', 'between.ts'), '');
  writeFileSync(join(root, 'pkg3', 'lib', 'between.secret'), '');
  unlinkSync(join(root, 'pkg1', 'index.ts'));
  rmSync(join(root, 'pkg5'), { recursive: true });
  writeFileSync(join(root, 'pkg2', '.gitignore'), 'lib/\n');
  mkdirSync(join(root, 'pkg7', 'new'));
  writeFileSync(join(root, 'pkg7', 'new', 'made.ts'), '');
  settled(root, join(root, 'pkg3', 'lib'), join(root, 'pkg1'), join(root, 'pkg2'), join(root, 'pkg7'), join(root, 'pkg7', 'new'));

  const second = session(root, dir);
  await second.index.refresh();
  const changed = [root, join(root, 'pkg1'), join(root, 'pkg2'), join(root, 'pkg3', 'lib'), join(root, 'pkg7'), join(root, 'pkg7', 'new')];
  assert.deepEqual(second.fs.reads.sort(), changed.sort());
  assert.deepEqual(await paths(second.index, 'between'), ['pkg3/lib/between.ts']);
  assert.deepEqual(await paths(second.index, 'made'), ['pkg7/new/made.ts']);
  assert.deepEqual(await paths(second.index, 'util2'), [], 'the new .gitignore holds');
  assert.deepEqual(await paths(second.index, 'util5'), []);
  const walked = walkFiles(root).files;
  assert.equal(second.index.size, walked.length);
  for (const q of ['ts', 'pkg', 'lib/u', 'READ']) assert.deepEqual(await second.index.search(q, 100), searchPaths(preparePaths(walked), q, 100), q);

  // Nothing changed since: the third session reads no directory and leaves the snapshot as it was (not written again: the same file, the same text).
  const file = join(dir, readdirSync(dir)[0]!);
  const saved = { ino: statSync(file).ino, text: readFileSync(file, 'utf8') };
  const third = session(root, dir);
  await third.index.refresh();
  assert.deepEqual(third.fs.reads, []);
  assert.equal(third.index.size, walked.length);
  assert.deepEqual({ ino: statSync(file).ino, text: readFileSync(file, 'utf8') }, saved);
});

const DAY = 24 * 3600_000;
function dated(file: string, daysAgo: number): void {
  const when = new Date(Date.now() - daysAgo * DAY);
  utimesSync(file, when, when);
}

test('writing a listing removes the listings and leftover temporary files untouched for 30 days; a loaded listing is touched, so one in use stays', async () => {
  const dir = snapshotDir();
  const old = join(dir, 'a'.repeat(24) + '.snapshot');
  const recent = join(dir, 'b'.repeat(24) + '.snapshot');
  const leftover = join(dir, 'c'.repeat(24) + '.snapshot.4242.tmp');
  const foreign = join(dir, 'notes.txt');
  for (const f of [old, recent, leftover, foreign]) writeFileSync(f, 'x');
  for (const f of [old, leftover, foreign]) dated(f, 31);
  dated(recent, 29);

  const root = repo(1);
  await session(root, dir).index.refresh();
  const mine = join(dir, readdirSync(dir).find((n) => n.endsWith('.snapshot') && ![old, recent].includes(join(dir, n)))!);
  assert.deepEqual(readdirSync(dir).sort(), [recent, mine, foreign].map((f) => f.slice(dir.length + 1)).sort());

  // Unchanged for 31 days but loaded by a session meanwhile: another folder's listing written next keeps it.
  dated(mine, 31);
  const again = session(root, dir);
  await again.index.refresh();
  assert.deepEqual(again.fs.reads, [], 'loaded, not walked or written');
  assert.ok(Date.now() - statSync(mine).mtimeMs < DAY, 'touched when loaded');
  await session(repo(1), dir).index.refresh();
  assert.ok(existsSync(mine));
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.snapshot')).length, 3, 'recent, mine and the other folder\'s');
});

test('a directory read in the same moment it changed is read again by the next session (a change in that tick would not move its mtime)', async () => {
  const root = repo(2);
  writeFileSync(join(root, 'src', 'just-now.ts'), ''); // src's mtime: now
  const dir = snapshotDir();
  await session(root, dir).index.refresh();
  const next = session(root, dir);
  await next.index.refresh();
  assert.deepEqual(next.fs.reads, [join(root, 'src')]);
});

test('a .gitignore written in the same moment it was read is read again by the next session, though its folder did not change: an edit in that tick would not move its mtime', async () => {
  const root = repo(2);
  const rules = join(root, 'pkg1', '.gitignore');
  writeFileSync(rules, 'nothing-yet\n');
  settled(join(root, 'pkg1'));
  const now = new Date(Math.floor(Date.now() / 1000) * 1000); // its mtime: now, on a whole second so the same can be set again
  utimesSync(rules, now, now);
  const dir = snapshotDir();
  await session(root, dir).index.refresh();
  // Edited within that tick: the same mtime.
  writeFileSync(rules, 'lib/\n');
  utimesSync(rules, now, now);
  const next = session(root, dir);
  await next.index.refresh();
  assert.deepEqual(await paths(next.index, 'util1'), []);
});

test('a snapshot made under other ignore rules from outside the root, cut short, or damaged in a block is not used: the tree is walked', async () => {
  const root = repo(3);
  const dir = snapshotDir();
  await session(root, dir).index.refresh();
  mkdirSync(join(root, '.git', 'info'));
  writeFileSync(join(root, '.git', 'info', 'exclude'), 'pkg1/\n');
  const excluded = session(root, dir);
  await excluded.index.refresh();
  assert.equal(excluded.fs.reads.length, 6, 'walked: the root, src, pkg0, pkg0/lib, pkg2, pkg2/lib');
  assert.deepEqual(await paths(excluded.index, 'util1'), []);

  const file = join(dir, readdirSync(dir)[0]!);
  const saved = readFileSync(file, 'utf8');
  for (const damage of [saved.slice(0, -3), saved.replace(/\0(?!\0)/, '_')]) {
    writeFileSync(file, damage);
    const damaged = session(root, dir);
    await damaged.index.refresh();
    assert.equal(damaged.fs.reads.length, 6);
    assert.equal(damaged.index.size, walkFiles(root).files.length);
    assert.deepEqual(await paths(damaged.index, 'util'), ['pkg0/lib/util0.ts', 'pkg2/lib/util2.ts']);
  }
});

test('a root that could not be read is not saved as an empty listing: the next session walks it', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'codex-index-'));
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  const root = join(parent, 'not-yet');
  const dir = snapshotDir();
  const before = session(root, dir);
  await before.index.refresh();
  assert.equal(before.index.size, 0);
  assert.deepEqual(readdirSync(dir), []);
  mkdirSync(root);
  writeFileSync(join(root, 'late.ts'), '');
  const after = session(root, dir);
  await after.index.refresh();
  assert.deepEqual(await paths(after.index, 'late'), ['late.ts']);
});

test('a listing is for the user only under a umask of 022: a missing CODEX_HOME and its file-index are made 0700, the listing 0600 whatever a leftover temporary file of its name had; an existing CODEX_HOME keeps its mode', async () => {
  const old = process.umask(0o022);
  try {
    const parent = mkdtempSync(join(tmpdir(), 'codex-index-'));
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    const fresh = join(parent, 'fresh-home');
    const root = repo(1);
    await session(root, join(fresh, 'file-index')).index.refresh();
    const [name] = readdirSync(join(fresh, 'file-index'));
    assert.deepEqual([mode(fresh), mode(join(fresh, 'file-index')), mode(join(fresh, 'file-index', name!))], ['700', '700', '600']);

    // The user's own CODEX_HOME (0755) stays as it is; file-index, codex's own, made by an older version 0755, is tightened.
    const mine = join(parent, 'home');
    mkdirSync(join(mine, 'file-index'), { recursive: true });
    const other = repo(1);
    const tmp = `${snapshotFile(join(mine, 'file-index'), other)}.${process.pid}.tmp`;
    writeFileSync(tmp, 'left by a write cut short', { mode: 0o644 });
    await session(other, join(mine, 'file-index')).index.refresh();
    assert.deepEqual([mode(mine), mode(join(mine, 'file-index')), mode(snapshotFile(join(mine, 'file-index'), other))], ['755', '700', '600']);
    assert.ok(!existsSync(tmp));
  } finally {
    process.umask(old);
  }
});
