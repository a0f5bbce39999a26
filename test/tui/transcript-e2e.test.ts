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

test('PgUp shows the scrolled-up marker, the key it names returns to the latest; the draft stays', async () => {
  const long = Array.from({ length: 60 }, (_, i) => `row ${i + 1} of a long answer`).join('\n\n');
  e2e.mock.push({ output: [{ type: 'text', text: long }] });
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  await send(app, 'write a long answer');
  await app.waitForText('row 60 of a long answer');
  await app.waitForNoText('Esc to interrupt');
  assert.doesNotMatch(app.screen(), /to jump to the latest/);
  app.key('pageup');
  const marker = /↓ (\d+) more lines · ⌃End to jump to the latest/;
  await app.waitForText(marker);
  assert.doesNotMatch(app.screen(), /row 60 of a long answer/);
  app.type('draft');
  await app.waitForText('› draft');
  assert.match(app.screen(), marker, 'typing does not leave the place');
  app.key('ctrl+end');
  await app.waitForNoText(/to jump to the latest/);
  assert.match(app.screen(), /row 60 of a long answer/);
  assert.match(app.screen(), /› draft/);
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
});

test('dragging with the left button over the transcript copies the text (OSC 52), no Shift needed', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'copy this sentence please' }] });
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  await send(app, 'say something to copy');
  await app.waitForText('copy this sentence please');
  await app.waitForNoText('Esc to interrupt');
  const rows = app.screen().split('\n');
  const y = rows.findIndex((r) => r.startsWith('• copy this sentence please')) + 1;
  // SGR reports, 1-based cells: press on "copy" (column 3), drag to the end of "sentence" (column 20), release.
  app.write(`\x1b[<0;3;${y}M\x1b[<32;10;${y}M\x1b[<32;20;${y}M\x1b[<0;20;${y}m`);
  await app.waitForText('Copied 18 characters');
  const osc = /\x1b\]52;c;([A-Za-z0-9+/=]+)\x07/.exec(app.output());
  assert.ok(osc, 'an OSC 52 sequence was written');
  assert.equal(Buffer.from(osc[1]!, 'base64').toString('utf8'), 'copy this sentence');
  assert.equal(await quit(app), 0);
});
