// End-to-end test of talking to a running turn with the real CLI
// (dist/codex.js; build first) in a pty against the mock model server: Enter
// steers (the running turn's next request carries the message), Tab queues a
// follow-up that starts its own turn when the running one ends, Alt+Up takes
// a queued one back into the composer. Request bodies are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callOutput, e2eFixture, quit, send, userTexts } from './e2e-support.js';

const e2e = e2eFixture();
const ALT_UP = '\x1b[1;3A';

test('Enter while a turn runs steers it; Tab queues a follow-up for its own turn; Alt+Up takes one back', async () => {
  const mock = e2e.mock;
  // The command holds the turn open until the test writes `go` (bounded: 20 s).
  const wait = 'for i in $(seq 400); do [ -f go ] && exit 0; sleep 0.05; done; exit 1';
  mock.push(
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['bash', '-c', wait] }, call_id: 'w1' }] },
    { output: [{ type: 'text', text: 'saw the steer' }] },
    { output: [{ type: 'text', text: 'did the follow-up' }] },
  );
  const { ws, app } = e2e.start();
  await app.waitForText('Ask Codex');
  const first = mock.requests.length;
  await send(app, 'start the work');
  await app.waitForText(/Running|for i in/);
  await app.waitForText('Esc to interrupt');

  await send(app, 'also mind the tests');
  await app.waitForText('↳ also mind the tests');
  app.type('then write the changelog');
  await app.waitForText('› then write the changelog');
  app.key('tab');
  await app.waitForText('⇥ then write the changelog');
  app.type('never mind this one');
  await app.waitForText('› never mind this one');
  app.key('tab');
  await app.waitForText('⇥ never mind this one');
  // Taken back before it was sent: it is a draft again, and it goes nowhere.
  app.write(ALT_UP);
  await app.waitForText('› never mind this one');
  await app.waitForNoText('⇥ never mind this one');
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(mock.requests.length, first + 1, 'nothing is sent while the command runs');

  writeFileSync(join(ws.repo, 'go'), '');
  await app.waitForText('did the follow-up');
  await app.waitForNoText('Esc to interrupt');
  assert.equal(mock.requests.length, first + 3);
  const [, steered, followUp] = mock.requests.slice(first);
  // The steered message reached the running turn: its next request answers the command and carries it.
  assert.match(callOutput(steered!, 'w1') ?? '', /"exit_code":0/);
  assert.deepEqual(userTexts(steered!).filter((t) => !t.startsWith('<')), ['start the work', 'also mind the tests']);
  // The queued one waited for that turn to end and started its own.
  assert.deepEqual(userTexts(followUp!).filter((t) => !t.startsWith('<')), ['start the work', 'also mind the tests', 'then write the changelog']);
  assert.doesNotMatch(JSON.stringify(mock.requests.map((r) => r.body)), /never mind this one/);
  assert.equal(await quit(app), 0);
});
