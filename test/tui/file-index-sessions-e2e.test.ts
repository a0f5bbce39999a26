// End-to-end: the `@` picker's listing kept between sessions
// (CODEX_HOME/file-index), with the real CLI (dist/codex.js; build first) in a
// pty: what changed in the folder between two sessions — files made, deleted
// or renamed, a folder renamed, an edited .gitignore — shows in the next
// session's `@` answers as a fresh walk would show it, also when CODEX_HOME is
// read-only and the listing cannot be updated, which shows no error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Workspace } from '../support/cli.js';
import type { PtyApp } from '../support/pty.js';
import { missingTool } from '../support/tools.js';
import { e2eFixture, quit } from './e2e-support.js';

const e2e = e2eFixture();

/** A picker row naming `path` (the selected one starts with ›). */
const row = (path: string): RegExp => new RegExp(`^(› | {2})${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*$`, 'm');

/**
 * One session: for each query, waits for the picker to show every path of `shown` and none of
 * `hidden` (answers from a loaded listing settle once its sweep is in); then quits.
 */
async function session(ws: Workspace, checks: { query: string; shown: string[]; hidden: string[] }[]): Promise<PtyApp> {
  const { app } = e2e.start([], ws);
  await app.waitForText('Ask Codex');
  for (const { query, shown, hidden } of checks) {
    app.type(`@${query}`);
    // Nothing to show: the picker says so, not merely an empty list before its answer.
    await app.waitForScreen((s) => (shown.length ? shown.every((p) => row(p).test(s)) : s.includes('no matches')) && !hidden.some((p) => row(p).test(s)),
      `@${query}: ${shown.join(', ')} shown, ${hidden.join(', ') || 'nothing'} not`);
    app.key('ctrl+u');
    await app.waitForText('Ask Codex to do anything');
  }
  assert.equal(await quit(app), 0);
  return app;
}

