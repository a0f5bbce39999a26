// Checkpoints and /review through the real CLI (dist/codex.js; build first) in
// a pty, against the scripted model: /undo after a patch puts the file back
// byte for byte (BOM and CRLF kept) in and outside a git repository, refuses
// when the user edited the file since, and the model's next request says what
// was undone; Esc–Esc with "restore files" puts the tree back to that turn;
// /review on a dirty tree sends the diff and shows the findings in their own
// cell, and the conversation goes on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '../support/cli.js';
import { hasGit } from '../git/support.js';
import { command, e2eFixture, quit, selectedRow, send, userTexts } from './e2e-support.js';

const e2e = e2eFixture();
const skipGit = hasGit ? false : 'git is not installed';
const ORIGINAL = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('first line\r\nsecond line\r\n')]);
const WRITE = ['-s', 'workspace-write', '-a', 'on-request'];

const spaces: Workspace[] = [];
after(() => spaces.forEach((w) => w.cleanup()));

/** A trusted workspace holding notes.txt (BOM, CRLF); a real git repository with it committed unless `git` is false. */
function workspace(git: boolean): Workspace {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted', git });
  spaces.push(ws);
  writeFileSync(join(ws.repo, 'notes.txt'), ORIGINAL);
  if (git) {
    rmSync(join(ws.repo, '.git'), { recursive: true, force: true });
    const run = (...a: string[]) => execFileSync('git', ['-C', ws.repo, ...a], { stdio: 'ignore' });
    run('init', '-q');
    run('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'empty');
    run('add', 'notes.txt');
    run('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'notes');
  }
  return ws;
}

const patchTurn = (callId: string, body: string) => ({
  output: [{ type: 'custom_tool_call' as const, name: 'apply_patch', call_id: callId, input: `*** Begin Patch\n${body}*** End Patch\n` }],
});
const EDIT = '*** Update File: notes.txt\n@@\n-second line\n+second line, edited by codex\n*** Add File: added.txt\n+new file\n';

for (const git of [true, false]) {
  test(`/undo after a patch ${git ? 'in a git repository' : 'outside git'}: the file comes back byte for byte, the added one goes, the model is told`, { skip: git && skipGit }, async () => {
    e2e.mock.push(patchTurn('p1', EDIT), { output: [{ type: 'text', text: 'Edited the notes.' }] }, { output: [{ type: 'text', text: 'Understood.' }] });
    const ws = workspace(git);
    const { app } = e2e.start(WRITE, ws);
    await app.waitForText('Ask Codex to do anything');
    await send(app, 'edit the notes');
    await app.waitForText('Edited the notes.');
    await app.waitForNoText('Esc to interrupt');
    assert.match(readFileSync(join(ws.repo, 'notes.txt'), 'utf8'), /edited by codex\r\n/);
    await command(app, '/undo');
    await app.waitForText('Undo: restored added.txt, notes.txt');
    assert.deepEqual(readFileSync(join(ws.repo, 'notes.txt')), ORIGINAL);
    assert.equal(existsSync(join(ws.repo, 'added.txt')), false);
    await command(app, '/undo');
    await app.waitForText('Nothing to undo');
    const before = e2e.mock.requests.length;
    await send(app, 'what now?');
    await app.waitForText('Understood.');
    const note = userTexts(e2e.mock.requests[before]!).find((t) => t.startsWith('<user_action>'));
    assert.match(note ?? '', /undid the file changes .*: added\.txt, notes\.txt are back/);
    assert.equal(await quit(app), 0);
  });
}

test('/undo refuses, naming the file, when the user edited it after the agent did', async () => {
  e2e.mock.push(patchTurn('p2', EDIT), { output: [{ type: 'text', text: 'Edited again.' }] });
  const ws = workspace(false);
  const { app } = e2e.start(WRITE, ws);
  await app.waitForText('Ask Codex to do anything');
  await send(app, 'edit the notes');
  await app.waitForText('Edited again.');
  await app.waitForNoText('Esc to interrupt');
  writeFileSync(join(ws.repo, 'notes.txt'), 'my own edit\n');
  await command(app, '/undo');
  await app.waitForText(/Not undone: these files were changed after Codex changed them: notes\.txt/);
  assert.equal(readFileSync(join(ws.repo, 'notes.txt'), 'utf8'), 'my own edit\n');
  assert.equal(existsSync(join(ws.repo, 'added.txt')), true, 'a refused undo removed the added file');
  assert.equal(await quit(app), 0);
});

test('Esc–Esc → Enter → "Restore conversation and files" puts the files back to that turn', { skip: skipGit }, async () => {
  e2e.mock.push(
    { output: [{ type: 'text', text: 'reply one' }] },
    patchTurn('p3', EDIT), { output: [{ type: 'text', text: 'reply two' }] },
    patchTurn('p4', '*** Update File: added.txt\n@@\n-new file\n+newer file\n'), { output: [{ type: 'text', text: 'reply three' }] },
  );
  const ws = workspace(true);
  const { app } = e2e.start(WRITE, ws);
  await app.waitForText('Ask Codex to do anything');
  for (const [msg, reply] of [['message one', 'reply one'], ['message two', 'reply two'], ['message three', 'reply three']] as const) {
    await send(app, msg);
    await app.waitForText(reply);
    await app.waitForNoText('Esc to interrupt');
  }
  assert.equal(readFileSync(join(ws.repo, 'added.txt'), 'utf8'), 'newer file\n');
  app.key('esc');
  await app.waitForText('Esc edit prev');
  app.key('esc');
  await app.waitForScreen(() => selectedRow(app) === '› message three', 'the preview on message three');
  app.key('esc'); // back to "message two": the turns of messages two and three go
  await app.waitForScreen(() => selectedRow(app) === '› message two', 'the preview on message two');
  app.key('enter');
  await app.waitForText('Restore conversation and files');
  app.key('enter');
  await app.waitForText('Undo: restored added.txt, notes.txt');
  assert.deepEqual(readFileSync(join(ws.repo, 'notes.txt')), ORIGINAL);
  assert.equal(existsSync(join(ws.repo, 'added.txt')), false);
  assert.doesNotMatch(app.screen(), /reply two/);
  // The chosen message is back in the composer, to edit and send again.
  await app.waitForText(/─+\n› message two/);
  app.key('ctrl+c');
  assert.equal(await quit(app), 0);
});

test('/review on a dirty tree: the diff goes to the model, the findings show in their own cell, the conversation goes on', { skip: skipGit }, async () => {
  const findings = '- [P1] notes.txt:2 the second line lost its CRLF.\n\nVerdict: needs changes';
  e2e.mock.push({ output: [{ type: 'text', text: findings }] }, { output: [{ type: 'text', text: 'I will fix it.' }] });
  const ws = workspace(true);
  writeFileSync(join(ws.repo, 'notes.txt'), 'first line\nsecond line changed\n');
  const { app } = e2e.start(WRITE, ws);
  await app.waitForText('Ask Codex to do anything');
  const before = e2e.mock.requests.length;
  await command(app, '/review');
  await app.waitForText('Select a review preset');
  app.key('enter'); // Review uncommitted changes
  await app.waitForText('Code review: current changes');
  await app.waitForText('Verdict: needs changes');
  const prompt = userTexts(e2e.mock.requests[before]!).at(-1) ?? '';
  assert.match(prompt, /^\+second line changed$/m);
  assert.match(prompt, /^-second line\r?$/m);
  await app.waitForNoText('Esc to interrupt');
  await send(app, 'fix it');
  await app.waitForText('I will fix it.');
  const next = e2e.mock.requests[before + 1]!;
  // The follow-up sees the review's findings, not its diff.
  assert.ok(userTexts(next).some((t) => t.includes('ran a code review of current changes')));
  assert.ok(!userTexts(next).some((t) => t.includes('<diff>')));
  assert.equal(await quit(app), 0);
});
