// End-to-end: the trust screen with the real CLI (dist/codex.js; build first)
// in a pty, in workspaces whose trust was never decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eFixture, quit, send } from './e2e-support.js';

const e2e = e2eFixture();
const undecided = { trust: undefined };
/** The screen as one line: wrapped text reads as it was written. */
const flat = (screen: string): string => screen.replace(/\s+/g, ' ');

test('an undecided git repository: the trust screen, 1 trusts it (recorded), the session runs workspace-write / on-request; the next start skips the screen', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'working in a trusted repo' }] });
  const { ws, app } = e2e.start([], undefined, undecided);
  const file = join(ws.home, 'config.toml');
  const original = readFileSync(file, 'utf8');
  const screen = await app.waitForText('> You are running Codex in ~/repo');
  assert.match(flat(screen), /Since this folder is version controlled, you may wish to allow Codex to work in this folder without asking for approval\./);
  assert.match(screen, /› 1\. Yes, allow Codex to work in this folder without asking for approval/);
  assert.match(screen, / {2}2\. No, ask me to approve edits and commands/);
  assert.doesNotMatch(screen, /Ask Codex to do anything/);
  app.write('1');
  await app.waitForText('Ask Codex to do anything');
  await app.waitForText('sandbox workspace-write · approval on-request');
  // Appended after one blank line; everything before it is the file as it was.
  assert.equal(readFileSync(file, 'utf8'), `${original.replace(/\n*$/, '\n\n')}[projects.${JSON.stringify(ws.repo)}]\ntrust_level = "trusted"\n`);
  await send(app, 'hello');
  await app.waitForText('working in a trusted repo');
  assert.match(JSON.stringify(e2e.mock.requests.at(-1)!.body), /workspace-write/);
  assert.equal(await quit(app), 0);

  const again = e2e.start([], ws).app;
  await again.waitForText('Ask Codex to do anything');
  await again.waitForText('sandbox workspace-write · approval on-request');
  assert.doesNotMatch(again.output(), /You are running Codex in/);
  assert.equal(await quit(again), 0);
});

test('outside git: No is selected first; Enter records "untrusted" and starts read-only / untrusted', async () => {
  const { ws, app } = e2e.start([], undefined, { ...undecided, git: false });
  const screen = await app.waitForScreen((s) => flat(s).includes('we recommend requiring approval of all edits and commands'), 'the non-git explanation');
  assert.match(screen, /› 2\. No, ask me to approve edits and commands/);
  app.key('enter');
  await app.waitForText('sandbox read-only · approval untrusted');
  assert.match(readFileSync(join(ws.home, 'config.toml'), 'utf8'), new RegExp(`\\[projects\\.${JSON.stringify(ws.repo).replace(/[/.]/g, '\\$&')}\\]\ntrust_level = "untrusted"\n$`));
  assert.equal(await quit(app), 0);
});

test('Ctrl+C on the trust screen quits without a session; -s or -a skip the screen and record nothing', async () => {
  const { ws, app } = e2e.start([], undefined, undecided);
  await app.waitForText('You are running Codex in');
  app.key('ctrl+c');
  assert.equal(await app.exited(), 0);
  assert.doesNotMatch(app.output(), /To continue this session/);
  const original = readFileSync(join(ws.home, 'config.toml'), 'utf8');
  assert.doesNotMatch(original, /projects/);

  for (const flags of [['-s', 'read-only'], ['-a', 'never']]) {
    const direct = e2e.start(flags, ws).app;
    await direct.waitForText('Ask Codex to do anything');
    assert.doesNotMatch(direct.output(), /You are running Codex in/);
    assert.equal(await quit(direct), 0);
  }
  assert.equal(readFileSync(join(ws.home, 'config.toml'), 'utf8'), original);
});
