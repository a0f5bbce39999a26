// End-to-end tests of sessions by last use with the real CLI (dist/codex.js;
// build first) in a pty against the mock model server: `resume --last` (TUI
// and exec) picks the session used last, not the one started last; /fork
// leaves two resumable sessions, /rename titles one, and /resume's picker
// filters as you type and switches the app to the chosen session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCodex, type Workspace } from '../support/cli.js';
import type { PtyApp } from '../support/pty.js';
import { e2eFixture, quit, send, userTexts } from './e2e-support.js';

const e2e = e2eFixture();
const reply = (text: string) => ({ output: [{ type: 'text' as const, text }] });

/** Quits and returns the id the exit line offers to resume. */
async function quitWithId(app: PtyApp): Promise<string> {
  assert.equal(await quit(app), 0);
  const m = /To continue this session, run codex resume (\S+)/.exec(app.output());
  assert.ok(m, app.output().slice(-500));
  return m[1]!;
}

async function converse(ws: Workspace | undefined, args: string[], message: string, answer: string): Promise<{ ws: Workspace; id: string }> {
  const started = e2e.start(args, ws);
  await started.app.waitForText('Ask Codex');
  await send(started.app, message);
  await started.app.waitForText(answer);
  return { ws: started.ws, id: await quitWithId(started.app) };
}

test('resume --last picks the session resumed and continued last, not the one started last (TUI and exec)', async () => {
  const mock = e2e.mock;
  mock.push(reply('reply alpha'), reply('reply beta'), reply('reply alpha again'), reply('reply from exec'));
  const { ws, id: alpha } = await converse(undefined, [], 'alpha question', 'reply alpha');
  const { id: beta } = await converse(ws, [], 'beta question', 'reply beta');
  assert.notEqual(alpha, beta);
  // The older session, resumed by id and continued: it is now the one used last.
  assert.equal((await converse(ws, ['resume', alpha], 'alpha again', 'reply alpha again')).id, alpha);

  const { app } = e2e.start(['resume', '--last'], ws);
  await app.waitForText('reply alpha again');
  assert.match(app.screen(), /alpha question/);
  assert.doesNotMatch(app.screen(), /beta question/);
  assert.equal(await quitWithId(app), alpha);

  const r = await runCodex(ws, ['exec', 'resume', '--last', 'and from exec']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /reply from exec/);
  const users = userTexts(mock.requests.at(-1)!).filter((t) => !t.startsWith('<'));
  assert.deepEqual(users, ['alpha question', 'alpha again', 'and from exec']);
});

test('/fork leaves two sessions in the /resume picker; /rename (with a name, then in its prompt) titles one; the picker filters and switches the app', async () => {
  const mock = e2e.mock;
  mock.push(reply('first answer'));
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  await send(app, 'original question');
  await app.waitForText('first answer');
  await send(app, '/fork');
  const forked = /Forked: this conversation now continues as session (\S+); the original stays resumable \(codex resume (\S+)\)/;
  const joined = (screen: string) => screen.replace(/\s*\n\s*/g, ' ');
  const [, fork, original] = forked.exec(joined(await app.waitForScreen((s) => forked.test(joined(s)), 'the fork notice')))!;
  assert.notEqual(fork, original);
  // The conversation is on screen once: the fork did not redraw it.
  assert.equal(app.screen().match(/› original question/g)?.length, 1);
  await send(app, '/rename my fork');
  await app.waitForText('Session renamed to "my fork"');
  // Without a name, a prompt holding the current one; what it saves is the title.
  await send(app, '/rename');
  await app.waitForText(/Rename thread\s+› my fork\s+enter submit · esc back/);
  app.type(' two');
  await app.waitForText('› my fork two');
  app.key('enter');
  await app.waitForText('Session renamed to "my fork two"');

  await send(app, '/resume');
  await app.waitForText('Resume a previous session');
  // Both are there, the fork (used last, titled by its name) first, with how long ago.
  await app.waitForText(/› \d+s ago +\S+ +my fork two *\n +\d+s ago +\S+ +original question/);
  app.type('ORIG');
  await app.waitForText('Search: ORIG');
  await app.waitForNoText('my fork');
  app.key('enter');
  await app.waitForNoText('Resume a previous session');
  await app.waitForText('first answer');
  assert.match(app.screen(), /› original question/);
  assert.equal(await quitWithId(app), original);
});
