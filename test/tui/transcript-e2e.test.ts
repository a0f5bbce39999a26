// End-to-end (the real CLI in a pty against the mock model server): what the
// transcript keeps reachable. A command's cell shows its last lines; Ctrl+T's
// transcript view shows every line of its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eFixture, quit, send } from './e2e-support.js';

const e2e = e2eFixture();

const shell = (call_id: string, script: string) =>
  ({ output: [{ type: 'function_call' as const, name: 'shell', arguments: { command: ['bash', '-lc', script] }, call_id }] });

test('Ctrl+T shows line 10 of a 40-line command output that the live cell cut to its tail', async () => {
  e2e.mock.push(shell('c1', 'seq -f "out %g" 40'), { output: [{ type: 'text', text: 'counted to forty' }] });
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  await send(app, 'count to forty');
  await app.waitForText('counted to forty');
  await app.waitForNoText('Esc to interrupt');
  // The live transcript: the last lines and how many are above them.
  assert.match(app.screen(), /… \+35 lines/);
  assert.match(app.screen(), /out 40/);
  assert.doesNotMatch(app.screen(), /out 10\b/);
  app.key('ctrl+t');
  await app.waitForText(/─ Transcript ─/);
  // The view opens at the end; Home goes to the top, where the command's output starts.
  app.key('home');
  await app.waitForText(/^ {4}out 10$/m);
  assert.match(app.screen(), /^ {2}└ out 1$/m);
  assert.doesNotMatch(app.screen(), /… \+35 lines/);
  app.type('q');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
});
