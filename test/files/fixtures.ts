// The file index's tests' trees and helpers: a small repository dated in the
// past (so that a change moves a directory's mtime and none reads as racy), a
// file system that counts directory reads, and searches polled until they change.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { realFs } from '../../app/files/dir-tree.js';
import type { FsSeam } from '../../app/files/fs-seam.js';
import { FileIndex, type FileIndexOptions } from '../../app/files/index.js';
import { initGitRepo } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

export const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

/** A repository: README.md, src/main.ts, `dirs` more directories of two files each, all dated an hour ago. */
export function repo(dirs = 0): string {
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

/** Dates `dir` and its ignore files: those are edited in place, and one written in the tick it was read is racy too. */
function date(dir: string, when: Date): void {
  for (const name of ['.gitignore', '.ignore']) if (existsSync(join(dir, name))) utimesSync(join(dir, name), when, when);
  utimesSync(dir, when, when);
}

/** Dates every directory an hour back, so that a change now moves its mtime (and none reads as racy). */
export function age(dir: string): void {
  const past = new Date(Date.now() - 3600_000);
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && e.name !== '.git') age(join(dir, e.name));
  date(dir, past);
}

let back = 0;
/** Dates `dirs` further back each time: as if they changed a while ago, so none reads as racy yet each moved. */
export function settled(...dirs: string[]): void {
  back++;
  const when = new Date(Date.now() - 1800_000 - back * 1000);
  for (const d of dirs) date(d, when);
}

/** The real file system, counting directory reads by path. */
export function counting(): FsSeam & { reads: string[] } {
  const reads: string[] = [];
  return { ...realFs, reads, readDir: (abs) => (reads.push(abs), realFs.readDir(abs)) };
}

export function open(root: string, opts: FileIndexOptions): FileIndex {
  const index = new FileIndex(root, opts);
  cleanups.push(() => index.close());
  return index;
}

export const paths = async (index: FileIndex, query: string): Promise<string[]> => (await index.search(query, 100)).map((m) => m.path);

/** The search's paths once `pred` holds of them (polled through waitFor, which names the last answer if it never does). */
export async function eventually(index: FileIndex, query: string, pred: (paths: string[]) => boolean): Promise<string[]> {
  let found: string[] = [];
  await waitFor(async () => pred(found = await paths(index, query)), () => `a search for ${JSON.stringify(query)} to change (last: ${JSON.stringify(found)})`);
  return found;
}
