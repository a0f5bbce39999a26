// The `@` picker's view of the working root. `start()` (called after the
// first frame) builds it in the background, a few milliseconds at a time, and
// searches answer from what is listed so far while it completes; listeners
// hear when the list changes (while building, at most every BUILD_NOTICE_MS).
// It is kept fresh without walking the tree again: each listed directory is
// watched, up to `watchDirLimit` of them (dir-watch.ts), and an event
// re-reads its directory only; the directories left unwatched are swept when
// a search finds the last sweep older than `rescanAfterMs`: they are stat'ed
// and only the changed ones are read (see DirTree). Either way the user sees
// results, never an error about watching.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Narrowing, searchPaths, type FileMatch } from './fuzzy.js';
import { entryIgnored, entryPrefixes } from './ignore-rules.js';
import { DirTree, realFs } from './dir-tree.js';
import type { FsSeam } from './fs-seam.js';
import { DirWatch, watchBudget } from './dir-watch.js';
import { PathList } from './path-list.js';
import { warmUp } from './warm-up.js';
/** The index builds on its own now, not on the first `@`: started in a home directory, it stops here (~120 MB of paths). */
const MAX_FILES = 500_000;
/**
 * While building, listeners hear that the list grew at most this often: an
 * open popup searches again, so one whose query found nothing in the first
 * paths fills in without waiting for the whole build.
 */
const BUILD_NOTICE_MS = 100;

export interface FileIndexOptions {
  /** Watch for changes (default true). */
  readonly watch?: boolean;
  /** Watch at most this many directories (default: watchBudget()); the rest are swept on demand. */
  readonly watchDirLimit?: number;
  /** Quiet time before watched changes are applied. */
  readonly debounceMs?: number;
  /** While some directories are unwatched, a search finding the last sweep older than this starts one (of those) in the background. */
  readonly rescanAfterMs?: number;
  /** Stop listing after this many files (default MAX_FILES). */
  readonly maxFiles?: number;
  /** The longest the background work holds the event loop at a time. */
  readonly sliceMs?: number;
  /** Seams for tests: the file system, and the clock slices are measured with. */
  readonly fs?: FsSeam;
  readonly clock?: () => number;
  /**
   * Directories codex itself writes to (CODEX_HOME: session logs, history,
   * logs): when inside the root, they are neither listed nor watched, so a
   * session writing its log costs the index nothing. One the root lies in
   * (codex run inside CODEX_HOME) is listed as any other tree.
   */
  readonly skip?: readonly string[];
}

export class FileIndex {
  readonly root: string;
  private readonly list = new PathList();
  private readonly tree: DirTree;
  private started = false;
  private built = false;
  /** The search's warm-up (warm-up.ts), run in slices once the build is done. */
  private warming: (() => void)[] = [];
  private scheduled = false;
  private closed = false;
  private sweptAt = 0;
  private idle: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private heard = 0;
  /** When listeners last heard (the build's start until then). */
  private toldAt = 0;
  private narrowing = new Narrowing();
  private narrowedAt = -1;
  private readonly watch: DirWatch | undefined;
  private readonly touched = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly clock: () => number;
  /** `opts.skip` below the root, relative. */
  private readonly skipped: readonly string[];

  constructor(root: string, private readonly opts: FileIndexOptions = {}) {
    this.root = resolve(root);
    this.skipped = (opts.skip ?? []).flatMap((dir) => below(this.root, dir));
    const fs = opts.fs ?? realFs;
    if (opts.watch ?? true) this.watch = new DirWatch(fs, opts.watchDirLimit ?? watchBudget(), (rel, name, renamed) => this.onEvent(rel, name, renamed));
    this.tree = new DirTree(this.root, this.list, { fs, maxFiles: opts.maxFiles ?? MAX_FILES, skip: this.skipped, watch: this.watch });
    this.clock = opts.clock ?? (() => performance.now());
  }

  /** True once the first build has finished. */
  get ready(): boolean {
    return this.built;
  }

  get size(): number {
    return this.list.size;
  }

  /** Building; or kept fresh by watching every listed directory, or (some of them) by sweeps on demand. */
  get mode(): 'building' | 'watching' | 'sweeping' {
    return !this.built ? 'building' : this.tree.unwatched === 0 ? 'watching' : 'sweeping';
  }

