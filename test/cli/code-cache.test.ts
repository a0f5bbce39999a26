// The launcher's V8 code cache (app/cli/launch/code-cache.ts), through the
// real CLI (dist/codex.js): a start without a cache writes one, the next uses
// it; a cache that is corrupt, truncated, refused by V8 or unwritable never
// breaks a start (V8 aborts the process on a corrupted payload, so the file's
// own checksum must catch it); concurrent first starts leave one whole file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { Script } from 'node:vm';
import { cacheDir } from '../../app/code-cache-dir.js';
import { cacheName, decodeCache, encodeCache } from '../../app/cli/launch/code-cache.js';
import { CODEX_JS, createWorkspace, runCodex } from '../support/cli.js';
import { startMockModelServer } from '../support/mock-model-server.js';

const scratch = mkdtempSync(join(tmpdir(), 'codex-code-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;

/** A fresh XDG_CACHE_HOME, and where the cache lands in it. */
function cacheHome(): { home: string; dir: string } {
  const home = join(scratch, `cache-${dirs++}`);
  return { home, dir: join(home, 'codex-ts') };
}

const env = (home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, XDG_CACHE_HOME: home, CODEX_HOME: join(scratch, 'codex-home'), ...extra });

function help(home: string, nodeArgs: string[] = []): void {
  const r = spawnSync(process.execPath, [...nodeArgs, CODEX_JS, '--help'], { env: env(home), encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Codex CLI\n/);
  assert.equal(r.stderr, '');
}

/** The code caches in `dir` (not the checked config kept beside them: test/config/checked-memo.test.ts). */
const files = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('config-')).sort();
  } catch {
    return [];
  }
};

/** The one cache file in `dir`. */
function theCache(dir: string): string {
  const found = files(dir);
  assert.equal(found.length, 1, `one cache file in ${dir}: ${found.join(', ')}`);
  assert.match(found[0]!, /^cli-[0-9a-f]{16}-[0-9a-f]{8}-v\d+\.\d+\.\d+-[a-z0-9]+\.v8cache$/);
  return join(dir, found[0]!);
}

test('the file format: a round trip, and any damage to the header or the payload is refused', () => {
  const data = Buffer.from(new Script('1 + 1').createCachedData());
  const file = encodeCache('tui', data);
  assert.deepEqual(decodeCache(file), { kind: 'tui', data });
  assert.equal(decodeCache(file.subarray(0, file.length - 1)), undefined, 'truncated');
  for (const at of [0, 4, 10, file.length - 1]) {
    const bad = Buffer.from(file);
    bad[at]! ^= 0xff;
    assert.equal(decodeCache(bad), undefined, `byte ${at} flipped`);
  }
  assert.equal(decodeCache(Buffer.alloc(0)), undefined);
});

