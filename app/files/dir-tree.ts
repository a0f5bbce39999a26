// The file index's model of the working root: one record per directory it
// lists (the ones not ignored), holding the directory's mtime when it was
// read (unwatched ones only), the names of its files and sub-directories, and
// the ignore rules in force below it. Directories are read from a stack in
// slices of a few milliseconds, so the build never holds the TUI for long,
// and it lists the paths in sorted order (see plan). Keeping it fresh
// never re-walks the tree: each directory is watched as it is first read
// (before its listing, so no change falls between), within the watch budget
// (dir-watch.ts), and an event re-reads it; the ones left unwatched are swept:
// a sweep stats them (and their ignore files) and re-reads only those that
// changed. A re-read diffs the listing, walks only new sub-directories and
// drops vanished ones. A changed ignore file re-decides its own sub-tree only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findGitRoot } from '../git/repo.js';
import { watchDir, type DirWatch } from './dir-watch.js';
import type { FsSeam } from './fs-seam.js';
import { entryIgnored, entryPrefixes, ignoreFileNames, initialRules, ruleSetsOf, type RuleSet } from './ignore-rules.js';

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
  watch: watchDir,
};

/** Where the listed files go: the search list. */
export interface TreeSink {
  add(paths: readonly string[]): void;
  remove(path: string): void;
  /** Removes every path below the directory `rel` ('' is the root: everything). */
  removeUnder(rel: string): void;
}

interface DirNode {
  /** Undefined when watched at its read (only unwatched directories are swept; one whose watch broke reads as changed). */
  readonly mtime: number | undefined;
  /** Read within RACY_MS of its mtime: a change in the same clock tick would not move it, so the next sweep reads it again. */
  readonly racy: boolean;
  readonly files: readonly string[];
  readonly dirs: readonly string[];
  /** Rules from above; `sets` adds this directory's own. */
  readonly inherited: readonly RuleSet[];
  readonly sets: readonly RuleSet[];
  /** The directory's ignore files present, their mtimes and texts (to tell a change). */
  readonly ruleFiles: readonly string[];
  readonly ruleMtimes: readonly (number | undefined)[];
  readonly ruleTexts: string;
}

/** A refresh of a known directory, or the first read of a new one under the given rules. */
type Read = { readonly rel: string; readonly inherited?: readonly RuleSet[] };
/** A first read's work, in path order: sub-directories to read, and the runs of files between them to list. */
type Job = Read | { readonly paths: readonly string[] };

const RACY_MS = 2000;

export interface DirTreeOptions {
  readonly fs?: FsSeam;
  /** Stop listing after this many files (a tree too large to index whole). */
  readonly maxFiles?: number;
  readonly now?: () => number;
  /** Paths below the root (relative, '/'-separated) never listed: what codex itself writes there (CODEX_HOME). */
  readonly skip?: readonly string[];
  /** Watches directories as they are listed (none: every directory is swept). */
  readonly watch?: DirWatch;
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
  private readonly max: number;
  private readonly now: () => number;
  private readonly skip: ReadonlySet<string>;
  private readonly watch: DirWatch | undefined;
  private files = 0;

  readonly root: string;

  constructor(root: string, private readonly sink: TreeSink, opts: DirTreeOptions = {}) {
    this.root = resolve(root);
    this.fs = opts.fs ?? realFs;
    this.max = opts.maxFiles ?? Number.POSITIVE_INFINITY;
    this.now = opts.now ?? Date.now;
    this.skip = new Set(opts.skip);
    this.watch = opts.watch;
    const gitRoot = findGitRoot(this.root);
    this.ignoreNames = ignoreFileNames(gitRoot !== undefined);
    this.queue.push({ rel: '', inherited: initialRules(this.root, gitRoot) });
  }

  get directories(): number {
    return this.nodes.size;
  }

  /** Listed directories no watch covers: the ones sweeps stat. */
  get unwatched(): number {
    return this.nodes.size - (this.watch?.size ?? 0);
  }

  /** Whether there is work queued (a build, a sweep, re-reads). */
  get busy(): boolean {
    return this.queue.length > 0 || this.refreshes.length > 0 || this.sweepAt < this.sweepList.length;
  }

  /** The rules that decide `abs`'s fate, from its directory's record (undefined: not listed yet). */
  rulesAt(parentRel: string): readonly RuleSet[] | undefined {
    return this.nodes.get(parentRel)?.sets;
  }

