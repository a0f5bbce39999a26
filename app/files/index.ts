// The `@` picker's view of the working root: a list of files built by an
// async walk on first use and kept fresh with chokidar (debounced). A tree
// with more directories than we are willing to watch is not watched; it is
// re-scanned in the background when a search finds the list stale. Either
// way the user sees results, never an error about watching.
import { dirname, relative, sep } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { preparePaths, searchPaths, type FileMatch, type PreparedPaths } from './fuzzy.js';
import { findGitRoot } from '../git/repo.js';
import { initialRules, isIgnored, rulesOfDirectory, type RuleSet } from './ignore-rules.js';
import { walkFilesAsync } from './walk.js';
import { logger } from '../log.js';

const log = logger('codex_file_search');

export interface FileIndexOptions {
  /** Watch for changes (default true). */
  readonly watch?: boolean;
  /** Above this many directories the tree is re-scanned on demand instead of watched. */
  readonly watchDirLimit?: number;
  /** Quiet time before watched changes are applied. */
  readonly debounceMs?: number;
  /** In re-scan mode, a list older than this is refreshed in the background. */
  readonly rescanAfterMs?: number;
  readonly maxFiles?: number;
}

export class FileIndex {
  private files = new Set<string>();
  private prepared: PreparedPaths = preparePaths([]);
  private dirty = false;
  private scanning: Promise<void> | undefined;
  private scannedAt = 0;
  private watcher: FSWatcher | undefined;
  private watching = false;
  private pending = new Map<string, 'add' | 'unlink' | 'unlinkDir'>();
  private flushTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly gitRoot: string | undefined;
  private readonly ruleCache = new Map<string, RuleSet[]>();

  constructor(readonly root: string, private readonly opts: FileIndexOptions = {}) {
    this.gitRoot = findGitRoot(root);
  }

  /** True once the first scan has finished. */
  get ready(): boolean {
    return this.scannedAt > 0;
  }

  get size(): number {
    return this.files.size;
  }

  /** Starts (or joins) a scan; resolves when the list is complete. */
  refresh(): Promise<void> {
    this.scanning ??= this.scan().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  /** Best matches for `query`; waits for the first scan only. */
  async search(query: string, limit = 8): Promise<FileMatch[]> {
    if (!this.ready) await this.refresh();
    else if (!this.watching && Date.now() - this.scannedAt > (this.opts.rescanAfterMs ?? 3000)) void this.refresh();
    if (this.dirty) {
      this.prepared = preparePaths([...this.files]);
      this.dirty = false;
    }
    return searchPaths(this.prepared, query, limit);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    clearTimeout(this.flushTimer);
    await this.watcher?.close();
    this.watcher = undefined;
  }

  private async scan(): Promise<void> {
    const result = await walkFilesAsync(this.root, { signal: this.abort.signal, maxFiles: this.opts.maxFiles });
    if (this.closed) return;
    this.files = new Set(result.files);
    this.dirty = true;
    this.scannedAt = Date.now();
    this.ruleCache.clear();
    const limit = this.opts.watchDirLimit ?? 4000;
    // The watcher starts in the background: searches never wait for its initial scan.
    if ((this.opts.watch ?? true) && !this.watcher && result.directories <= limit) {
      this.startWatching().catch((err) => log.debug('watch failed to start, re-scanning on demand instead:', err));
    }
  }

  private async startWatching(): Promise<void> {
    const { watch } = await import('chokidar');
    if (this.closed) return;
    const watcher = watch(this.root, {
      ignoreInitial: true,
      ignored: (path: string, stats?: { isDirectory(): boolean }) =>
        path !== this.root && this.ignoredPath(path, stats?.isDirectory() ?? false),
    });
    this.watcher = watcher;
    watcher.on('add', (p) => this.queue(p, 'add'));
    watcher.on('unlink', (p) => this.queue(p, 'unlink'));
    watcher.on('unlinkDir', (p) => this.queue(p, 'unlinkDir'));
    watcher.on('change', (p) => {
      if (p.endsWith('.gitignore') || p.endsWith('.ignore')) this.rulesChanged();
    });
    watcher.on('error', (err) => {
      // Out of watches (ENOSPC) or similar: fall back to re-scanning on demand.
      log.debug('watch failed, re-scanning on demand instead:', err);
      this.watching = false;
      void watcher.close();
      if (this.watcher === watcher) this.watcher = undefined;
    });
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.watching = this.watcher === watcher;
    // Files made between our walk and the watcher's first scan raised no event; catch them once.
    if (this.watching) void this.refresh();
  }

  private rulesChanged(): void {
    this.ruleCache.clear();
    void this.refresh();
  }

  private ignoredPath(abs: string, isDir: boolean): boolean {
    const base = abs.slice(abs.lastIndexOf(sep) + 1);
    if (base === '.git') return true;
    const sets = this.rulesFor(dirname(abs));
    return sets.length > 0 && isIgnored(sets, abs, isDir);
  }

  private rulesFor(dir: string): RuleSet[] {
    const hit = this.ruleCache.get(dir);
    if (hit) return hit;
    const sets =
      dir === this.root || !dir.startsWith(this.root)
        ? [...initialRules(this.root, this.gitRoot), ...rulesOfDirectory(this.root, this.gitRoot !== undefined)]
        : [...this.rulesFor(dirname(dir)), ...rulesOfDirectory(dir, this.gitRoot !== undefined)];
    this.ruleCache.set(dir, sets);
    return sets;
  }

  private queue(abs: string, kind: 'add' | 'unlink' | 'unlinkDir'): void {
    const base = abs.slice(abs.lastIndexOf(sep) + 1);
    if (kind === 'add' && (base === '.gitignore' || base === '.ignore')) this.rulesChanged();
    this.pending.set(relative(this.root, abs).split(sep).join('/'), kind);
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.flush(), this.opts.debounceMs ?? 100);
  }

  private flush(): void {
    for (const [rel, kind] of this.pending) {
      if (kind === 'add') this.files.add(rel);
      else if (kind === 'unlink') this.files.delete(rel);
      else for (const f of this.files) if (f.startsWith(`${rel}/`)) this.files.delete(f);
    }
    this.pending.clear();
    this.dirty = true;
  }
}