test('where the caches live: $XDG_CACHE_HOME/codex-ts, else ~/.cache/codex-ts; one per bundle, its hash and its path', () => {
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/h' }), '/x/cache/codex-ts');
  assert.equal(cacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' }), '/h/.cache/codex-ts');
  assert.equal(cacheDir({ HOME: '/h' }), '/h/.cache/codex-ts');
  const name = cacheName('cli', 'abc', '/a/dist/cli.js');
  assert.match(name, new RegExp(`^cli-abc-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`));
  assert.notEqual(cacheName('cli', 'abc', '/b/dist/cli.js'), name, 'another copy of the bundle');
  assert.notEqual(cacheName('cli', 'abd', '/a/dist/cli.js'), name, 'another build');
  assert.match(cacheName('deps', 'abc', '/a/dist/deps.js'), /^deps-/);
});

test('stack traces name the bundle where it is, whether its code came from the build\'s cache or the user\'s', () => {
  const { home, dir } = cacheHome();
  const refuse = join(scratch, 'refusing-stdout.cjs');
  writeFileSync(refuse, "process.stdout.write = () => { throw new Error('stdout refused'); };\n");
  const frame = `(${join(dirname(CODEX_JS), 'cli.js')}:`;
  const refused = (): string => spawnSync(process.execPath, ['-r', refuse, CODEX_JS, '--help'], { env: env(home), encoding: 'utf8' }).stderr;
  const fromBuild = refused();
  assert.ok(fromBuild.includes('stdout refused') && fromBuild.includes(frame), fromBuild);
  help(home);
  assert.ok(decodeCache(readFileSync(theCache(dir))));
  const fromUser = refused();
  assert.ok(fromUser.includes(frame), fromUser);
});

test('a start without a cache writes one; the next start uses it and leaves it alone', () => {
  const { home, dir } = cacheHome();
  help(home);
  const file = theCache(dir);
  assert.equal(decodeCache(readFileSync(file))?.kind, 'other');
  const before = statSync(file);
  help(home);
  const now = statSync(file);
  assert.deepEqual([now.ino, now.mtimeMs], [before.ino, before.mtimeMs], 'the cache was not rewritten');
});

test('a command that loads the other bundles (exec: its front end and the agent from dist/later.js, classic zod from dist/zod.js) leaves their caches too', async () => {
  const { home, dir } = cacheHome();
  const mock = await startMockModelServer([{ output: [{ type: 'text', text: 'done' }] }]);
  const ws = createWorkspace(mock.url);
  try {
    const r = await runCodex(ws, ['exec', 'hi'], { env: { XDG_CACHE_HOME: home } });
    assert.equal(r.code, 0, r.stderr);
  } finally {
    ws.cleanup();
    await mock.close();
  }
  const found = files(dir);
  assert.deepEqual(found.map((name) => name.split('-')[0]), ['cli', 'later', 'zod'], found.join(', '));
  for (const name of found) assert.equal(decodeCache(readFileSync(join(dir, name)))?.kind, 'other', name);
});

test('a corrupt, truncated or refused cache: the start runs as without one, and the cache is written anew', () => {
  const { home, dir } = cacheHome();
  help(home);
  const file = theCache(dir);
  const good = readFileSync(file);
  const { data } = decodeCache(good)!;
  const flipped = Buffer.from(good);
  for (let i = 0; i < 64; i++) flipped[(good.length >> 1) + i]! ^= 0x5a;
  // Checksums that match, for V8 data it refuses: another script's, and ours with V8's version field changed.
  const otherScript = encodeCache('other', Buffer.from(new Script('"another script"').createCachedData()));
  const otherV8 = Buffer.from(data);
  otherV8.writeUInt32LE(otherV8.readUInt32LE(4) ^ 0xffff, 4);
  const damaged: [string, Buffer][] = [
    ['payload bytes flipped', flipped],
    ['truncated', good.subarray(0, good.length >> 1)],
    ['empty', Buffer.alloc(0)],
    ['V8 data for another script', otherScript],
    ['V8 data from another V8 version', encodeCache('other', otherV8)],
  ];
  for (const [what, bytes] of damaged) {
    writeFileSync(file, bytes);
    help(home);
    const written = decodeCache(readFileSync(file));
    assert.ok(written, `${what}: a valid cache was written in its place`);
    assert.notDeepEqual(readFileSync(file), bytes, what);
  }
});

test('a FIFO where the cache should be: the start does not wait for a writer, and a cache file takes its place', () => {
  const { home, dir } = cacheHome();
  help(home);
  const file = theCache(dir);
  rmSync(file);
  const made = spawnSync('mkfifo', [file]);
  assert.equal(made.status, 0, 'mkfifo');
  help(home); // times out (20 s) when the launcher blocks opening the FIFO
  assert.ok(statSync(file).isFile());
  assert.ok(decodeCache(readFileSync(file)));
});

test('a cache file another user owns, or others may write, is not run but written anew; the directory is the user\'s only', () => {
  const { home, dir } = cacheHome();
  help(home);
  const file = theCache(dir);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const good = readFileSync(file);
  const planted: [string, (path: string) => void][] = [['group-writable', (f) => chmodSync(f, 0o620)], ['world-writable', (f) => chmodSync(f, 0o606)]];
  if (process.getuid?.() === 0) planted.push(['owned by nobody', (f) => chownSync(f, 65534, 65534)]);
  for (const [what, make] of planted) {
    rmSync(file);
    writeFileSync(file, good, { mode: 0o600 });
    make(file);
    const before = statSync(file);
    help(home);
    const now = statSync(file);
    assert.notEqual(now.ino, before.ino, `${what}: refused and written anew`);
    assert.deepEqual([now.uid, now.mode & 0o777], [process.getuid?.(), 0o600], what);
    assert.ok(decodeCache(readFileSync(file)), what);
  }
});

test('a cache directory of the user\'s that an older version made wider (0755, 0777) is tightened to 0700, and its cache still used', () => {
  for (const wide of [0o755, 0o777]) {
    const { home, dir } = cacheHome();
    help(home);
    const file = theCache(dir);
    const before = statSync(file);
    chmodSync(dir, wide);
    help(home);
    assert.equal(statSync(dir).mode & 0o777, 0o700, wide.toString(8));
    const now = statSync(file);
    assert.deepEqual([now.ino, now.mtimeMs], [before.ino, before.mtimeMs], `${wide.toString(8)}: the cache was used, not rewritten`);
  }
});

test('a cache directory another user owns: the start runs and leaves it as it is, neither read nor written', { skip: process.getuid?.() === 0 ? false : 'needs root to give the directory to another user' }, () => {
  const { home, dir } = cacheHome();
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  chownSync(dir, 65534, 65534);
  help(home);
  const st = statSync(dir);
  assert.deepEqual([st.uid, st.mode & 0o777], [65534, 0o755], 'not taken over or changed');
  assert.deepEqual(files(dir), [], 'no cache written into it');
});

test('an unwritable cache directory: the start runs, nothing is written', () => {
  const blocker = join(scratch, 'not-a-directory');
  writeFileSync(blocker, '');
  help(blocker);
  assert.equal(readFileSync(blocker, 'utf8'), '');
});

test('concurrent first starts leave one whole cache of each bundle they ran (completion: cli.js and later.js) and no temporary files', async () => {
  const { home, dir } = cacheHome();
  const runs = Array.from({ length: 4 }, () => new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [CODEX_JS, 'completion', 'bash'], { env: env(home), stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  }));
  assert.deepEqual(await Promise.all(runs), [0, 0, 0, 0]);
  const found = files(dir);
  assert.deepEqual(found.map((name) => name.split('-')[0]), ['cli', 'later'], found.join(', '));
  for (const name of found) assert.ok(decodeCache(readFileSync(join(dir, name))), name);
});

