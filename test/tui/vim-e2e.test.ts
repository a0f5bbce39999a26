// End-to-end: vim mode in the real CLI (dist/codex.js; build first) in a pty
// against the mock model server (issue 15 item 4): `[tui] vim = true` starts
// in normal mode, `ihello<Esc>0dwitest<Esc>` leaves `test`, which is what the
// model receives; /vim toggles it; the footer names the mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eFixture, quit, userTexts } from './e2e-support.js';
import type { PtyApp } from '../support/pty.js';

const e2e = e2eFixture();

/** The footer row (the screen's last non-empty line). */
const footer = (app: PtyApp): string => app.screen().trimEnd().split('\n').at(-1) ?? '';

/** Esc, then waits until normal mode shows (an Esc followed at once by a key would read as Alt+key). */
async function esc(app: PtyApp): Promise<void> {
  app.key('esc');
  await app.waitForScreen(() => /^\s*NORMAL/.test(footer(app)), 'NORMAL in the footer');
}

test('[tui] vim = true: ihello<Esc>0dwitest<Esc> leaves "test", which Enter sends', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'vim ok' }] });
  const { app } = e2e.start(['-c', 'tui.vim=true']);
  await app.waitForText('Ask Codex');
  await app.waitForScreen(() => /^\s*NORMAL/.test(footer(app)), 'NORMAL in the footer');
  app.type('i');
  await app.waitForScreen(() => /^\s*INSERT/.test(footer(app)), 'INSERT in the footer');
  app.type('hello');
  await app.waitForText('› hello');
  await esc(app);
  app.type('0dw');
  await app.waitForText('› Ask Codex to do anything');
  app.type('itest');
  await app.waitForText('› test');
  await esc(app);
  app.key('enter');
  await app.waitForText('vim ok');
  assert.equal(userTexts(e2e.mock.requests.at(-1)!).at(-1), 'test');
  assert.equal(await quit(app), 0);
});

test('/vim turns vim mode on and off', async () => {
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  app.type('/vim');
  await app.waitForText('› /vim');
  app.key('enter');
  await app.waitForText('Vim mode on');
  await app.waitForScreen(() => /^\s*NORMAL/.test(footer(app)), 'NORMAL in the footer');
  app.type('xyz');
  app.type('i/vim');
  await app.waitForText('› /vim');
  app.key('enter');
  await app.waitForText('Vim mode off');
  await app.waitForScreen(() => !/NORMAL|INSERT/.test(footer(app)), 'no mode in the footer');
  assert.equal(await quit(app), 0);
});
