// Lists the files under a root, the way the `@` picker sees them: hidden files
// included, `.git/` skipped, ignore rules honoured, directories pruned as soon
// as they are ignored so ignored trees (node_modules, build output) cost nothing.
import { readdirSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findGitRoot, initialRules, isIgnored, rulesOfDirectory, type RuleSet } from './ignore-rules.js';

export interface WalkResult {
  /** Paths relative to the root, '/'-separated, in directory order. */
  readonly files: string[];
  readonly directories: number;
}

export interface WalkOptions {
  /** Stop after this many files (a tree too large to index whole). */
  readonly maxFiles?: number;
}

/** One directory's entries; the two walkers differ only in how they read. */
function expand(
  gitRoot: string | undefined,
  abs: string,
  rel: string,
  sets: RuleSet[],
  entries: Dirent[],
  files: string[],
  max: number,
  subdir: (abs: string, rel: string, sets: RuleSet[]) => void,
): void {
  const own = rulesOfDirectory(abs, gitRoot !== undefined);
  const here = own.length ? [...sets, ...own] : sets;
  for (const e of entries) {
    if (files.length >= max) return;
    const name = e.name;
    if (name === '.git') continue;
    const childAbs = join(abs, name);
    const isDir = e.isDirectory();
    if (here.length && isIgnored(here, childAbs, isDir)) continue;
    const childRel = rel ? `${rel}/${name}` : name;
    if (isDir) subdir(childAbs, childRel, here);
    else if (e.isFile() || e.isSymbolicLink()) files.push(childRel);
  }
}

/** Synchronous walk (benchmarks, small trees). */
export function walkFiles(root: string, opts: WalkOptions = {}): WalkResult {
  const gitRoot = findGitRoot(root);
  const max = opts.maxFiles ?? Number.POSITIVE_INFINITY;
  const files: string[] = [];
  let directories = 0;
  const visit = (abs: string, rel: string, sets: RuleSet[]): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // unreadable directory: skip, as git does
    }
    directories++;
    expand(gitRoot, abs, rel, sets, entries, files, max, visit);
  };
  visit(root, '', initialRules(root, gitRoot));
  return { files, directories };
}

/**
 * The same walk without blocking the event loop: directories are read
 * concurrently (bounded), so the TUI keeps painting while a large tree is indexed.
 */
export async function walkFilesAsync(root: string, opts: WalkOptions & { signal?: AbortSignal } = {}): Promise<WalkResult> {
  const gitRoot = findGitRoot(root);
  const max = opts.maxFiles ?? Number.POSITIVE_INFINITY;
  const files: string[] = [];
  let directories = 0;
  // A small semaphore bounds concurrent readdir calls (libuv's pool has 4 threads).
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (active < 32) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const visit = async (abs: string, rel: string, sets: RuleSet[]): Promise<void> => {
    if (opts.signal?.aborted || files.length >= max) return;
    await acquire();
    let entries: Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    } finally {
      release();
    }
    directories++;
    const children: Promise<void>[] = [];
    expand(gitRoot, abs, rel, sets, entries, files, max, (a, r, s) => void children.push(visit(a, r, s)));
    await Promise.all(children);
  };
  await visit(root, '', initialRules(root, gitRoot));
  return { files, directories };
}
