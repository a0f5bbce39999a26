import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileIndex } from '../../app/files/index.js';
import { initGitRepo } from '../support/cli.js';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'codex-index-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  initGitRepo(root);
  writeFileSync(join(root, '.gitignore'), 'ignored/\n*.secret\n');
  writeFileSync(join(root, 'README.md'), '# hi\n');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'main.ts'), '');
  return root;
}

/** Polls `search` until `pred` holds, for at most `ms`. */
async function eventually(index: FileIndex, query: string, pred: (paths: string[]) => boolean, ms = 5000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const paths = (await index.search(query)).map((m) => m.path);
    if (pred(paths) || Date.now() > deadline) return paths;
    await sleep(50);
  }
}

test('watched index: new files appear, ignored ones do not, deleted ones go', async () => {
  const root = repo();
  const index = new FileIndex(root, { debounceMs: 20 });
  cleanups.push(() => index.close());
  assert.deepEqual((await index.search('READ')).map((m) => m.path), ['README.md']);
  writeFileSync(join(root, 'src', 'fresh-module.ts'), '');
  mkdirSync(join(root, 'ignored'));
  writeFileSync(join(root, 'ignored', 'fresh-hidden.ts'), '');
  writeFileSync(join(root, 'src', 'fresh.secret'), '');
  const found = await eventually(index, 'fresh', (p) => p.includes('src/fresh-module.ts'));
  assert.deepEqual(found, ['src/fresh-module.ts']);
  unlinkSync(join(root, 'src', 'fresh-module.ts'));
  assert.deepEqual(await eventually(index, 'fresh', (p) => p.length === 0), []);
});

test('a tree over the watch limit is re-scanned on demand instead', async () => {
  const root = repo();
  const index = new FileIndex(root, { watchDirLimit: 0, rescanAfterMs: 0 });
  cleanups.push(() => index.close());
  assert.equal((await index.search('main')).length, 1);
  writeFileSync(join(root, 'src', 'later.ts'), '');
  assert.deepEqual(await eventually(index, 'later', (p) => p.length > 0), ['src/later.ts']);
});
