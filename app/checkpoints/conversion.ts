// Whether git may change a file's bytes when it hashes it into a repository:
// core.autocrlf, or an attributes file anywhere (eol, text, filter, ident,
// working-tree-encoding all come from attributes). Where it may not, `git add`
// stores exactly the bytes on disk and a snapshot can let git do the work
// (its index's stat cache); where it may, every file is hashed with
// --no-filters instead.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { commonGitDir } from '../git/repo.js';
import { runGit } from '../git/run.js';

function nonEmpty(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

/** `paths`: the work tree's files (tracked and untracked), relative to `root`. */
export async function mayConvert(root: string, gitDir: string, paths: readonly string[]): Promise<boolean> {
  if (paths.some((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'))) return true;
  const config = await runGit(root, ['config', '-z', '--get-regexp', '^core\\.(autocrlf|attributesfile)$']);
  for (const entry of config.stdout.split('\0').filter(Boolean)) {
    const [key = '', value = ''] = entry.split('\n');
    if (key === 'core.autocrlf' && value !== 'false') return true;
    if (key === 'core.attributesfile' && value) return true;
  }
  const xdg = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return [join(xdg, 'git', 'attributes'), '/etc/gitattributes', '/usr/local/etc/gitattributes', join(commonGitDir(gitDir), 'info', 'attributes')].some(nonEmpty);
}
