// What counts as a git repository, decided here once and as git decides it
// (setup.c: is_git_directory, read_gitfile): `.git` is a directory holding
// HEAD, objects/ and refs/ (the last two in its common dir for a worktree),
// or a file `gitdir: PATH` naming such a directory. An empty `.git` (a
// sandbox's mount target, a stray mkdir) is no repository; git skips a bad
// directory and keeps looking upward, but stops at a bad `.git` file.
// A leaf: reads files only, runs no git and imports nothing of ours.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function readText(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The directory shared by all worktrees of `gitDir` (its `commondir`), or `gitDir` itself. */
export function commonGitDir(gitDir: string): string {
  const common = readText(join(gitDir, 'commondir'))?.trim();
  return common ? resolve(gitDir, common) : gitDir;
}

/** Whether `dir` is a git directory: HEAD, plus objects/ and refs/ in its common dir. */
export function isGitDirectory(dir: string): boolean {
  if (!isFile(join(dir, 'HEAD'))) return false;
  const common = commonGitDir(dir);
  return isDir(join(common, 'objects')) && isDir(join(common, 'refs'));
}

/** The target a `.git` file names (`gitdir: PATH`, relative to the file's folder), whether or not it is valid. */
export function gitdirPointer(file: string): string | undefined {
  const m = /^gitdir: *(.+?)\s*$/m.exec(readText(file) ?? '');
  if (!m?.[1]) return undefined;
  return isAbsolute(m[1]) ? m[1] : resolve(dirname(file), m[1]);
}

type DotGit = { kind: 'repo'; gitDir: string } | { kind: 'none' } | { kind: 'broken' };

/** What `<dir>/.git` is: a repository, nothing (missing or not a git directory), or a broken `.git` file. */
function dotGitAt(dir: string): DotGit {
  const dotGit = join(dir, '.git');
  if (isDir(dotGit)) return isGitDirectory(dotGit) ? { kind: 'repo', gitDir: dotGit } : { kind: 'none' };
  if (!isFile(dotGit)) return { kind: 'none' };
  const target = gitdirPointer(dotGit);
  return target && isGitDirectory(target) ? { kind: 'repo', gitDir: target } : { kind: 'broken' };
}

/** The git directory of the repository whose work tree is exactly `dir`, if it is one. */
export function gitDirAt(dir: string): string | undefined {
  const found = dotGitAt(dir);
  return found.kind === 'repo' ? found.gitDir : undefined;
}

/** The work tree root of the repository containing `dir` (inclusive), as git would find it. */
export function findGitRoot(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const found = dotGitAt(d);
    if (found.kind === 'repo') return d;
    if (found.kind === 'broken') return undefined; // git stops here with "invalid gitfile"
    if (dirname(d) === d) return undefined;
  }
}

/** The branch checked out in the repository containing `dir` (HEAD's `refs/heads/NAME`), or HEAD's short hash when detached. */
export function currentBranch(dir: string): string | undefined {
  const root = findGitRoot(dir);
  const gitDir = root && gitDirAt(root);
  const head = gitDir && readText(join(gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  const ref = /^ref: *refs\/heads\/(.+)$/.exec(head);
  if (ref) return ref[1];
  return /^[0-9a-f]{7,}$/.test(head) ? head.slice(0, 7) : undefined;
}
