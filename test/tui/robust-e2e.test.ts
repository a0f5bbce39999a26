// End-to-end (real CLI in a pty): what a terminal or a config file may throw
// at the TUI does not stop it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eFixture, quit, send, userTexts } from './e2e-support.js';
import { REPLIES } from './terminal-replies.js';

const e2e = e2eFixture();

test('terminal replies (kitty `ESC [ ? u`, DA, cursor reports, OSC/DCS) keep the TUI running and type nothing', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'still here' }] });
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  app.write('\x1b[?u');
  app.write(REPLIES.join(''));
  app.type('hello');
  await app.waitForText('› hello');
  assert.doesNotMatch(app.screen(), /rgb:|62;|xterm\(|\?u/);
  app.key('enter');
  await app.waitForText('still here');
  assert.equal(userTexts(e2e.mock.requests.at(-1)!).at(-1), 'hello');
  assert.equal(await quit(app), 0);
});

test('a [tui.keymap] typo and a missing theme file are warnings in the transcript; the defaults apply', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'answered' }] });
  const { app } = e2e.start([], undefined, { trust: 'trusted', config: '[tui]\ntheme = "no-such-theme.json"\n[tui.keymap]\nsubmitt = "ctrl+j"\n' });
  await app.waitForText('tui.keymap.submitt: unknown action (ignored)');
  await app.waitForText(/tui\.theme: cannot read .*no-such-theme\.json: ENOENT/);
  await app.waitForText('"dark" applies)');
  await send(app, 'hello');
  await app.waitForText('answered');
  assert.equal(userTexts(e2e.mock.requests.at(-1)!).at(-1), 'hello');
  assert.equal(await quit(app), 0);
});

test('a window shrunk to 20×5 and restored before codex reads its size (the SIGWINCH handled late) is drawn anew', async () => {
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  app.type('hello');
  const before = await app.waitForText('› hello');
  // Stopped, codex handles the signal only once the size is back: the same
  // size as before, but the terminal cut the screen to 20×5 meanwhile.
  const pid = app.pid();
  process.kill(pid, 'SIGSTOP');
  try {
    app.resize(20, 5);
    app.resize(100, 30);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await app.waitForScreen((s) => s === before, `the screen as before:\n${before}`);
  app.key('ctrl+u');
  await app.waitForText('› Ask Codex');
  assert.equal(await quit(app), 0);
});