  /** Starts the background build (once); searches start it too. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.toldAt = this.clock();
    this.schedule();
  }

  /** Calls `listener` whenever the list changed (the build finished, a refresh found changes). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sweeps for changes now (the build first, if it has not run) and resolves when the list is current. */
  refresh(): Promise<void> {
    if (this.built) this.tree.sweep();
    this.start();
    this.schedule();
    return new Promise((done) => this.idle.push(done));
  }

  /** Best matches for `query` among the paths listed so far. */
  async search(query: string, limit = 8): Promise<FileMatch[]> {
    this.start();
    if (this.built && this.tree.unwatched > 0 && !this.tree.busy && this.clock() - this.sweptAt > (this.opts.rescanAfterMs ?? 3000)) {
      this.sweptAt = this.clock();
      this.tree.sweep();
      this.schedule();
    }
    const prepared = this.list.prepared();
    // What the last query matched narrows the next one while the list is unchanged.
    if (this.narrowedAt !== this.list.version) {
      this.narrowing = new Narrowing();
      this.narrowedAt = this.list.version;
    }
    return searchPaths(prepared, query, limit, this.narrowing);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.flushTimer);
    this.idle.splice(0).forEach((done) => done());
    this.watch?.close();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  /** One slice of background work; the next is queued behind whatever input arrived meanwhile. */
  private slice(): void {
    this.scheduled = false;
    if (this.closed) return;
    const end = this.clock() + (this.opts.sliceMs ?? 4);
    const done = (): boolean => this.clock() >= end;
    // The list is sorted for searching as part of the work, not by the first search after it.
    if (!this.tree.step(done) || !this.list.settle(done)) {
      if (!this.built && this.clock() - this.toldAt >= BUILD_NOTICE_MS) this.tell();
      this.schedule();
      return;
    }
    if (!this.built) {
      this.built = true;
      this.sweptAt = this.clock();
      this.warming = warmUp(this.list.prepared());
      if (this.warming.length) this.schedule(); // in slices of their own
    } else if (this.warming.length) {
      do this.warming.shift()!();
      while (this.warming.length && !done());
      if (this.warming.length) this.schedule();
    }
    this.tell();
    this.idle.splice(0).forEach((done) => done());
  }

  /** Tells the listeners if the list changed since they last heard. */
  private tell(): void {
    if (this.heard === this.list.version) return;
    this.heard = this.list.version;
    this.toldAt = this.clock();
    for (const l of this.listeners) l();
  }

  /**
   * An event in the watched directory `rel`: it is re-read once the events
   * stop for `debounceMs`. A file written, or an entry its rules ignore,
   * changes no listing (ignored as a file and as a directory: the event does
   * not say which); an ignore file, written or not, may.
   */
  private onEvent(rel: string, name: string | undefined, renamed: boolean): void {
    if (this.closed) return;
    if (name !== undefined && !this.tree.ignoreNames.includes(name)) {
      if (!renamed || name === '.git') return;
      const sets = this.tree.rulesAt(rel);
      const at = sets?.length ? entryPrefixes(sets, this.tree.abs(rel)) : undefined;
      if (at && entryIgnored(sets!, at, name, false) && entryIgnored(sets!, at, name, true)) return;
    }
    this.touched.add(rel);
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => {
      for (const dir of this.touched) this.tree.touch(dir);
      this.touched.clear();
      this.schedule();
    }, this.opts.debounceMs ?? 100);
  }
}

/**
 * Where `dir` lies strictly below `root`, relative and '/'-separated: as
 * written, and as it really is when symlinks differ (either one may be what
 * a listing or a watch event shows). Nothing when it is elsewhere.
 */
function below(root: string, dir: string): string[] {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p; // not there (yet): as written
    }
  };
  const out = new Set<string>();
  for (const [r, d] of [[root, resolve(dir)], [real(root), real(resolve(dir))]] as const) {
    const rel = relative(r, d);
    if (rel && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) out.add(sep === '/' ? rel : rel.split(sep).join('/'));
  }
  return [...out];
}
