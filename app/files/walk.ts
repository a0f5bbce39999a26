// Lists the files under a root, the way the `@` picker sees them: hidden files
// included, `.git/` skipped, ignore rules honoured, directories pruned as soon
// as they are ignored so ignored trees (node_modules, build output) cost nothing.
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { findGitRoot } from '../git/repo.js';
import { initialRules, isIgnored, rulesOfDirectory, type RuleSet } from './ignore-rules.js';

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
 * The same walk without blocking the event loop for long: directories are read
 * synchronously (the fastest way to list many small directories) in slices of
 * a few milliseconds, yielding between slices, so the TUI keeps painting and
 * reading keys while a large tree is indexed.
 */
export async function walkFilesAsync(
  root: string,
  opts: WalkOptions & { signal?: AbortSignal; sliceMs?: number } = {},
): Promise<WalkResult> {
  const gitRoot = findGitRoot(root);
  const max = opts.maxFiles ?? Number.POSITIVE_INFINITY;
  const slice = opts.sliceMs ?? 8;
  const files: string[] = [];
  let directories = 0;
  const stack: [string, string, RuleSet[]][] = [[root, '', initialRules(root, gitRoot)]];
  const push = (abs: string, rel: string, sets: RuleSet[]): void => void stack.push([abs, rel, sets]);
  let sliceStart = performance.now();
  for (let job = stack.pop(); job; job = stack.pop()) {
    if (opts.signal?.aborted || files.length >= max) break;
    const [abs, rel, sets] = job;
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    directories++;
    expand(gitRoot, abs, rel, sets, entries, files, max, push);
    if (performance.now() - sliceStart > slice) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return { files, directories };
}
