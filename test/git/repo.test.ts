// "Is this a git repository?" answered as git answers it, in one place
// (app/git/repo.ts) for trust, exec's start check, AGENTS.md, turn diffs,
// rollouts and the file index. Checked against the real git where it is installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectTrust } from '../../app/config/trust.js';
import { findGitRoot, gitDirAt } from '../../app/git/repo.js';
import { initGitRepo } from '../support/cli.js';
import { hasGit } from './support.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'codex-gitrepo-')));
after(() => rmSync(base, { recursive: true, force: true }));

function gitToplevel(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } })
      .toString().trim();
  } catch {
    return undefined;
  }
}

const noToml = { projects: {} } as unknown as Parameters<typeof projectTrust>[0];

test('an empty .git folder (a mount target, a stray mkdir) is no repository; git looks further up', () => {
  const outer = join(base, 'outer');
  initGitRepo(outer);
  const inner = join(outer, 'pkg');
  mkdirSync(join(inner, '.git'), { recursive: true });
  assert.equal(findGitRoot(inner), outer);
  const lone = join(base, 'lone');
  mkdirSync(join(lone, 'sub', '.git'), { recursive: true });
  mkdirSync(join(lone, '.git'));
  writeFileSync(join(lone, '.git', 'HEAD'), 'ref: refs/heads/main\n'); // HEAD alone is not enough either
  assert.equal(findGitRoot(join(lone, 'sub')), undefined);
  assert.deepEqual(projectTrust(noToml, join(lone, 'sub')), { root: join(lone, 'sub'), inGit: false });
  if (hasGit) {
    assert.equal(gitToplevel(inner), outer);
    assert.equal(gitToplevel(join(lone, 'sub')), undefined);
  }
});

test('a .git file naming a git directory (worktree, --separate-git-dir) is a repository; a broken one stops the search', () => {
  const real = join(base, 'separate');
  initGitRepo(real); // real/.git is the git directory
  const work = join(base, 'work');
  mkdirSync(join(work, 'src'), { recursive: true });
  writeFileSync(join(work, '.git'), `gitdir: ${join(real, '.git')}\n`);
  assert.equal(findGitRoot(join(work, 'src')), work);
  assert.equal(gitDirAt(work), join(real, '.git'));

  const rel = join(base, 'relative');
  mkdirSync(rel);
  writeFileSync(join(rel, '.git'), 'gitdir: ../separate/.git\n');
  assert.equal(gitDirAt(rel), join(real, '.git'));

  const outer = join(base, 'outer2');
  initGitRepo(outer);
  const broken = join(outer, 'broken');
  mkdirSync(broken);
  writeFileSync(join(broken, '.git'), 'gitdir: /nonexistent/place\n');
  assert.equal(findGitRoot(broken), undefined, 'git stops at an invalid .git file ("not a git repository")');
  writeFileSync(join(broken, '.git'), '');
  assert.equal(findGitRoot(broken), undefined, 'an empty .git file is an invalid gitfile');
  if (hasGit) assert.equal(gitToplevel(broken), undefined);
});

test('a worktree git directory finds objects and refs through commondir', () => {
  const main = join(base, 'main-repo');
  initGitRepo(main);
  const wtGit = join(main, '.git', 'worktrees', 'wt');
  mkdirSync(wtGit, { recursive: true });
  writeFileSync(join(wtGit, 'HEAD'), 'ref: refs/heads/topic\n');
  writeFileSync(join(wtGit, 'commondir'), '../..\n');
  const wt = join(base, 'wt');
  mkdirSync(wt);
  writeFileSync(join(wt, '.git'), `gitdir: ${wtGit}\n`);
  assert.equal(findGitRoot(wt), wt);
});
