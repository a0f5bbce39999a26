// The diffs /diff and /review show, from git run through app/git/run.ts
// (which keeps the repository from running programs): the working tree
// against the index or HEAD with untracked files as new ones, the working tree
// against a merge base, a commit. Also the branches and recent commits the
// /review popup offers.
import { runGit } from '../git/run.js';
import type { ReviewTarget } from '../protocol/ops.js';

const DIFF = ['diff', '--no-color', '--no-ext-diff', '--no-textconv'];
/** git's id of the empty tree: what an unborn HEAD is compared as. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

async function insideWorkTree(cwd: string): Promise<boolean> {
  const inside = await runGit(cwd, ['rev-parse', '--is-inside-work-tree']);
  return inside.code === 0 && inside.stdout.trim() === 'true';
}

async function untrackedDiff(cwd: string): Promise<string[]> {
  const untracked = await runGit(cwd, ['ls-files', '--others', '--exclude-standard', '-z']);
  const parts: string[] = [];
  for (const file of untracked.stdout.split('\0').filter(Boolean)) {
    // --no-index exits 1 when the files differ, which they always do here.
    parts.push((await runGit(cwd, [...DIFF, '--no-index', '--', '/dev/null', file])).stdout);
  }
  return parts;
}

/**
 * `/diff`: the working tree against the index (`against` unset) or against
 * HEAD (`'HEAD'`: staged changes too), plus every untracked file as new;
 * undefined outside a git repository.
 */
export async function workingTreeDiff(cwd: string, against?: 'HEAD'): Promise<string | undefined> {
  if (!(await insideWorkTree(cwd))) return undefined;
  let base: string[] = [];
  if (against) base = (await runGit(cwd, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'])).code === 0 ? ['HEAD'] : [EMPTY_TREE];
  const tracked = await runGit(cwd, [...DIFF, ...base]);
  return [tracked.stdout, ...(await untrackedDiff(cwd))].join('');
}

export class ReviewTargetError extends Error {
  override name = 'ReviewTargetError';
}

/** The diff a review target names; throws ReviewTargetError with a sentence for the user. */
export async function targetDiff(cwd: string, target: ReviewTarget): Promise<string> {
  if (!(await insideWorkTree(cwd))) throw new ReviewTargetError('Review needs a git repository: this folder is not inside one.');
  switch (target.type) {
    case 'uncommitted':
    case 'custom':
      return (await workingTreeDiff(cwd, 'HEAD')) ?? '';
    case 'base_branch': {
      const mb = target.branch.startsWith('-') ? undefined : await runGit(cwd, ['merge-base', 'HEAD', target.branch]);
      if (!mb || mb.code !== 0) throw new ReviewTargetError(`No merge base between HEAD and '${target.branch}': is it a branch of this repository?`);
      return (await runGit(cwd, [...DIFF, mb.stdout.trim()])).stdout;
    }
    case 'commit': {
      const sha = target.sha.startsWith('-') ? undefined : await runGit(cwd, ['rev-parse', '-q', '--verify', `${target.sha}^{commit}`]);
      if (!sha || sha.code !== 0) throw new ReviewTargetError(`'${target.sha}' is not a commit of this repository.`);
      return (await runGit(cwd, ['show', '--no-color', '--no-ext-diff', '--no-textconv', '--format=medium', sha.stdout.trim()])).stdout;
    }
    default: {
      const _: never = target;
      return _;
    }
  }
}

/** Local branches, most recently committed first, without the one checked out. */
export async function listBranches(cwd: string): Promise<string[]> {
  const current = (await runGit(cwd, ['symbolic-ref', '-q', '--short', 'HEAD'])).stdout.trim();
  const out = await runGit(cwd, ['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)', 'refs/heads/']);
  return out.stdout.split('\n').filter((b) => b && b !== current);
}

/** The last `n` commits of HEAD: full id and subject. */
export async function recentCommits(cwd: string, n = 30): Promise<{ sha: string; subject: string }[]> {
  const out = await runGit(cwd, ['log', `-n${n}`, '--format=%H%x1f%s']);
  if (out.code !== 0) return [];
  return out.stdout.split('\n').filter(Boolean).map((line) => {
    const [sha = '', subject = ''] = line.split('\x1f');
    return { sha, subject };
  });
}
