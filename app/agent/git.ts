// Git facts read straight from the .git folder (no `git` process on the start
// path): the commit/branch/remote recorded in rollouts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonGitDir, findGitRoot, gitDirAt } from '../git/repo.js';

export interface GitInfo { commit_hash?: string; branch?: string; repository_url?: string }

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
  const commonDir = commonGitDir(dir);
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
  const dir = root && gitDirAt(root);
  if (!dir) return undefined;
  const info: GitInfo = {};
  const head = readText(join(dir, 'HEAD'))?.trim();
  if (head?.startsWith('ref: ')) {
    const ref = head.slice(5);
    info.branch = ref.replace(/^refs\/heads\//, '');
    const sha = resolveRef(dir, ref);
    if (sha) info.commit_hash = sha;
  } else if (head) info.commit_hash = head;
  const config = readText(join(commonGitDir(dir), 'config')) ?? '';
  const origin = /\[remote "origin"\][^[]*?\burl\s*=\s*(\S+)/.exec(config);
  if (origin) info.repository_url = origin[1]!;
  return info;
}
