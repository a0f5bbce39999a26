// End-to-end tests of the issue-6 interactions with the real CLI
// (dist/codex.js; build first) in a pty against the mock model server: the `@`
// file picker over a live file index, Esc–Esc backtrack (what the model sees
// afterwards) and the approval modal under `-a untrusted`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createWorkspace } from '../support/cli.js';
import type { PtyApp } from '../support/pty.js';
import { assistantTexts, callOutput, e2eFixture, quit, selectedRow, send, userTexts } from './e2e-support.js';

const e2e = e2eFixture();

test('@ picker: a file created after the index was built is found by the next popup (its sweep), an ignored one is not', async () => {
  const { ws, app } = e2e.start();
  writeFileSync(join(ws.repo, '.gitignore'), 'secret-*.txt\nbuild/\n');
  writeFileSync(join(ws.repo, 'notes-old.md'), 'old\n');
  writeFileSync(join(ws.repo, 'secret-old.txt'), 'hidden\n');
  await app.waitForText('Ask Codex');
  app.type('@notes');
  await app.waitForText(/^(› | {2})notes-old\.md/m);
  // The index exists now; files that appear later reach it through the next popup's sweep.
  writeFileSync(join(ws.repo, 'notes-new.md'), 'new\n');
  writeFileSync(join(ws.repo, 'secret-new.txt'), 'hidden\n');
  mkdirSync(join(ws.repo, 'build'));
  writeFileSync(join(ws.repo, 'build', 'notes-built.md'), 'ignored dir\n');
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  app.type('@notes');
  await app.waitForText(/^(› | {2})notes-new\.md/m);
  assert.doesNotMatch(app.screen(), /notes-built/);
  app.key('ctrl+u');
  app.type('@secret');
  await app.waitForText('no matches');
  assert.doesNotMatch(app.screen(), /secret-(old|new)\.txt/);
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
});

test('@ picker run in the directory holding CODEX_HOME: the session log and history codex writes never show, a user file made meanwhile does', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  try {
    // The workspace's root holds CODEX_HOME (home/), as a home directory holds ~/.codex.
    const root = dirname(ws.home);
    ws.writeConfig(`[projects.${JSON.stringify(root)}]\ntrust_level = "trusted"`);
    const { app } = e2e.start([], ws, undefined, { cwd: root });
    await app.waitForText('Ask Codex');
    e2e.mock.push({ output: [{ type: 'text', text: 'streamed answer done', deltas: ['streamed ', 'answer ', 'done'] }], delayMs: 20 });
    await send(app, 'hello');
    await app.waitForText('streamed answer done');
    assert.ok(existsSync(join(ws.home, 'history.jsonl')), 'the session wrote its history inside the tree');
    writeFileSync(join(root, 'notes-user.md'), 'mine\n');
    app.type('@notes');
    await app.waitForText(/^(› | {2})notes-user\.md/m);
    for (const q of ['@rollout', '@history', '@config.toml']) {
      app.key('ctrl+u');
      await app.waitForText('Ask Codex to do anything');
      app.type(q);
      await app.waitForText('no matches');
    }
    app.key('ctrl+u');
    await app.waitForText('Ask Codex to do anything');
    assert.equal(await quit(app), 0);
  } finally {
    ws.cleanup();
  }
});

test('Esc–Esc → Enter forks at an earlier message; the edited message is sent without the dropped turns', async () => {
  const mock = e2e.mock;
  mock.push(
    { output: [{ type: 'text', text: 'reply one' }] },
    { output: [{ type: 'text', text: 'reply two' }] },
    { output: [{ type: 'text', text: 'reply three' }] },
    { output: [{ type: 'text', text: 'reply to the edit' }] },
  );
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  for (const [msg, reply] of [['message one', 'reply one'], ['message two', 'reply two'], ['message three', 'reply three']] as const) {
    await send(app, msg);
    await app.waitForText(reply);
    await app.waitForNoText('Esc to interrupt');
  }
  const before = mock.requests.length;
  app.key('esc');
  await app.waitForText('Esc edit prev');
  app.key('esc');
  // The preview opens on the newest user message; one more Esc steps to the one before it.
  await app.waitForNoText('Ask Codex to do anything');
  await app.waitForScreen(() => selectedRow(app) === '› message three', 'the preview on message three');
  app.key('esc');
  await app.waitForScreen(() => selectedRow(app) === '› message two', 'the preview on message two');
  app.key('enter');
  // The transcript is trimmed before "message two", which is back in the composer.
  await app.waitForNoText('reply two');
  assert.doesNotMatch(app.screen(), /message three|reply three/);
  assert.match(app.screen(), /reply one/);
  await app.waitForText(/─+\n› message two/);
  // The fork's session_configured does not draw the kept conversation a second time.
  const drawnOnce = () => {
    assert.equal(app.screen().match(/› message one/g)?.length, 1, app.screen());
    assert.equal(app.screen().match(/OpenAI Codex/g)?.length, 1, app.screen());
  };
  drawnOnce();
  app.type(' (edited)');
  await app.waitForText('› message two (edited)');
  app.key('enter');
  await app.waitForText('reply to the edit');
  // The reply comes after the fork's session_configured in the event stream, so that one has been drawn by now.
  drawnOnce();
  assert.equal(mock.requests.length, before + 1);
  const req = mock.requests.at(-1)!;
  const users = userTexts(req).filter((t) => t.startsWith('message'));
  assert.deepEqual(users, ['message one', 'message two (edited)']);
  assert.deepEqual(assistantTexts(req), ['reply one']);
  assert.equal(await quit(app), 0);
});