test('writing a cache removes the caches of other builds untouched for an hour, and keeps recent ones', () => {
  const { home, dir } = cacheHome();
  mkdirSync(dir, { recursive: true });
  const old = join(dir, `cli-0000000000000000-${process.version}-${process.arch}.v8cache`);
  const recent = join(dir, `cli-1111111111111111-${process.version}-${process.arch}.v8cache`);
  const unrelated = join(dir, 'notes.txt');
  for (const f of [old, recent, unrelated]) writeFileSync(f, 'x');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  utimesSync(old, twoHoursAgo, twoHoursAgo);
  utimesSync(unrelated, twoHoursAgo, twoHoursAgo);
  help(home);
  const left = files(dir);
  assert.ok(!left.includes('cli-0000000000000000-' + `${process.version}-${process.arch}.v8cache`), 'the old cache was removed');
  assert.ok(left.includes(`cli-1111111111111111-${process.version}-${process.arch}.v8cache`) && left.includes('notes.txt'));
  assert.equal(left.length, 3);
});

test('under --enable-source-maps the bundle is required (Node maps its frames), and no cache is written', () => {
  const { home, dir } = cacheHome();
  help(home, ['--enable-source-maps']);
  assert.deepEqual(files(dir), []);
});

test('the build ships, beside dist/cli.js, the cache of a TUI start up to its first frame (.ci/prime-cache.mjs), named for that path', () => {
  const dist = dirname(CODEX_JS);
  const shipped = readdirSync(dist).filter((name) => name.endsWith('.v8cache'));
  assert.equal(shipped.length, 1, shipped.join(', '));
  assert.match(shipped[0]!, /^cli-[0-9a-f]{16}-[0-9a-f]{8}-/);
  assert.equal(decodeCache(readFileSync(join(dist, shipped[0]!)))?.kind, 'tui');
});
