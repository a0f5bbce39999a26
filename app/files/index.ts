// The `@` picker's view of the working root. `start()` (called after the
// first frame) builds it in the background, a few milliseconds at a time, and
// searches answer from what is listed so far while it completes; listeners
// hear when the list changes (while building, at most every BUILD_NOTICE_MS).
// It is kept fresh without walking the tree again: a sweep stats every
// listed directory and re-reads only the changed ones (see DirTree), when a
// new `@` popup opens (revalidate) and when a search finds the last sweep
// older than `rescanAfterMs`. With a snapshot directory, the listing is kept
// between sessions (snapshot.ts): a session loads it and sweeps it instead of
// walking the whole tree, and saves it again when a sweep changed it.
// Directories are not watched: setting a watch on each of a large tree's
// directories cost more CPU (~90 ms for 8,282) than the sweeps it spares.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Narrowing, searchPaths, type FileMatch } from './fuzzy.js';
import { DirTree } from './dir-tree.js';
import type { FsSeam } from './fs-seam.js';
import { appendAll, PathList } from './path-list.js';
import { readSnapshot, readSnapshotText, snapshotFile, snapshotParts, writeSnapshot, type SnapshotReader } from './snapshot.js';
import { WARM_PATHS, warmUp } from './warm-up.js';
/** The index builds on its own now, not on the first `@`: started in a home directory, it stops here (~120 MB of paths). */
const MAX_FILES = 500_000;
/**
 * While building, listeners hear that the list grew at most this often: an
 * open popup searches again, so one whose query found nothing in the first
 * paths fills in without waiting for the whole build.
 */
const BUILD_NOTICE_MS = 100;
export interface FileIndexOptions {
  /** A search finding the last sweep older than this starts one in the background (it answers at once from the listing as it is). */
  readonly rescanAfterMs?: number;
  /** Stop listing after this many files (default MAX_FILES). */
  readonly maxFiles?: number;
  /** The longest the background work holds the event loop at a time. */
  readonly sliceMs?: number;
  /** Where the listing is kept between sessions (none: each session builds it). */
  readonly snapshotDir?: string;
  /** Seams for tests: the file system, and the clock slices and sweeps are timed with. */
  readonly fs?: FsSeam;
  readonly clock?: () => number;
  /**
   * Directories codex itself writes to (CODEX_HOME: session logs, history,
   * logs): when inside the root, they are neither listed nor swept, so a
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
  /** The first slice looked for a snapshot. */
  private looked = false;
  /** A snapshot being loaded, a part or more per slice (its paths, which searches want first, then its records), and the tree's copy of its paths. */
  private loading: { readonly reader: SnapshotReader; readonly paths: string[]; pathsDone: boolean } | undefined;
  private built = false;
  /** The search's warm-up (warm-up.ts): started once WARM_PATHS are listed, a search per slice. */
  private warming: (() => void)[] = [];
  private warmed = false;
  private scheduled = false;
  private closed = false;
  /** When the last sweep (or the build) began: a search finding it old starts one. */
  private sweptAt = 0;
  /** A popup opened while work was under way: the directories it had looked at already are swept after it. */
  private again: Set<string> | undefined;
  private idle: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private heard = 0;
  /** When listeners last heard (the build's start until then). */
  private toldAt = 0;
  private narrowing = new Narrowing();
  private narrowedAt = -1;
  private readonly clock: () => number;
  private readonly snapshot: string | undefined;
  /** The tree's and the list's versions when the snapshot was last written or read. */
  private saved = '';
  /** A snapshot being made, a part or more per slice, then written (off the event loop). */
  private saving: { readonly parts: Generator<string>; readonly made: string[] } | undefined;
  private writing = false;

  constructor(root: string, private readonly opts: FileIndexOptions = {}) {
    this.root = resolve(root);
    const skipped = (opts.skip ?? []).flatMap((dir) => below(this.root, dir));
    this.tree = new DirTree(this.root, this.list, { fs: opts.fs, maxFiles: opts.maxFiles ?? MAX_FILES, skip: skipped });
    this.clock = opts.clock ?? (() => performance.now());
    this.snapshot = opts.snapshotDir === undefined ? undefined : snapshotFile(opts.snapshotDir, this.root);
  }

  /** True once the first build (or the sweep of a loaded snapshot) has finished. */
  get ready(): boolean {
    return this.built;
  }

  get size(): number {
    return this.list.size;
  }

  /** Starts the background build (once); searches start it too. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.toldAt = this.sweptAt = this.clock();
    this.schedule();
  }

  /** Calls `listener` whenever the list changed (the build finished, a refresh found changes). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A new `@` popup: what changed since the last sweep must show in it. With
   * nothing under way, a sweep starts; while the build or a sweep runs, the
   * directories it has looked at already are swept again after it (the rest
   * it reads or stats from now on). Says which.
   */
  revalidate(): 'started' | 'swept' | 'after' {
    if (!this.started) {
      this.start();
      return 'started';
    }
    // A snapshot still loading is swept whole once in: every stat comes after this popup.
    if (this.loading) return 'after';
    if (!this.tree.busy) {
      this.sweepNow();
      return 'swept';
    }
    this.again ??= new Set();
    for (const rel of this.tree.looked()) this.again.add(rel);
    return 'after';
  }

