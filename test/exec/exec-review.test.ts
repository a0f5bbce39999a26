// codex exec review end to end: the real CLI against the scripted model in a
// real git repository. The review request carries the target's diff and the
// findings are the run's stdout; a bad combination of flags is a usage error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCodex, type Workspace } from '../support/cli.js';
import { hasGit } from '../git/support.js';
import { messageTexts, scenario } from './support.js';

const skip = hasGit ? false : 'git is not installed';
const FINDINGS = '- [P1] greet.py:1 prints to stderr instead of stdout.\n\nVerdict: needs changes';

function git(ws: Workspace, ...args: string[]): string {
  return execFileSync('git', ['-C', ws.repo, ...args], { encoding: 'utf8' });
}

/** A committed file, a branch `base` at that commit, then a second commit on main and uncommitted work. */
function repo(ws: Workspace): void {
  rmSync(join(ws.repo, '.git'), { recursive: true, force: true });
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'config', 'user.email', 't@example.com');
  git(ws, 'config', 'user.name', 't');
  writeFileSync(join(ws.repo, 'greet.py'), 'print("hello")\n');
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'first');
  git(ws, 'branch', 'base');
  writeFileSync(join(ws.repo, 'greet.py'), 'print("hello, committed")\n');
  git(ws, 'commit', '-q', '-am', 'Second commit title');
  writeFileSync(join(ws.repo, 'greet.py'), 'import sys\nprint("hello", file=sys.stderr)\n');
  writeFileSync(join(ws.repo, 'notes.txt'), 'untracked notes\n');
}

const lastUserText = (texts: string[]) => texts.filter((t) => t.startsWith('user: ')).at(-1) ?? '';

test('exec review --uncommitted: the request carries the working tree diff with untracked files; the findings are stdout, exit 0', { skip }, () =>
  scenario([{ output: [{ type: 'text', text: FINDINGS }] }], async (mock, ws) => {
    repo(ws);
    const r = await runCodex(ws, ['exec', 'review', '--uncommitted']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${FINDINGS}\n`);
    assert.match(r.stderr, />> Code review started: current changes <</);
    const prompt = lastUserText(messageTexts(mock.requests[0]!.body.input));
    assert.match(prompt, /uncommitted work in this repository/);
    assert.match(prompt, /^-print\("hello, committed"\)$/m);
    assert.match(prompt, /^\+print\("hello", file=sys.stderr\)$/m);
    assert.match(prompt, /^\+untracked notes$/m);
    // The conversation has no copy of the diff, only the review's outcome (for a follow-up).
    assert.equal(mock.requests.length, 1);
  }));

test('exec review --base and --commit review the merge-base diff and the commit', { skip }, () =>
  scenario([{ output: [{ type: 'text', text: 'No findings.' }] }, { output: [{ type: 'text', text: 'Nothing.' }] }], async (mock, ws) => {
    repo(ws);
    const base = await runCodex(ws, ['exec', 'review', '--base', 'base']);
    assert.equal(base.code, 0, base.stderr);
    assert.equal(base.stdout, 'No findings.\n');
    const p1 = lastUserText(messageTexts(mock.requests[0]!.body.input));
    assert.match(p1, /merge base with 'base'/);
    assert.match(p1, /^-print\("hello"\)$/m);
    const sha = git(ws, 'rev-parse', 'HEAD').trim();
    const commit = await runCodex(ws, ['exec', 'review', '--commit', sha, '--title', 'Second commit title']);
    assert.equal(commit.code, 0, commit.stderr);
    assert.match(commit.stderr, new RegExp(`Code review started: commit ${sha.slice(0, 7)}: Second commit title`));
    const p2 = lastUserText(messageTexts(mock.requests[1]!.body.input));
    assert.match(p2, /^\+print\("hello, committed"\)$/m);
    assert.doesNotMatch(p2, /file=sys.stderr/);
  }));

test('exec review with custom instructions; usage errors exit 2; nothing to review exits 1 without a request', { skip }, () =>
  scenario([{ output: [{ type: 'text', text: 'Checked the greeting.' }] }], async (mock, ws) => {
    repo(ws);
    const custom = await runCodex(ws, ['exec', 'review', 'Focus on the output stream']);
    assert.equal(custom.code, 0, custom.stderr);
    assert.match(lastUserText(messageTexts(mock.requests[0]!.body.input)), /instructions for this review:\nFocus on the output stream/);
    const none = await runCodex(ws, ['exec', 'review']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Specify --uncommitted, --base, --commit, or provide custom review instructions/);
    const both = await runCodex(ws, ['exec', 'review', '--uncommitted', 'also this']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /'--uncommitted' cannot be used with '\[PROMPT\]'/);
    git(ws, 'add', '-A');
    git(ws, 'commit', '-q', '-m', 'all');
    const clean = await runCodex(ws, ['exec', 'review', '--uncommitted']);
    assert.equal(clean.code, 1);
    assert.match(clean.stderr, /Nothing to review: there are no uncommitted changes/);
    assert.equal(mock.requests.length, 1);
  }));
