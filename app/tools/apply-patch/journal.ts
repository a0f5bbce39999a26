// The commit journal of apply_patch: what a patch is doing to the disk, kept
// next to the session's log so that a patch cut off by a crash (SIGKILL, power)
// is finished or undone by the next start. While the new contents are being
// staged (temporary files beside the targets) the journal says `staging`: a
// crash then changed no target, and recovery removes the temporary files.
// Once all are staged it says `committing`: recovery moves the remaining
// staged files into place and removes the deleted ones. Either way the user
// finds all of the patch's files changed, or none.
import { randomBytes } from 'node:crypto';
import {
  closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({
  /** The file the patch changes (a symlink's target). */
  target: z.string(),
  /** The staged new content, or null when the patch deletes the target. */
  staged: z.string().nullable(),
  /** Where the old file is moved while committing, or null when there was none. */
  backup: z.string().nullable(),
});
const journalSchema = z.object({
  version: z.literal(1),
  /** The process applying the patch: while it lives, the journal is its own, not a crash's. */
  pid: z.number().int(),
  state: z.enum(['staging', 'committing']),
  entries: z.array(entrySchema),
});
export type JournalEntry = z.infer<typeof entrySchema>;
export type JournalState = z.infer<typeof journalSchema>['state'];

const SUFFIX = '.apply-patch.json';
/** Journals of patches this process is applying now (`codex mcp` runs several sessions). */
const active = new Set<string>();

/** The journal of one patch call, beside the session log `rolloutPath`. */
export function journalPathFor(rolloutPath: string, callId: string): string {
  const safe = callId.replace(/[^A-Za-z0-9_-]/g, '_') || randomBytes(4).toString('hex');
  return `${rolloutPath.replace(/\.jsonl$/, '')}.${safe}${SUFFIX}`;
}

/** Writes the journal whole (temporary file, fsync, rename): a crash leaves the old one or the new one. */
export function writeJournal(path: string, state: JournalState, entries: readonly JournalEntry[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify({ version: 1, pid: process.pid, state, entries }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  active.add(path);
}

export function removeJournal(path: string): void {
  rmSync(path, { force: true });
  active.delete(path);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Moves the staged files into place: deletions first (a deleted file may be the parent of a new one), then writes. */
function rollForward(entries: readonly JournalEntry[]): void {
  for (const e of entries) {
    if (e.staged !== null) continue;
    // Not yet moved aside: the target is still the old file.
    if (!(e.backup && exists(e.backup)) && exists(e.target) && !lstatSync(e.target).isDirectory()) unlinkSync(e.target);
  }
  for (const e of entries) {
    if (e.staged === null || !exists(e.staged)) continue; // already in place
    mkdirSync(dirname(e.target), { recursive: true });
    renameSync(e.staged, e.target);
  }
  for (const e of entries) if (e.backup) rmSync(e.backup, { force: true });
}

function rollBack(entries: readonly JournalEntry[]): void {
  for (const e of entries) if (e.staged) rmSync(e.staged, { force: true });
}

function running(pid: number, path: string): boolean {
  // With this process's pid and not one of its own: an earlier process that had the same pid.
  if (pid === process.pid) return active.has(path);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finishes (committing) or undoes (staging) the patch a journal describes;
 * returns a line for the user, or undefined when another running codex owns it.
 */
export function recoverJournal(path: string): string | undefined {
  let journal: z.infer<typeof journalSchema>;
  try {
    journal = journalSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    return `An apply_patch journal could not be read (${path}: ${(err as Error).message.split('\n')[0]}); left in place`;
  }
  if (running(journal.pid, path)) return undefined;
  const n = journal.entries.length;
  const files = `${n} file${n === 1 ? '' : 's'}`;
  try {
    if (journal.state === 'committing') rollForward(journal.entries);
    else rollBack(journal.entries);
  } catch (err) {
    return `An apply_patch cut off by a crash could not be ${journal.state === 'committing' ? 'completed' : 'rolled back'} (${(err as Error).message}); its journal is kept: ${path}`;
  }
  removeJournal(path);
  return journal.state === 'committing'
    ? `An apply_patch cut off by a crash was completed: all ${files} now have the patch's content`
    : `An apply_patch cut off by a crash was rolled back: none of its ${files} was changed`;
}

/** Journals left by patches that did not finish, anywhere under `$CODEX_HOME/sessions`. */
export function unfinishedJournals(codexHome: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (depth < 3 && /^\d+$/.test(name)) walk(join(dir, name), depth + 1);
      else if (name.endsWith(SUFFIX)) found.push(join(dir, name));
    }
  };
  walk(join(codexHome, 'sessions'), 0);
  return found;
}

/** Finishes or undoes every unfinished patch; one line per patch for the user. */
export function recoverUnfinishedPatches(codexHome: string): string[] {
  return unfinishedJournals(codexHome).map(recoverJournal).filter((m) => m !== undefined);
}