  /** Sweeps for changes now (the build first, if it has not run) and resolves when the list is current. */
  refresh(): Promise<void> {
    if (this.built) this.sweepNow();
    this.start();
    this.schedule();
    return new Promise((done) => this.idle.push(done));
  }

  /** Best matches for `query` among the paths listed so far. */
  async search(query: string, limit = 8): Promise<FileMatch[]> {
    this.start();
    if (this.built && !this.tree.busy && this.clock() - this.sweptAt > (this.opts.rescanAfterMs ?? 3000)) this.sweepNow();
    const prepared = this.list.prepared();
    this.heard = this.list.version; // this answer is from the list as it stands: no notice needed for it
    // What the last query matched narrows the next one while the list is unchanged.
    if (this.narrowedAt !== this.list.version) {
      this.narrowing = new Narrowing();
      this.narrowedAt = this.list.version;
    }
    return searchPaths(prepared, query, limit, this.narrowing);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.idle.splice(0).forEach((done) => done());
  }

  private sweepNow(only?: readonly string[]): void {
    this.sweptAt = this.clock();
    this.tree.sweep(only);
    this.schedule();
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
    if (!this.looked) this.load();
    // The search's warm-up, a search per slice, as soon as enough is listed (before the popup's first keys when it can);
    // not while a snapshot's paths load: that takes a fraction of the time, and a key typed meanwhile is answered sooner.
    if (!this.warmed && ((this.list.size >= WARM_PATHS && !(this.loading && !this.loading.pathsDone)) || this.built)) {
      this.warmed = true;
      this.warming = warmUp(this.list.prepared());
    }
    this.warming.shift()?.();
    // The list is sorted for searching as part of the work, not by the first search after it.
    if ((this.loading && !this.loadBlocks(done)) || !this.tree.step(done) || !this.list.settle(done)) {
      if (!this.built && this.clock() - this.toldAt >= BUILD_NOTICE_MS) this.tell();
      this.schedule();
      return;
    }
    if (this.again) {
      const again = [...this.again];
      this.again = undefined;
      if (again.length) return this.sweepNow(again);
    }
    this.built = true;
    if (!this.save(done) || this.warming.length || !this.warmed) this.schedule();
    this.tell();
    if (!this.saving && !this.writing) this.idle.splice(0).forEach((done) => done());
  }

  /** The first slice: the saved listing, when there is one made under the same rules, instead of the walk. */
  private load(): void {
    this.looked = true;
    const text = this.snapshot && readSnapshot(this.snapshot);
    const reader = text ? readSnapshotText(text, this.tree.key) : undefined;
    if (!reader) return;
    const paths: string[] = [];
    this.tree.beginLoad(paths);
    this.loading = { reader, paths, pathsDone: false };
  }

  /**
   * Loads parts of the snapshot until `done()`; true once all are in (then
   * the sweep starts), or when one was damaged (then the tree is walked).
   */
  private loadBlocks(done: () => boolean): boolean {
    const loading = this.loading!;
    for (;;) {
      const part = loading.pathsDone ? loading.reader.records() : loading.reader.paths();
      if (part === 'damaged' || (Array.isArray(part) && !this.tree.loadRecords(part))) {
        this.loading = undefined;
        this.list.removeUnder('');
        this.tree.reset();
        return true;
      }
      if (part === 'done') {
        if (!loading.pathsDone) {
          loading.pathsDone = true;
          this.tell(); // every path is in: an open popup searches them all now, not at the next notice
        } else {
          this.loading = undefined;
          this.saved = this.versions();
          this.sweepNow();
          return true;
        }
      } else if (!Array.isArray(part)) {
        appendAll(loading.paths, part.paths); // the tree's copy: it reads its records' names from it
        this.list.extend(part.paths, part.lower);
      }
      if (done()) return false;
    }
  }

  /**
   * Saves the listing when it changed since it was read or saved (the list
   * is sorted by now): made from copies a part or more per slice, then
   * written off the event loop. True when this slice has nothing more to do.
   */
  private save(done: () => boolean): boolean {
    if (!this.snapshot || this.writing) return true;
    if (!this.saving) {
      if (this.saved === this.versions() || this.tree.directories === 0) return true;
      this.saved = this.versions();
      this.saving = { parts: snapshotParts(this.tree.key, { records: this.tree.records(), paths: this.list.prepared().paths.slice() }), made: [] };
    }
    for (let part = this.saving.parts.next(); !part.done; part = this.saving.parts.next()) {
      this.saving.made.push(part.value);
      if (done()) return false;
    }
    const file = this.snapshot;
    const made = this.saving.made;
    this.saving = undefined;
    this.writing = true;
    void writeSnapshot(file, made).then(() => {
      this.writing = false;
      this.schedule(); // whoever waits for the index to be idle hears now; a change meanwhile is saved next
    });
    return true;
  }

  private versions(): string {
    return `${this.tree.version}:${this.list.version}`;
  }

  /** Tells the listeners if the list changed since they last heard (or searched). */
  private tell(): void {
    if (this.heard === this.list.version) return;
    this.heard = this.list.version;
    this.toldAt = this.clock();
    for (const l of this.listeners) l();
  }
}

/**
 * Where `dir` lies strictly below `root`, relative and '/'-separated: as
 * written, and as it really is when symlinks differ (either one may be what
 * a listing shows). Nothing when it is elsewhere.
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