test('files made, deleted and renamed, a folder renamed and .gitignore files edited between sessions show in the next session\'s @ answers as a walk would list them', async () => {
  const { ws, app: first } = e2e.start();
  first.dispose();
  const r = ws.repo;
  for (const d of ['src', 'docs/old-dir', 'sub', 'build', 'gen/deep', 'kind/zeta-was-dir']) mkdirSync(join(r, d), { recursive: true });
  const files = ['src/zeta-keep.ts', 'src/zeta-gone.ts', 'src/zeta-before.ts', 'docs/old-dir/zeta-moved.md', 'sub/zeta-rule.txt', 'gen/deep/zeta-gen.ts', 'kind/zeta-was-file', 'kind/zeta-was-dir/zeta-inner.ts'];
  for (const f of [...files, 'sub/zeta-open.txt', 'build/zeta-built.js']) writeFileSync(join(r, f), '');
  writeFileSync(join(r, '.gitignore'), 'build/\n');
  writeFileSync(join(r, 'sub', '.gitignore'), 'zeta-open.txt\n');
  await session(ws, [
    { query: 'src/zeta', shown: ['src/zeta-keep.ts', 'src/zeta-gone.ts', 'src/zeta-before.ts'], hidden: [] },
    { query: 'zeta-moved', shown: ['docs/old-dir/zeta-moved.md'], hidden: [] },
    { query: 'sub/zeta', shown: ['sub/zeta-rule.txt'], hidden: ['sub/zeta-open.txt'] },
    { query: 'kind/zeta', shown: ['kind/zeta-was-file', 'kind/zeta-was-dir/zeta-inner.ts'], hidden: [] },
    { query: 'zeta-gen', shown: ['gen/deep/zeta-gen.ts'], hidden: [] },
    { query: 'zeta-built', shown: [], hidden: ['build/zeta-built.js'] },
  ]);
  assert.equal(readdirSync(join(ws.home, 'file-index')).length, 1, 'the listing is saved');

  // Between the sessions.
  writeFileSync(join(r, 'src', 'zeta-fresh.ts'), '');
  rmSync(join(r, 'src', 'zeta-gone.ts'));
  renameSync(join(r, 'src', 'zeta-before.ts'), join(r, 'src', 'zeta-after.ts'));
  renameSync(join(r, 'docs', 'old-dir'), join(r, 'docs', 'new-dir'));
  writeFileSync(join(r, '.gitignore'), 'gen/\n'); // build/ listed again, gen/ (listed, with a folder inside) no longer
  writeFileSync(join(r, 'sub', '.gitignore'), 'zeta-rule.txt\n'); // edited in place, the only change in sub/
  // A file that becomes a folder, and a folder that becomes a file, under the same names.
  rmSync(join(r, 'kind', 'zeta-was-file'));
  mkdirSync(join(r, 'kind', 'zeta-was-file'));
  writeFileSync(join(r, 'kind', 'zeta-was-file', 'zeta-now-inside.ts'), '');
  rmSync(join(r, 'kind', 'zeta-was-dir'), { recursive: true });
  writeFileSync(join(r, 'kind', 'zeta-was-dir'), '');
  // Each query matches a few paths (the picker shows 8): a stale one would show.
  await session(ws, [
    { query: 'src/zeta', shown: ['src/zeta-keep.ts', 'src/zeta-fresh.ts', 'src/zeta-after.ts'], hidden: ['src/zeta-gone.ts', 'src/zeta-before.ts'] },
    { query: 'zeta-moved', shown: ['docs/new-dir/zeta-moved.md'], hidden: ['docs/old-dir/zeta-moved.md'] },
    { query: 'sub/zeta', shown: ['sub/zeta-open.txt'], hidden: ['sub/zeta-rule.txt'] },
    { query: 'kind/zeta', shown: ['kind/zeta-was-file/zeta-now-inside.ts', 'kind/zeta-was-dir'], hidden: ['kind/zeta-was-file', 'kind/zeta-was-dir/zeta-inner.ts'] },
    { query: 'zeta-gen', shown: [], hidden: ['gen/deep/zeta-gen.ts'] },
    { query: 'zeta-built', shown: ['build/zeta-built.js'], hidden: [] },
  ]);
});

test('a read-only CODEX_HOME (immutable, with its file-index and the listing a session saved before): each session sweeps from that listing, finds what changed since, and shows no error', { skip: missingTool('chattr') }, async (t) => {
  const { ws, app: first } = e2e.start();
  first.dispose();
  writeFileSync(join(ws.repo, 'zeta-one.md'), '');
  await session(ws, [{ query: 'zeta', shown: ['zeta-one.md'], hidden: [] }]);
  const dir = join(ws.home, 'file-index');
  const listing = join(dir, readdirSync(dir)[0]!);
  const saved = readFileSync(listing, 'utf8');
  const locked = [listing, dir, ws.home];
  for (const p of locked) {
    const lock = spawnSync('chattr', ['+i', p], { encoding: 'utf8' });
    if (lock.status !== 0) return t.skip(`chattr +i not supported here: ${lock.stderr.trim()}`);
    t.after(() => spawnSync('chattr', ['-i', p]));
  }
  writeFileSync(join(ws.repo, 'zeta-two.md'), '');
  const a = await session(ws, [{ query: 'zeta', shown: ['zeta-one.md', 'zeta-two.md'], hidden: [] }]);
  rmSync(join(ws.repo, 'zeta-one.md'));
  const b = await session(ws, [{ query: 'zeta', shown: ['zeta-two.md'], hidden: ['zeta-one.md'] }]);
  assert.equal(readFileSync(listing, 'utf8'), saved);
  assert.deepEqual(readdirSync(dir), [listing.slice(dir.length + 1)]);
  for (const app of [a, b]) assert.doesNotMatch(app.output(), /EACCES|EPERM|error|file-index/i);
});
