// What /diff shows: `git diff` of tracked files plus a diff of every untracked
// file against /dev/null, or undefined outside a git repository. git runs
// through app/git/run.ts, which keeps the repository from running programs.
import { runGit } from '../git/run.js';

const DIFF = ['diff', '--no-color', '--no-ext-diff', '--no-textconv'];

export async function workingTreeDiff(cwd: string): Promise<string | undefined> {
  const inside = await runGit(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') return undefined;
  const tracked = await runGit(cwd, DIFF);
  const untracked = await runGit(cwd, ['ls-files', '--others', '--exclude-standard', '-z']);
  const parts = [tracked.stdout];
  for (const file of untracked.stdout.split('\0').filter(Boolean)) {
    // --no-index exits 1 when the files differ, which they always do here.
    parts.push((await runGit(cwd, [...DIFF, '--no-index', '--', '/dev/null', file])).stdout);
  }
  return parts.join('');
}
