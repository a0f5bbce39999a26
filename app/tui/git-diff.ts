// What /diff shows: `git diff` of tracked files plus a diff of every untracked
// file against /dev/null, or undefined outside a git repository.
import { execFile } from 'node:child_process';

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 128) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

export async function workingTreeDiff(cwd: string): Promise<string | undefined> {
  const inside = await git(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') return undefined;
  const tracked = await git(cwd, ['diff', '--no-color', '--no-ext-diff']);
  const untracked = await git(cwd, ['ls-files', '--others', '--exclude-standard', '-z']);
  const parts = [tracked.stdout];
  for (const file of untracked.stdout.split('\0').filter(Boolean)) {
    // --no-index exits 1 when the files differ, which they always do here.
    parts.push((await git(cwd, ['diff', '--no-color', '--no-index', '--', '/dev/null', file])).stdout);
  }
  return parts.join('');
}
