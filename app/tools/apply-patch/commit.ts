// The I/O shell of apply_patch: writes a validated plan so that it lands whole
// or not at all. Each file is written to a temporary sibling and renamed over
// the target; removed files are first renamed aside (and dropped at the end).
// If any step fails, the steps already taken are undone in reverse order.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, realpath, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PlannedWrite } from './engine.js';
import { PatchApplyError } from './engine.js';
import { describeIoError } from './io-error.js';

type Undo = () => Promise<void>;

function siblingName(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.${suffix}`);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/** Creates the missing parents of `path`; the undo removes the topmost one created. */
async function ensureParent(path: string): Promise<Undo | undefined> {
  let top: string | undefined;
  for (let dir = dirname(path); !(await exists(dir)); dir = dirname(dir)) {
    top = dir;
    if (dirname(dir) === dir) break;
  }
  if (top === undefined) return undefined;
  await mkdir(dirname(path), { recursive: true });
  const created = top;
  return () => rm(created, { recursive: true, force: true });
}

/** Replaces `path` with `data` by temp file + rename, keeping an existing file's mode. */
async function replaceFile(path: string, data: string | Buffer, mode: number | undefined): Promise<void> {
  const tmp = siblingName(path, 'codex-tmp');
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    if (mode !== undefined) await chmod(tmp, mode & 0o7777);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

async function writeOne(w: PlannedWrite & { content: string }, undo: Undo[]): Promise<void> {
  const before = await lstat(w.path).catch(() => undefined);
  // Write through a symlink to its target, as a plain write would.
  const target = before?.isSymbolicLink() ? await realpath(w.path) : w.path;
  const old = before ? await lstat(target) : undefined;
  const oldBytes = old?.isFile() ? await readFile(target) : undefined;
  const mkUndo = await ensureParent(target);
  if (mkUndo) undo.push(mkUndo);
  await replaceFile(target, w.content, old?.mode);
  undo.push(oldBytes ? () => replaceFile(target, oldBytes, old?.mode) : () => unlink(target));
}

/** Writes every planned change or none. Throws PatchApplyError after undoing a partial write. */
export async function commitWrites(writes: readonly PlannedWrite[]): Promise<void> {
  const undo: Undo[] = [];
  const trash: string[] = [];
  let current: PlannedWrite | undefined;
  try {
    // Removals first: a removed file's path may be the parent directory of a new file.
    for (const w of writes) {
      if (w.content !== null) continue;
      current = w;
      if (!(await exists(w.path))) continue; // added and removed again within this patch
      const aside = siblingName(w.path, 'codex-del');
      await rename(w.path, aside);
      trash.push(aside);
      undo.push(() => rename(aside, w.path));
    }
    for (const w of writes) {
      if (w.content === null) continue;
      current = w;
      await writeOne({ ...w, content: w.content }, undo);
    }
  } catch (err) {
    const what = current?.content === null ? 'delete file' : 'write file';
    const problems: string[] = [];
    for (const step of undo.reverse()) {
      await step().catch((e: unknown) => problems.push(describeIoError(e)));
    }
    const note = problems.length ? `\nrollback incomplete: ${problems.join('; ')}` : '';
    throw new PatchApplyError(`Failed to ${what} ${current?.display ?? ''}: ${describeIoError(err)}${note}`);
  }
  for (const aside of trash) await unlink(aside).catch(() => {});
}
