// A session's checkpoints: before the first tool call of a turn that may
// write files, the work tree (in git) and copies of the files a patch names
// are saved; at the end of the turn what changed is recorded. Undo puts the
// files of the last turn (or of every turn from a point on: backtrack) back,
// or refuses, naming them, when they were changed since. The decisions are
// plan.ts; this is the shell that reads and writes.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findGitRoot } from '../git/repo.js';
import { fingerprint, readCopy, saveCopy, writeState } from './disk.js';
import { GitSnapshots } from './git-snapshot.js';
import { appendLog, copyRecords, readLog } from './log.js';
import { lastTurn, liveRecords, netChanges, planUndo, sameContent, turnsFrom } from './plan.js';
import type { Change, FileState, LogLine, TurnRecord } from './types.js';

export type UndoOutcome =
  | { kind: 'nothing' }
  | { kind: 'restored'; turns: number[]; paths: string[] }
  | { kind: 'conflict'; turns: number[]; paths: string[] }
  | { kind: 'failed'; message: string; restored: string[] };

interface OpenTurn {
  readonly turn: number;
  git?: { snap: GitSnapshots; before: string };
  readonly copies: Map<string, FileState>;
}

export class Checkpoints {
  /** One snapshotter per repository, so its cache of hashed files lasts the session. */
  private readonly repos = new Map<string, GitSnapshots>();
  private open: OpenTurn | undefined;
  private lines: LogLine[];

  constructor(private dir: string) {
    this.lines = readLog(dir);
  }

  /** The turns that can still be undone, oldest first. */
  get records(): TurnRecord[] {
    return liveRecords(this.lines);
  }

  beginTurn(turn: number): void {
    this.open = { turn, copies: new Map() };
  }

  /**
   * Before a tool call that may write: the work tree of `cwd`'s repository
   * (once a turn), and copies of `paths` (a patch's files, absolute) not yet
   * saved this turn. Throws when the work tree cannot be saved.
   */
  async beforeEdit(cwd: string, paths: readonly string[] = []): Promise<void> {
    const t = this.open;
    if (!t) return;
    for (const p of paths) {
      if (t.copies.has(p)) continue;
      const state = saveCopy(this.dir, p);
      if (state) t.copies.set(p, state);
    }
    if (t.git) return;
    const root = findGitRoot(cwd);
    if (!root) return;
    const snap = this.snapshotsFor(root);
    t.git = { snap, before: await snap.snapshot(`codex checkpoint before turn ${t.turn}`) };
  }

  /** Ends the turn: records what it changed, if anything, and returns that record. */
  async endTurn(): Promise<TurnRecord | undefined> {
    const t = this.open;
    this.open = undefined;
    if (!t) return undefined;
    const changes: Change[] = [];
    let git: TurnRecord['git'];
    if (t.git) {
      const after = await t.git.snap.snapshot(`codex checkpoint after turn ${t.turn}`);
      changes.push(...await t.git.snap.changes(t.git.before, after));
      git = { root: t.git.snap.root, before: t.git.before, after };
    }
    // Copies cover what the snapshot does not: files outside the work tree, ignored ones.
    const inGit = new Set(changes.map((c) => c.path));
    for (const [path, before] of t.copies) {
      if (inGit.has(path)) continue;
      const now = fingerprint(path);
      if (now.kind === 'other' || sameContent(now, before)) continue;
      changes.push({ path, before, after: now.kind === 'absent' ? now : { ...now, store: 'copy' } });
    }
    if (changes.length === 0) return undefined;
    const record: TurnRecord = { turn: t.turn, ...(git ? { git } : {}), changes };
    this.append({ record });
    return record;
  }

  /** `/undo` (the last turn that changed files) or backtrack (every turn from `fromTurn` on). */
  async undo(which: 'last' | { fromTurn: number }): Promise<UndoOutcome> {
    const all = this.records;
    const chosen = which === 'last' ? lastTurn(all) : turnsFrom(all, which.fromTurn);
    const now = new Map(netChanges(chosen).map((c) => [c.path, fingerprint(c.path)] as const));
    const plan = planUndo(chosen, now);
    if (plan.kind !== 'restore') return plan;
    const roots = [...new Set(chosen.flatMap((r) => (r.git ? [r.git.root] : [])))];
    let contents: (Buffer | undefined)[];
    try {
      // Every byte is read first: content that is gone stops the undo before anything is written.
      contents = await Promise.all(plan.restore.map((r) => (r.to.kind === 'present' ? this.bytes(r.to, roots) : undefined)));
    } catch (err) {
      return { kind: 'failed', message: (err as Error).message, restored: [] };
    }
    const restored: string[] = [];
    for (const [i, r] of plan.restore.entries()) {
      try {
        writeState(r.path, r.to, contents[i]);
      } catch (err) {
        return { kind: 'failed', message: `${r.path}: ${(err as Error).message}`, restored };
      }
      restored.push(r.path);
    }
    this.append({ undone: plan.turns });
    return { kind: 'restored', turns: plan.turns, paths: restored };
  }

  /** The session continues in a new log (a fork): the records of turns before `keepBefore` go with it. */
  moveTo(dir: string, keepBefore: number): void {
    const kept = this.records.filter((r) => r.turn < keepBefore);
    if (kept.length) copyRecords(this.dir, dir, kept);
    this.dir = dir;
    this.lines = kept.map((record) => ({ record }));
    this.open = undefined;
  }

  /** The session ends: the private indexes are only a cache, and a large repository's is megabytes. */
  close(): void {
    for (const s of this.repos.values()) s.dispose();
    this.repos.clear();
  }

  private append(line: LogLine): void {
    appendLog(this.dir, line);
    this.lines.push(line);
  }

  private snapshotsFor(root: string): GitSnapshots {
    let s = this.repos.get(root);
    // The private index lives with the session; a fork keeps using the file it started with.
    if (!s) this.repos.set(root, (s = new GitSnapshots(root, join(this.dir, `index-${createHash('sha1').update(root).digest('hex').slice(0, 12)}`))));
    return s;
  }

  private async bytes(state: Extract<FileState, { kind: 'present' }>, roots: readonly string[]): Promise<Buffer> {
    if (state.store === 'copy') return readCopy(this.dir, state.oid);
    let last: Error | undefined;
    for (const root of roots) {
      try {
        return await this.snapshotsFor(root).readBlob(state.oid);
      } catch (err) {
        last = err as Error;
      }
    }
    throw last ?? new Error(`no repository holds ${state.oid}`);
  }
}