  /** Queues a re-read of `rel`, or of its nearest listed ancestor when `rel` is not listed (it is new). */
  touch(rel: string): void {
    while (rel && !this.nodes.has(rel)) rel = parentOf(rel);
    if (this.nodes.has(rel)) this.refreshes.push({ rel });
  }

  /** Starts a sweep: every listed directory no watch covers is stat'ed, the changed ones re-read. */
  sweep(): void {
    if (this.sweepAt < this.sweepList.length) return;
    const watch = this.watch;
    this.sweepList = watch ? [...this.nodes.keys()].filter((rel) => !watch.has(rel)) : [...this.nodes.keys()];
    this.sweepAt = 0;
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

  /** The absolute path of the listed directory `rel`. */
  abs(rel: string): string {
    return rel ? (this.root === '/' ? `/${rel}` : `${this.root}/${rel}`) : this.root;
  }

  private changed(rel: string): boolean {
    const node = this.nodes.get(rel);
    if (!node) return false;
    const abs = this.abs(rel);
    if (node.racy || node.mtime === undefined || this.fs.mtime(abs) !== node.mtime) return true;
    return node.ruleFiles.some((name, i) => this.fs.mtime(`${abs}/${name}`) !== node.ruleMtimes[i]);
  }

  private read(job: Read): void {
    const old = this.nodes.get(job.rel);
    // A refresh of a directory dropped meanwhile: its parent's re-read decides whether it still exists.
    if (!job.inherited && !old) return;
    const inherited = job.inherited ?? old!.inherited;
    const abs = this.abs(job.rel);
    // Watched before it is listed: a change from here on raises an event. Sweeps pass a
    // watched directory by, so its mtime is not needed: a stat saved per directory.
    const watched = this.watch?.add(job.rel, abs) ?? false;
    const mtime = watched ? undefined : this.fs.mtime(abs);
    const entries = watched || mtime !== undefined ? this.fs.readDir(abs) : undefined;
    if (!entries) {
      if (!old) this.watch?.remove(job.rel); // gone before it was listed
      this.drop(job.rel);
      return;
    }
    let found: string[] | undefined;
    for (const e of entries) if (this.ignoreNames.includes(e.name) && !e.isDirectory()) (found ??= []).push(e.name);
    const ruleFiles = found ? this.ignoreNames.filter((n) => found.includes(n)) : [];
    const texts = ruleFiles.map((n) => this.fs.readText(`${abs}/${n}`) ?? '');
    const ruleTexts = texts.join('\0');
    // New rules here re-decide everything below: the sub-tree is listed afresh.
    const prev = old && old.ruleTexts === ruleTexts && old.inherited === inherited ? old : undefined;
    if (old && !prev) this.drop(job.rel, true);
    const own = ruleSetsOf(abs, texts);
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
    const before = prev && new Set(prev.files);
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
      for (const n of prev.files) if (!now.has(n)) {
        this.sink.remove(childRel(n));
        this.files--;
      }
      const nowDirs = new Set(dirs);
      for (const n of prev.dirs) if (!nowDirs.has(n)) this.drop(childRel(n));
    }
    const hadDirs = prev && new Set(prev.dirs);
    // Pushed in reverse so that the stack reads them in listing order.
    if (prev && this.files < this.max) for (let i = dirs.length - 1; i >= 0; i--) if (!hadDirs!.has(dirs[i]!)) this.queue.push({ rel: childRel(dirs[i]!), inherited: sets });
    this.nodes.set(job.rel, {
      mtime,
      racy: mtime !== undefined && Math.abs(this.now() - mtime) < RACY_MS,
      files,
      dirs,
      inherited,
      sets,
      ruleFiles,
      // A watched directory's ignore files raise events of their own.
      ruleMtimes: watched ? [] : ruleFiles.map((n) => this.fs.mtime(`${abs}/${n}`)),
      ruleTexts,
    });
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

  /** Forgets a directory and everything below it (keeping its own watch when it is listed afresh). */
  private drop(rel: string, relisted = false): void {
    const gone = (r: string): void => {
      const node = this.nodes.get(r);
      if (!node) return;
      this.nodes.delete(r);
      if (!relisted || r !== rel) this.watch?.remove(r);
      this.files -= node.files.length;
      for (const d of node.dirs) gone(r ? `${r}/${d}` : d);
    };
    if (!this.nodes.has(rel)) return;
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
