import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { instructionFiles, projectDocDirs, userInstructions, userInstructionsMessage } from '../../app/agent/agents-md.js';
import { initGitRepo } from '../support/cli.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-agents-')));
after(() => rmSync(root, { recursive: true, force: true }));

function layout() {
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  const sub = join(repo, 'pkg', 'sub');
  mkdirSync(home, { recursive: true });
  initGitRepo(repo);
  mkdirSync(sub, { recursive: true });
  return { home, repo, sub };
}

test('docs are read from the git root down to the cwd and joined', () => {
  const { home, repo, sub } = layout();
  writeFileSync(join(repo, 'AGENTS.md'), 'root rules');
  writeFileSync(join(repo, 'pkg', 'AGENTS.md'), '   \n'); // empty: skipped
  writeFileSync(join(sub, 'AGENTS.md'), 'sub rules');
  assert.deepEqual(projectDocDirs(sub), [repo, join(repo, 'pkg'), sub]);
  const opts = { codexHome: home, cwd: sub, maxBytes: 32768, fallbackFilenames: [] };
  assert.equal(userInstructions(opts), 'root rules\n\nsub rules');
  writeFileSync(join(home, 'AGENTS.md'), '\n global \n');
  assert.equal(userInstructions(opts), 'global\n\n--- project-doc ---\n\nroot rules\n\nsub rules');
  assert.equal(userInstructions({ ...opts, maxBytes: 0 }), 'global');
  // The budget truncates the last doc read.
  assert.equal(userInstructions({ ...opts, codexHome: join(root, 'none'), maxBytes: 14 }), 'root rules\n\nsub ');
  rmSync(join(home, 'AGENTS.md'));
});

test('AGENTS.override.md wins, fallbacks apply, outside git only the cwd is searched', () => {
  const plain = join(root, 'plain', 'deeper');
  mkdirSync(plain, { recursive: true });
  writeFileSync(join(root, 'plain', 'AGENTS.md'), 'parent (not read)');
  writeFileSync(join(plain, 'CLAUDE.md'), 'fallback');
  const opts = { codexHome: join(root, 'none'), cwd: plain, maxBytes: 1000, fallbackFilenames: ['CLAUDE.md'] };
  assert.deepEqual(projectDocDirs(plain), [plain]);
  assert.equal(userInstructions(opts), 'fallback');
  writeFileSync(join(plain, 'AGENTS.override.md'), 'override');
  assert.equal(userInstructions(opts), 'override');
  assert.equal(userInstructions({ ...opts, fallbackFilenames: [] }), 'override');
  assert.equal(userInstructionsMessage('x'), '<user_instructions>\n\nx\n\n</user_instructions>');
});

test('instructionFiles lists what a session reads: the global file, then each directory\'s doc', () => {
  const base = join(root, 'files');
  const home = join(base, 'home');
  const repo = join(base, 'repo');
  const sub = join(repo, 'a', 'b');
  mkdirSync(home, { recursive: true });
  initGitRepo(repo);
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(repo, 'AGENTS.md'), 'root');
  writeFileSync(join(repo, 'a', 'AGENTS.override.md'), 'override');
  writeFileSync(join(repo, 'a', 'AGENTS.md'), 'shadowed by the override');
  writeFileSync(join(sub, 'TEAM.md'), 'fallback');
  const opts = { codexHome: home, cwd: sub, maxBytes: 32768, fallbackFilenames: ['TEAM.md'] };
  assert.deepEqual(instructionFiles(opts), [join(repo, 'AGENTS.md'), join(repo, 'a', 'AGENTS.override.md'), join(sub, 'TEAM.md')]);
  writeFileSync(join(home, 'AGENTS.md'), 'global');
  assert.deepEqual(instructionFiles({ ...opts, maxBytes: 0 }), [join(home, 'AGENTS.md')]);
});

test('the global AGENTS.md is bounded like project docs, and a file with NUL bytes is skipped', () => {
  const home = join(root, 'home-big');
  const cwd = join(root, 'no-docs');
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(home, 'AGENTS.md'), 'g'.repeat(100_000));
  assert.equal(userInstructions({ codexHome: home, cwd, maxBytes: 1000, fallbackFilenames: [] })?.length, 1000);
  assert.equal(userInstructions({ codexHome: home, cwd, maxBytes: 0, fallbackFilenames: [] })?.length, 32 * 1024);
  writeFileSync(join(home, 'AGENTS.md'), 'rules\0\0\0\0');
  writeFileSync(join(cwd, 'AGENTS.md'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
  assert.equal(userInstructions({ codexHome: home, cwd, maxBytes: 1000, fallbackFilenames: [] }), undefined);
});