const UNTRUSTED = ['-a', 'untrusted', '--sandbox', 'workspace-write'];
const shell = (call_id: string, command: string[]) =>
  ({ output: [{ type: 'function_call' as const, name: 'shell', arguments: { command }, call_id }] });

test('approval modal: y runs the command, a stops asking for the same command', async () => {
  const mock = e2e.mock;
  mock.push(
    shell('c1', ['touch', 'x']),
    { output: [{ type: 'text', text: 'made x' }] },
    shell('c2', ['touch', 'y']),
    shell('c3', ['touch', 'y']),
    { output: [{ type: 'text', text: 'made y twice' }] },
  );
  const { ws, app } = e2e.start(UNTRUSTED);
  await app.waitForText('Ask Codex');
  await send(app, 'make x');
  await app.waitForText('Would you like to run the following command?');
  assert.match(app.screen(), /\$ touch x/);
  assert.equal(existsSync(join(ws.repo, 'x')), false, 'nothing runs before the decision');
  app.type('y');
  await app.waitForText('made x');
  assert.ok(existsSync(join(ws.repo, 'x')), 'the approved command ran');
  assert.match(app.screen(), /You approved codex to run touch x this time/);
  assert.match(callOutput(mock.requests.at(-1)!, 'c1') ?? '', /"exit_code":0/);

  await send(app, 'make y twice');
  await app.waitForText('Would you like to run the following command?');
  app.type('a');
  await app.waitForText('made y twice');
  assert.match(app.screen(), /You approved codex to run touch y every time this session/);
  assert.doesNotMatch(app.screen(), /Would you like to run/);
  // The second identical call ran without asking (its output reached the model).
  assert.match(callOutput(mock.requests.at(-1)!, 'c3') ?? '', /"exit_code":0/);
  assert.ok(existsSync(join(ws.repo, 'y')));
  assert.equal(await quit(app), 0);
});

for (const key of ['n', 'esc'] as const) {
  test(`approval modal: ${key} refuses and ends the turn; nothing is sent until the user types, and that request carries the refusal`, async () => {
    const mock = e2e.mock;
    mock.push(shell('d1', ['touch', 'z']), { output: [{ type: 'text', text: 'ok, another way' }] });
    const { ws, app } = e2e.start(UNTRUSTED);
    await app.waitForText('Ask Codex');
    await send(app, 'make z');
    await app.waitForText('Would you like to run the following command?');
    const before = mock.requests.length;
    if (key === 'n') app.type('n');
    else app.key('esc');
    await app.waitForText('You canceled the request to run touch z');
    await app.waitForText('Conversation interrupted - tell the model what to do differently');
    // The composer is back and the turn is over: no request went out for the refused call.
    await app.waitForText('Ask Codex to do anything');
    await app.waitForNoText('Esc to interrupt');
    assert.equal(mock.requests.length, before);
    assert.equal(existsSync(join(ws.repo, 'z')), false);
    await send(app, 'call it y instead');
    await app.waitForText('ok, another way');
    assert.equal(mock.requests.length, before + 1);
    const req = mock.requests.at(-1)!;
    assert.equal(callOutput(req, 'd1'), 'exec command rejected by user');
    assert.equal(userTexts(req).at(-1), 'call it y instead');
    assert.equal(await quit(app), 0);
  });
}
