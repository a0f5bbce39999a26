// The launcher's V8 code cache directory (app/cli/launch/cache-dir.ts) stays
// read-only inside the sandbox wherever it lies: V8 runs a cache file's
// bytecode unchecked, so a file planted there would run outside the sandbox
// at the next start. Tried as an agent would, through the real CLI (`codex
// debug landlock --full-auto`) with the real bwrap, as root and as nobody,
// with ~/.cache or $XDG_CACHE_HOME inside the writable working root.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { debugLandlock, NOBODY, nonRootSkip } from './support.js';
import { missingTool } from '../support/tools.js';

// Under /tmp, which --full-auto makes writable, as is a home the agent works in.
const base = mkdtempSync('/tmp/codex-cache-guard-');
chmodSync(base, 0o755);
after(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh folder under base, owned by `uid`. */
function fresh(name: string, uid: number | undefined): string {
  const dir = join(base, `${name}-${(n += 1)}`);
  mkdirSync(dir);
  if (uid !== undefined) chownSync(dir, uid, uid);
  return dir;
}

/** A file the user owns. */
function plant(path: string, text: string, uid: number | undefined): void {
  writeFileSync(path, text);
  if (uid !== undefined) chownSync(path, uid, uid);
}

const attack = (dir: string): string => [
  `echo evil > ${dir}/cli-planted.v8cache`,
  `echo evil > ${dir}/cli-mine.v8cache`,
  `mv ${dir}/cli-mine.v8cache ${dir}/moved.v8cache`,
  // The checked config codex remembered before the command (it decides the next start's sandbox), and one of a made-up config file.
  `for f in ${dir}/config-*.json; do echo evil > "$f"; done; echo evil > ${dir}/config-00000000.json`,
  `mv ${dir} ${dir}-old && mkdir ${dir} && echo evil > ${dir}/cli-swapped.v8cache`,
].join('; ');

/** What is in `dir` besides the file planted before and what codex itself wrote (the code caches, bundle-hash-path-…, and the checked config, config-crc.json), or what the command wrote over them. */
const evil = (dir: string): string[] => readdirSync(dir).filter((f) => f !== 'cli-mine.v8cache'
  && ((!/^[a-z]+-[0-9a-f]{16}-[0-9a-f]{8}-/.test(f) && !/^config-[0-9a-f]{8}\.json$/.test(f)) || readFileSync(join(dir, f), 'latin1').startsWith('evil')));

const USERS: [string, number | undefined, string | false][] = [['root', undefined, missingTool('bwrap')], ['nobody', NOBODY, nonRootSkip]];

for (const [who, uid, skip] of USERS) {
  describe(`as ${who}`, () => {
    test('~/.cache in the working root: nothing under codex-ts can be created, replaced or renamed, nor a parent swapped', { skip }, async () => {
      const home = fresh('home', uid);
      const dir = join(home, '.cache', 'codex-ts');
      mkdirSync(dir, { recursive: true });
      if (uid !== undefined) for (const d of [join(home, '.cache'), dir]) chownSync(d, uid, uid);
      plant(join(dir, 'cli-mine.v8cache'), 'mine', uid);
      const script = `${attack('.cache/codex-ts')}; mv .cache .cache-old; mkdir -p .cache/codex-ts && echo evil > .cache/codex-ts/cli-x.v8cache; `
        + 'echo npm > .cache/npm-cache && touch ok';
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd: home, home, env: { CODEX_HOME: fresh('codex-home', uid) }, ...(uid !== undefined && { uid }) });
      assert.equal(readFileSync(join(dir, 'cli-mine.v8cache'), 'utf8'), 'mine', r.stderr);
      assert.ok(readdirSync(dir).some((f) => /^config-[0-9a-f]{8}\.json$/.test(f)), 'a checked config remembered before the command, for it to attack');
      assert.deepEqual(evil(dir), [], r.stderr);
      for (const renamed of ['.cache/codex-ts-old', '.cache-old']) assert.equal(existsSync(join(home, renamed)), false, `${renamed}: ${r.stderr}`);
      assert.equal(readFileSync(join(home, '.cache', 'npm-cache'), 'utf8'), 'npm\n', `the rest of ~/.cache stays writable: ${r.stderr}`);
      assert.equal(existsSync(join(home, 'ok')), true, r.stderr);
    });

    test('a missing ~/.cache: codex makes codex-ts (0700) before the command, which cannot write in it', { skip }, async () => {
      const home = fresh('bare-home', uid);
      const script = 'mkdir -p .cache/codex-ts; echo evil > .cache/codex-ts/cli-planted.v8cache; rmdir .cache/codex-ts; touch ok';
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd: home, home, env: { CODEX_HOME: fresh('codex-home', uid) }, ...(uid !== undefined && { uid }) });
      const dir = join(home, '.cache', 'codex-ts');
      assert.equal(statSync(dir).mode & 0o777, 0o700, r.stderr);
      assert.equal(statSync(dir).uid, uid ?? 0);
      assert.deepEqual(evil(dir), [], r.stderr);
      assert.equal(existsSync(join(home, 'ok')), true, r.stderr);
    });

    test('$XDG_CACHE_HOME in the project, missing: codex-ts is protected all the same', { skip }, async () => {
      const ws = fresh('project', uid);
      const home = fresh('home', uid);
      const xdg = join(ws, 'xdg');
      const script = `${attack('xdg/codex-ts')}; mv xdg xdg-old; mkdir -p xdg/codex-ts && echo evil > xdg/codex-ts/cli-x.v8cache; touch xdg/other ok`;
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd: ws, home, env: { XDG_CACHE_HOME: xdg }, ...(uid !== undefined && { uid }) });
      assert.deepEqual(evil(join(xdg, 'codex-ts')), [], r.stderr);
      assert.equal(existsSync(join(ws, 'xdg-old')), false, r.stderr);
      assert.equal(existsSync(join(xdg, 'other')), true, `the rest of the cache home stays writable: ${r.stderr}`);
      assert.equal(existsSync(join(home, '.cache', 'codex-ts')), false, 'the directory the launcher uses, not ~/.cache');
    });

    test('$CODEX_HOME/.env naming another XDG_CACHE_HOME: the directory the launcher uses stays protected', { skip }, async () => {
      const home = fresh('dotenv-home', uid);
      const codexHome = fresh('codex-home', uid);
      // The launcher chose ~/.cache/codex-ts before .env was read; had .env moved the sandbox's protection to xdg/, ~/.cache would be open.
      plant(join(codexHome, '.env'), `XDG_CACHE_HOME=${join(home, 'xdg')}\n`, uid);
      const dir = join(home, '.cache', 'codex-ts');
      const script = `${attack('.cache/codex-ts')}; touch ok`;
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd: home, home, env: { CODEX_HOME: codexHome }, ...(uid !== undefined && { uid }) });
      assert.deepEqual(evil(dir), [], r.stderr);
      assert.equal(existsSync(join(home, 'ok')), true, r.stderr);
    });

    test('a file where ~/.cache should be: it cannot be replaced by a directory holding codex-ts', { skip }, async () => {
      const home = fresh('file-home', uid);
      plant(join(home, '.cache'), 'a file', uid);
      const script = 'rm -f .cache; mv .cache cache-old; mkdir -p .cache/codex-ts && echo evil > .cache/codex-ts/cli-x.v8cache; touch ok';
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd: home, home, env: { CODEX_HOME: fresh('codex-home', uid) }, ...(uid !== undefined && { uid }) });
      assert.equal(lstatSync(join(home, '.cache')).isFile(), true, r.stderr);
      assert.equal(existsSync(join(home, 'ok')), true, r.stderr);
    });
  });
}
