// What a review turn sends: the diff bounded at a line end with a note saying
// how much was left out and how to see it; the hints front ends show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundDiff, reviewHint, reviewPrompt } from '../../app/review/prompt.js';

test('a diff within the bound is sent whole, with no note', () => {
  const diff = 'diff --git a/x b/x\n+one\n';
  assert.deepEqual(boundDiff(diff, 100), { text: diff, cut: false, bytes: diff.length });
  const p = reviewPrompt({ type: 'uncommitted' }, diff, 100);
  assert.ok(p.includes(`<diff>\n${diff}</diff>`));
  assert.doesNotMatch(p, /cut/);
});

test('a long diff is cut at a line end within the bound, never inside a character, and the note says how much and how to see it', () => {
  const line = '+ünïcödé line of the diff\n';
  const diff = line.repeat(100);
  const b = boundDiff(diff, 1000);
  assert.equal(b.cut, true);
  assert.ok(Buffer.byteLength(b.text) <= 1000);
  assert.ok(b.text.endsWith('\n'));
  assert.ok(diff.startsWith(b.text));
  assert.equal(b.bytes, Buffer.byteLength(diff));
  const p = reviewPrompt({ type: 'commit', sha: 'abc1234def' }, diff, 1000);
  assert.match(p, new RegExp(`\\[The diff is cut: it shows ${Buffer.byteLength(b.text)} of ${b.bytes} bytes\\. Run \`git show abc1234def\` to see the rest\\.\\]`));
  assert.match(reviewPrompt({ type: 'base_branch', branch: 'main' }, diff, 1000), /Run `git diff \$\(git merge-base HEAD main\)`/);
});

test('hints and scope name the target; custom instructions are in the prompt; an empty diff says so', () => {
  assert.equal(reviewHint({ type: 'uncommitted' }), 'current changes');
  assert.equal(reviewHint({ type: 'base_branch', branch: 'main' }), "changes against 'main'");
  assert.equal(reviewHint({ type: 'commit', sha: '0123456789abcdef', title: 'Fix it' }), 'commit 0123456: Fix it');
  assert.equal(reviewHint({ type: 'custom', instructions: `  ${'x'.repeat(80)}\nmore` }), `${'x'.repeat(59)}…`);
  const p = reviewPrompt({ type: 'custom', instructions: 'Look at error handling' }, '');
  assert.match(p, /instructions for this review:\nLook at error handling/);
  assert.match(p, /\(The diff is empty\.\)/);
});
