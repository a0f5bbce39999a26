// The file index's one door to the file system (dir-tree.ts's realFs is the
// real one): tests put a counting or refusing one in its place.
import type { Dirent } from 'node:fs';

/** Every file-system read the tree makes; tests count them. */
export interface FsSeam {
  /** A directory's entries; undefined when it cannot be read. */
  readDir(abs: string): Dirent[] | undefined;
  /** The mtime (ms) of a path; undefined when it is gone. */
  mtime(abs: string): number | undefined;
  readText(abs: string): string | undefined;
}
