// Git facts read straight from the .git folder (no `git` process on the start
// path): the repository root, and the commit/branch/remote recorded in rollouts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The first ancestor of `dir` (inclusive) holding `.git` as a folder or a worktree file. */
export function findGitRoot(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    if (existsSync(join(cur, '.git'))) return cur;
    const up = dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

export interface GitInfo { commit_hash?: string; branch?: string; repository_url?: string }

/** The real git directory: `.git` itself, or the `gitdir:` target of a worktree's `.git` file. */
function gitDir(root: string): string | undefined {
  const p = join(root, '.git');
  try {
    if (statSync(p).isDirectory()) return p;
    const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(p, 'utf8'));
    return m ? resolve(root, m[1]!.trim()) : undefined;
  } catch {
    return undefined;
  }
}

function readText(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

function resolveRef(dir: string, ref: string): string | undefined {
  const loose = readText(join(dir, ref))?.trim();
  if (loose) return loose;
  // Worktrees keep shared refs in the common dir.
  const common = readText(join(dir, 'commondir'))?.trim();
  const commonDir = common ? (isAbsolute(common) ? common : join(dir, common)) : dir;
  const fromCommon = commonDir !== dir ? readText(join(commonDir, ref))?.trim() : undefined;
  if (fromCommon) return fromCommon;
  const packed = readText(join(commonDir, 'packed-refs')) ?? '';
  for (const line of packed.split('\n')) {
    const [sha, name] = line.split(' ');
    if (name === ref && sha) return sha;
  }
  return undefined;
}

export function readGitInfo(cwd: string): GitInfo | undefined {
  const root = findGitRoot(cwd);
  const dir = root && gitDir(root);
  if (!dir) return undefined;
  const info: GitInfo = {};
  const head = readText(join(dir, 'HEAD'))?.trim();
  if (head?.startsWith('ref: ')) {
    const ref = head.slice(5);
    info.branch = ref.replace(/^refs\/heads\//, '');
    const sha = resolveRef(dir, ref);
    if (sha) info.commit_hash = sha;
  } else if (head) info.commit_hash = head;
  const common = readText(join(dir, 'commondir'))?.trim();
  const config = readText(join(common ? resolve(dir, common) : dir, 'config')) ?? '';
  const origin = /\[remote "origin"\][^[]*?\burl\s*=\s*(\S+)/.exec(config);
  if (origin) info.repository_url = origin[1]!;
  return info;
}
