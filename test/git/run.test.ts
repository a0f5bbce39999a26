// Host-side git (/diff) must not run programs named by files the agent could
// have written: a repository's fsmonitor, textconv and external-diff settings,
// and GIT_* variables in codex's own environment. Real git, real repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gitArgs, gitEnv } from '../../app/git/run.js';
import { workingTreeDiff } from '../../app/review/diff.js';
import { hasGit } from './support.js';

const skip = hasGit ? false : 'git is not installed';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'codex-gitrun-')));
after(() => rmSync(base, { recursive: true, force: true }));

/** A repository with one committed file changed in the work tree, and a program that leaves `marker` when run. */
function repoWithTrap(name: string): { repo: string; marker: string; trap: string } {
  const repo = join(base, name);
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { stdio: 'ignore' });
  execFileSync('git', ['init', '-q', repo]);
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  writeFileSync(join(repo, 'a.txt'), 'one\n');
  git('add', 'a.txt');
  git('commit', '-q', '-m', 'one');
  writeFileSync(join(repo, 'a.txt'), 'two\n');
  const marker = join(base, `${name}.ran`);
  const trap = join(base, `${name}-trap.sh`);
  writeFileSync(trap, `#!/bin/sh\necho ran >> ${marker}\ncat "$1" 2>/dev/null\n`);
  chmodSync(trap, 0o755);
  return { repo, marker, trap };
}

test('a repository that names fsmonitor, textconv and external diff programs: /diff runs none of them', { skip }, async () => {
  const { repo, marker, trap } = repoWithTrap('repo-config');
  const set = (k: string, v: string) => execFileSync('git', ['-C', repo, 'config', k, v]);
  set('core.fsmonitor', trap);
  set('diff.external', trap);
  set('diff.conv.textconv', trap);
  writeFileSync(join(repo, '.gitattributes'), '*.txt diff=conv\n');
  const diff = await workingTreeDiff(repo);
  assert.match(diff ?? '', /-one\n\+two/);
  assert.equal(existsSync(marker), false, 'a program from the repository config ran');
});

test("GIT_* variables in codex's environment do not reach git", { skip }, async () => {
  const { repo, marker, trap } = repoWithTrap('env');
  const saved = { ...process.env };
  Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: trap, GIT_EXTERNAL_DIFF: trap });
  try {
    assert.match((await workingTreeDiff(repo)) ?? '', /-one\n\+two/);
  } finally {
    for (const k of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'GIT_EXTERNAL_DIFF']) delete process.env[k];
    Object.assign(process.env, saved);
  }
  assert.equal(existsSync(marker), false, 'a program named in GIT_* ran');
});

test('the hardening comes first and drops GIT_*', () => {
  const args = gitArgs(['status']);
  assert.deepEqual(args.slice(0, 3), ['--no-pager', '-c', 'core.fsmonitor=false']);
  assert.ok(args.includes('core.hooksPath=/dev/null'));
  assert.equal(args.at(-1), 'status');
  assert.deepEqual(gitEnv({ PATH: '/bin', GIT_DIR: '/x', GIT_SSH_COMMAND: 'evil' }), { PATH: '/bin', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' });
});
