// The I/O shell of apply_patch: writes a validated plan so that it lands whole
// or not at all, even when the process is killed part-way. First every new
// content is staged in a temporary file beside its target; then, with the
// commit journal (journal.ts) saying so, old files are moved aside and the
// staged ones renamed into place; last the old files are dropped. A failure
// undoes the steps taken, in reverse order; a crash is finished or undone by
// the next start from the journal.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PlannedWrite } from './engine.js';
import { PatchApplyError } from './engine.js';
import { describeIoError } from './io-error.js';
import { removeJournal, writeJournal, type JournalEntry } from './journal.js';

type Undo = () => void;

/**
 * Test hook, read only by the crash tests: after this many commit steps the
 * process stops (blocks for good) so that a test can SIGKILL it at a known
 * point mid-commit. Unset, it costs one comparison per step.
 */
const STALL_AFTER = Number(process.env.CODEX_TEST_APPLY_PATCH_STALL_AFTER ?? 'NaN');

function stallIfAsked(step: number): void {
  if (step !== STALL_AFTER) return;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}

function siblingName(dir: string, name: string, suffix: string): string {
  return join(dir, `.${name}.${randomBytes(4).toString('hex')}.${suffix}`);
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The closest directory at or above dirname(path) that exists: a staged file's home when the parents are still to come. */
function nearestDir(path: string): string {
  let dir = dirname(path);
  while (!lstatOrUndefined(dir)?.isDirectory() && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Creates the missing parents of `path`; the undo removes the topmost one created. */
function ensureParent(path: string): Undo | undefined {
  let top: string | undefined;
  for (let dir = dirname(path); !lstatOrUndefined(dir); dir = dirname(dir)) {
    top = dir;
    if (dirname(dir) === dir) break;
  }
  if (top === undefined) return undefined;
  mkdirSync(dirname(path), { recursive: true });
  const created = top;
  return () => rmSync(created, { recursive: true, force: true });
}

interface Step extends JournalEntry {
  readonly display: string;
  readonly content: string | null;
  readonly mode: number | undefined;
}

/** Where each planned write goes (a symlink is written through to its target), and its staging and backup names. */
function plan(writes: readonly PlannedWrite[]): Step[] {
  const steps: Step[] = [];
  for (const w of writes) {
    const link = lstatOrUndefined(w.path);
    const target = link?.isSymbolicLink() ? realpathSync(w.path) : w.path;
    const old = link ? statSync(target) : undefined;
    if (old?.isDirectory()) throw new PatchApplyError(`Failed to write file ${w.display}: Is a directory (os error 21)`);
    if (w.content === null && !old) continue; // added and removed again within this patch
    const name = basename(target);
    steps.push({
      target, display: w.display, content: w.content, mode: old?.mode,
      staged: w.content === null ? null : siblingName(nearestDir(target), name, 'codex-tmp'),
      backup: old ? siblingName(dirname(target), name, 'codex-old') : null,
    });
  }
  return steps;
}

/**
 * Writes every planned change or none. With `journalPath` (beside the session
 * log) a crash part-way is repaired by the next start. Throws PatchApplyError
 * after undoing a partial write.
 */
export async function commitWrites(writes: readonly PlannedWrite[], journalPath?: string): Promise<void> {
  const steps = plan(writes);
  const journal = (state: 'staging' | 'committing'): void => {
    if (journalPath) writeJournal(journalPath, state, steps.map(({ target, staged, backup }) => ({ target, staged, backup })));
  };
  const dropStaged = (): void => {
    for (const s of steps) if (s.staged) rmSync(s.staged, { force: true });
  };
  let current: Step | undefined;
  try {
    journal('staging');
    for (const s of steps) {
      if (s.staged === null) continue;
      current = s;
      await writeFile(s.staged, s.content ?? '', { flag: 'wx' });
      if (s.mode !== undefined) await chmod(s.staged, s.mode & 0o7777);
    }
  } catch (err) {
    dropStaged();
    if (journalPath) removeJournal(journalPath);
    if (err instanceof PatchApplyError) throw err;
    throw new PatchApplyError(`Failed to write file ${current?.display ?? ''}: ${describeIoError(err)}`);
  }
  const undo: Undo[] = [];
  let step = 0;
  try {
    journal('committing');
    // Removals first: a removed file's path may be the parent directory of a new file.
    for (const s of [...steps.filter((x) => x.staged === null), ...steps.filter((x) => x.staged !== null)]) {
      current = s;
      if (s.backup) {
        const { target, backup } = s;
        renameSync(target, backup);
        undo.push(() => renameSync(backup, target));
        stallIfAsked(++step);
      }
      if (s.staged) {
        const mkUndo = ensureParent(s.target);
        if (mkUndo) undo.push(mkUndo);
        renameSync(s.staged, s.target);
        const { target } = s;
        undo.push(() => unlinkSync(target));
        stallIfAsked(++step);
      }
    }
  } catch (err) {
    const what = current?.content === null ? 'delete file' : 'write file';
    const problems: string[] = [];
    for (const u of undo.reverse()) {
      try {
        u();
      } catch (e) {
        problems.push(describeIoError(e));
      }
    }
    dropStaged();
    if (journalPath && problems.length === 0) removeJournal(journalPath);
    const note = problems.length ? `\nrollback incomplete: ${problems.join('; ')}` : '';
    throw new PatchApplyError(`Failed to ${what} ${current?.display ?? ''}: ${describeIoError(err)}${note}`);
  }
  for (const s of steps) if (s.backup) rmSync(s.backup, { force: true });
  if (journalPath) removeJournal(journalPath);
}
