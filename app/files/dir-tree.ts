// The file index's model of the working root: one record per directory it
// lists (the ones not ignored), holding the directory's mtime when it was
// read, the names of its files and sub-directories, and the ignore rules in
// force below it. Directories are read from a stack in slices of a few
// milliseconds, so the build never holds the TUI for long, and it lists the
// paths in sorted order (see plan). Keeping it fresh never re-walks the
// tree: a sweep stats every listed directory (and its ignore files) and
// re-reads only those that changed; a re-read diffs the listing, walks only
// new sub-directories and drops vanished ones. A changed ignore file
// re-decides its own sub-tree only. The records can be saved and loaded
// (snapshot.ts): a loaded tree is a listing to sweep, not to walk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findGitRoot } from '../git/repo.js';
import type { FsSeam } from './fs-seam.js';
import { entryIgnored, entryPrefixes, ignoreFileNames, initialRuleTexts, ruleSetsFrom, ruleSetsOf, type RuleSet, type RuleText } from './ignore-rules.js';

export const realFs: FsSeam = {
  readDir: (abs) => {
    try {
      return readdirSync(abs, { withFileTypes: true });
    } catch {
      return undefined; // unreadable directory: skipped, as git does
    }
  },
  mtime: (abs) => statSync(abs, { throwIfNoEntry: false })?.mtimeMs,
  readText: (abs) => {
    try {
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Where the listed files go: the search list. */
export interface TreeSink {
  add(paths: readonly string[]): void;
  remove(path: string): void;
  /** Removes every path below the directory `rel` ('' is the root: everything). */
  removeUnder(rel: string): void;
}

/** What a directory's record keeps between sessions (snapshot.ts); its sub-directories are the records below it. */
export interface DirRecord {
  readonly rel: string;
  readonly mtime: number;
  readonly racy: boolean;
  /** How many files it lists (their names are in the saved paths). */
  readonly count: number;
  /** Its ignore files present, their mtimes and texts. */
  readonly ruleFiles: readonly string[];
  readonly ruleMtimes: readonly (number | undefined)[];
  readonly ruleTexts: readonly string[];
}

interface DirNode extends Omit<DirRecord, 'rel'> {
  /** Its files' names; undefined for a loaded record, whose names are read from the loaded paths when needed. */
  readonly files: readonly string[] | undefined;
  readonly dirs: string[];
  /** Rules from above; `sets` adds this directory's own. */
  readonly inherited: readonly RuleSet[];
  readonly sets: readonly RuleSet[];
}

/** A refresh of a known directory, or the first read of a new one under the given rules. */
type Read = { readonly rel: string; readonly inherited?: readonly RuleSet[] };
/** A first read's work, in path order: sub-directories to read, and the runs of files between them to list. */
type Job = Read | { readonly paths: readonly string[] };

/** A directory read within this long of its mtime (or an ignore file's in it) reads as changed on the next sweep: a change in the same clock tick would not move it. */
const RACY_MS = 2000;

export interface DirTreeOptions {
  readonly fs?: FsSeam;
  /** Stop listing after this many files (a tree too large to index whole). */
  readonly maxFiles?: number;
  readonly now?: () => number;
  /** Paths below the root (relative, '/'-separated) never listed: what codex itself writes there (CODEX_HOME). */
  readonly skip?: readonly string[];
}

export class DirTree {
  private readonly nodes = new Map<string, DirNode>();
  /** The build's stack: it lists the paths in sorted order, so the search list needs no sort. */
  private readonly queue: Job[] = [];
  /** Re-reads wait for the stack to empty: none may diff against a listing whose files are still to come. */
  private readonly refreshes: Read[] = [];
  private sweepList: string[] = [];
  private sweepAt = 0;
  private readonly fs: FsSeam;
  /** The ignore files read in each directory. */
  readonly ignoreNames: readonly string[];
  /** The ignore files in force at the root; a saved tree is loaded only under the same (see `key`). */
  private readonly initialTexts: readonly RuleText[];
  private readonly initial: readonly RuleSet[];
  private readonly max: number;
  private readonly now: () => number;
  private readonly skip: ReadonlySet<string>;
  private files = 0;
  /** The sorted paths of a loaded tree: the file names of the records not read since. */
  private loaded: readonly string[] = [];
  /** Bumped when a directory is read or dropped: whoever saved the tree can tell it may be stale. */
  version = 0;

  readonly root: string;

  constructor(root: string, private readonly sink: TreeSink, opts: DirTreeOptions = {}) {
    this.root = resolve(root);
    this.fs = opts.fs ?? realFs;
    this.max = opts.maxFiles ?? Number.POSITIVE_INFINITY;
    this.now = opts.now ?? Date.now;
    this.skip = new Set(opts.skip);
    const gitRoot = findGitRoot(this.root);
    this.ignoreNames = ignoreFileNames(gitRoot !== undefined);
    this.initialTexts = initialRuleTexts(this.root, gitRoot);
    this.initial = ruleSetsFrom(this.initialTexts);
    this.reset();
  }

  get directories(): number {
    return this.nodes.size;
  }

  /** Whether there is work queued (a build, a sweep, re-reads). */
  get busy(): boolean {
    return this.queue.length > 0 || this.refreshes.length > 0 || this.sweepAt < this.sweepList.length;
  }

  /** What a saved tree must have been listed under to be loaded here: the root, its rules from outside, the limits. */
  get key(): string {
    return JSON.stringify([this.root, this.ignoreNames, this.initialTexts, [...this.skip], this.max]);
  }

  /** Starts a sweep: every listed directory (or those of `only`) is stat'ed, the changed ones re-read. */
  sweep(only?: readonly string[]): void {
    if (this.sweepAt < this.sweepList.length) return;
    this.sweepList = only ? [...only] : [...this.nodes.keys()];
    this.sweepAt = 0;
  }

  /**
   * The directories the work under way has looked at already, which a
   * change from now on could pass by: those a sweep has stat'ed, or, while
   * it builds or re-reads, every one listed.
   */
  looked(): string[] {
    return this.sweepAt < this.sweepList.length ? this.sweepList.slice(0, this.sweepAt) : [...this.nodes.keys()];
  }

  /** Works until `done()` says the slice is used up; true when nothing is left to do. */
  step(done: () => boolean = () => false): boolean {
    while (this.sweepAt < this.sweepList.length) {
      const rel = this.sweepList[this.sweepAt++]!;
      if (this.changed(rel)) this.refreshes.push({ rel });
      if (done()) return !this.busy;
    }
    for (let job = this.queue.pop() ?? this.refreshes.shift(); job; job = this.queue.pop() ?? this.refreshes.shift()) {
      if ('paths' in job) this.sink.add(job.paths);
      else this.read(job);
      if (done()) break;
    }
    return !this.busy;
  }

  /** The records to save, parents before children (the order they were read in). */
  records(): DirRecord[] {
    return [...this.nodes].map(([rel, n]) => ({ rel, mtime: n.mtime, racy: n.racy, count: n.count, ruleFiles: n.ruleFiles, ruleMtimes: n.ruleMtimes, ruleTexts: n.ruleTexts }));
  }

  /**
   * Takes a saved tree instead of building one: `paths` are its files,
   * sorted and kept as they are (the caller fills the array, and gives the
   * sink its own copy); then loadRecords, and a sweep, so that what changed
   * since it was saved is read again.
   */
  beginLoad(paths: readonly string[]): void {
    this.reset();
    this.queue.length = 0;
    this.loaded = paths;
  }

  /** The next records of a loaded tree, parents before children; false when they do not make a tree from the root down (then reset). */
  loadRecords(records: readonly DirRecord[]): boolean {
    for (const r of records) {
      const parent = r.rel ? this.nodes.get(parentOf(r.rel)) : undefined;
      if (r.rel ? !parent : this.nodes.size > 0) return false;
      if (this.nodes.has(r.rel)) return false;
      const inherited = parent ? parent.sets : this.initial;
      const { mtime, racy, count, ruleFiles, ruleMtimes, ruleTexts } = r; // named, not spread: spreading thousands of records took ~5 µs each
      const own = ruleTexts.length ? ruleSetsOf(this.abs(r.rel), ruleTexts) : [];
      this.nodes.set(r.rel, { mtime, racy, count, ruleFiles, ruleMtimes, ruleTexts, files: undefined, dirs: [], inherited, sets: own.length ? [...inherited, ...own] : inherited });
      parent?.dirs.push(r.rel.slice(r.rel.lastIndexOf('/') + 1));
      this.files += count;
    }
    return true;
  }

  /** Forgets everything (a loaded tree found damaged): the next steps build it afresh. */
  reset(): void {
    this.nodes.clear();
    this.queue.length = 0;
    this.refreshes.length = 0;
    this.sweepList = [];
    this.sweepAt = 0;
    this.files = 0;
    this.loaded = [];
    this.version++;
    this.queue.push({ rel: '', inherited: this.initial });
  }

  /** The absolute path of the listed directory `rel`. */
  abs(rel: string): string {
    return rel ? (this.root === '/' ? `/${rel}` : `${this.root}/${rel}`) : this.root;
  }

  private changed(rel: string): boolean {
    const node = this.nodes.get(rel);
    if (!node) return false;
    const abs = this.abs(rel);
    if (node.racy || this.fs.mtime(abs) !== node.mtime) return true;
    return node.ruleFiles.some((name, i) => this.fs.mtime(`${abs}/${name}`) !== node.ruleMtimes[i]);
  }

  /** A directory's file names: as read, or, for a loaded record, those of the loaded paths directly below it. */
  private filesOf(rel: string, node: DirNode): readonly string[] {
    if (node.files) return node.files;
    const prefix = rel ? `${rel}/` : '';
    const names: string[] = [];
    for (let i = lowerBound(this.loaded, prefix); i < this.loaded.length && this.loaded[i]!.startsWith(prefix); i++) {
      const name = this.loaded[i]!.slice(prefix.length);
      if (!name.includes('/')) names.push(name);
    }
    return names;
  }

  private read(job: Read): void {
    const old = this.nodes.get(job.rel);
    // A refresh of a directory dropped meanwhile: its parent's re-read decides whether it still exists.
    if (!job.inherited && !old) return;
    const inherited = job.inherited ?? old!.inherited;
    const abs = this.abs(job.rel);
    // Stat'ed before it is listed: a change from here on moves the mtime the next sweep compares.
    const mtime = this.fs.mtime(abs);
    const entries = mtime !== undefined ? this.fs.readDir(abs) : undefined;
    if (mtime === undefined || !entries) {
      this.drop(job.rel);
      return;
    }
    let found: string[] | undefined;
    for (const e of entries) if (this.ignoreNames.includes(e.name) && !e.isDirectory()) (found ??= []).push(e.name);
    const ruleFiles = found ? this.ignoreNames.filter((n) => found.includes(n)) : [];
    const ruleTexts = ruleFiles.map((n) => this.fs.readText(`${abs}/${n}`) ?? '');
    // New rules here re-decide everything below: the sub-tree is listed afresh.
    const prev = old && old.ruleTexts.join('\0') === ruleTexts.join('\0') && old.inherited === inherited ? old : undefined;
    if (old && !prev) this.drop(job.rel);
    const own = ruleSetsOf(abs, ruleTexts);
    const sets = own.length ? [...inherited, ...own] : inherited;
    // Entries are tested by name against this directory's place under each rule set (no path per entry).
    const prefixes = sets.length ? entryPrefixes(sets, abs) : undefined;
    let files: string[] = [];
    const dirs: string[] = [];
    const childRel = (name: string): string => (job.rel ? `${job.rel}/${name}` : name);
    for (const e of entries) {
      const name = e.name;
      if (name === '.git' || (this.skip.size && this.skip.has(childRel(name)))) continue;
      const isDir = e.isDirectory();
      if (!isDir && !e.isFile() && !e.isSymbolicLink()) continue;
      if (prefixes && entryIgnored(sets, prefixes, name, isDir)) continue;
      (isDir ? dirs : files).push(name);
    }
    // A first read (the build) has nothing to diff against.
    const prevFiles = prev && this.filesOf(job.rel, prev);
    const before = prevFiles && new Set(prevFiles);
    let added = before ? files.filter((n) => !before.has(n)) : files;
    if (this.files + added.length > this.max) {
      added = added.slice(0, Math.max(0, this.max - this.files));
      const kept = new Set(added);
      files = files.filter((n) => before?.has(n) || kept.has(n));
    }
    this.files += added.length;
    if (!prev) this.plan(added, this.files < this.max ? dirs : [], childRel, sets);
    else if (added.length) this.sink.add(added.map(childRel));
    if (prev) {
      const now = new Set(files);
      for (const n of prevFiles!) if (!now.has(n)) {
        this.sink.remove(childRel(n));
        this.files--;
      }
      const nowDirs = new Set(dirs);
      for (const n of prev.dirs) if (!nowDirs.has(n)) this.drop(childRel(n));
    }
    const hadDirs = prev && new Set(prev.dirs);
    // Pushed in reverse so that the stack reads them in listing order.
    if (prev && this.files < this.max) for (let i = dirs.length - 1; i >= 0; i--) if (!hadDirs!.has(dirs[i]!)) this.queue.push({ rel: childRel(dirs[i]!), inherited: sets });
    this.version++;
    const ruleMtimes = ruleFiles.map((n) => this.fs.mtime(`${abs}/${n}`));
    const now = this.now();
    // An ignore file is edited in place (its folder's mtime stays): one read in the tick it was written is as racy as the folder.
    const recent = (m: number | undefined): boolean => m !== undefined && Math.abs(now - m) < RACY_MS;
    const racy = recent(mtime) || ruleMtimes.some(recent);
    this.nodes.set(job.rel, { mtime, racy, count: files.length, files, dirs, inherited, sets, ruleFiles, ruleMtimes, ruleTexts });
  }

/**
   * Queues a first read's files and sub-directories so that the stack lists
   * every path in sorted order (UTF-16 code units, the engine's sort): a
   * directory's sub-tree sorts as its name and a slash (`a-b/…` before `a/…`
   * before `a0`). The system's listing is usually in this order already;
   * either is sorted only when it is not.
   */
  private plan(files: string[], dirs: string[], childRel: (name: string) => string, sets: readonly RuleSet[]): void {
    if (!ascending(files, '')) files.sort();
    if (!ascending(dirs, '/')) dirs.sort((a, b) => (`${a}/` < `${b}/` ? -1 : 1));
    const jobs: Job[] = [];
    let f = 0;
    const run = (below: string | undefined): void => {
      const from = f;
      while (f < files.length && (below === undefined || files[f]! < below)) f++;
      if (f > from) jobs.push({ paths: files.slice(from, f).map(childRel) });
    };
    for (const d of dirs) {
      run(`${d}/`);
      jobs.push({ rel: childRel(d), inherited: sets });
    }
    run(undefined);
    for (let i = jobs.length - 1; i >= 0; i--) this.queue.push(jobs[i]!);
  }

  /** Forgets a directory and everything below it. */
  private drop(rel: string): void {
    const gone = (r: string): void => {
      const node = this.nodes.get(r);
      if (!node) return;
      this.nodes.delete(r);
      this.files -= node.count;
      for (const d of node.dirs) gone(r ? `${r}/${d}` : d);
    };
    if (!this.nodes.has(rel)) return;
    this.version++;
    gone(rel);
    this.sink.removeUnder(rel);
  }
}

/** Whether `names`, each followed by `suffix`, are in ascending order. */
function ascending(names: readonly string[], suffix: string): boolean {
  for (let i = 1; i < names.length; i++) if (!(names[i - 1]! + suffix < names[i]! + suffix)) return false;
  return true;
}

const parentOf = (rel: string): string => {
  const cut = rel.lastIndexOf('/');
  return cut < 0 ? '' : rel.slice(0, cut);
};

/** The first index whose path is not below `p` (the array is sorted). */
export function lowerBound(paths: readonly string[], p: string): number {
  let lo = 0;
  let hi = paths.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paths[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
