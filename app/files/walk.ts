// Lists the files under a root, the way the `@` picker sees them: hidden files
// included, `.git/` skipped, ignore rules honoured, directories pruned as soon
// as they are ignored so ignored trees (node_modules, build output) cost nothing.
// One synchronous pass of the DirTree the file index keeps (tests, benchmarks).
import { DirTree } from './dir-tree.js';
import { appendAll } from './path-list.js';

export interface WalkResult {
  /** Paths relative to the root, '/'-separated, sorted (UTF-16 code units, as the engine sorts). */
  readonly files: string[];
  readonly directories: number;
}

export interface WalkOptions {
  /** Stop after this many files (a tree too large to index whole). */
  readonly maxFiles?: number;
}

export function walkFiles(root: string, opts: WalkOptions = {}): WalkResult {
  const files: string[] = [];
  const tree = new DirTree(root, { add: (b) => appendAll(files, b), remove: () => undefined, removeUnder: () => undefined }, opts);
  tree.step();
  return { files, directories: tree.directories };
}
