// A closed terminal ends codex (issue 17 item 17): the real CLI in a pty whose
// terminal is closed while a turn runs. Closing the master side sends SIGHUP to
// the session leader and gives the app EOF on stdin and EIO on stdout; run
// under `setsid` the app gets no SIGHUP at all (as when the shell that started
// it does not pass the hangup on), only EOF/EIO. Either way the process must
// go, with the running command, and the session log must end whole with the
// aborted turn. Also: a frame's write stuck on a terminal that stopped reading
// when it closes, and a terminal closed before the screen is taken.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createWorkspace, type Workspace } from '../support/cli.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { alive, processesWith } from '../support/procs.js';
import { spawnPty, type PtyApp } from '../support/pty.js';
import { hasAbortedTurn } from '../support/rollout.js';
import { waitFor } from '../support/wait.js';

let mock: MockModelServer;
const cleanups: (() => void)[] = [];
before(async () => { mock = await startMockModelServer([]); });
after(async () => {
  for (const c of cleanups.reverse()) c();
  await mock.close();
});

function start(via?: string[], config?: string, env?: Record<string, string>): { ws: Workspace; app: PtyApp } {
  const ws = createWorkspace(mock.url, { trust: 'trusted', ...(config ? { config } : {}) });
  const app = spawnPty(ws, [], { cols: 100, rows: 30, ...(via ? { via } : {}), ...(env ? { env } : {}) });
  cleanups.push(() => app.dispose(), () => ws.cleanup());
  return { ws, app };
}

/** Codex streaming an answer of `words` words, one delta each, `delayMs` apart; once the sixth is on screen. */
async function streaming(words: number, delayMs: number): Promise<{ ws: Workspace; app: PtyApp }> {
  const deltas = Array.from({ length: words }, (_, i) => `word${i} `);
  mock.push({ output: [{ type: 'text', text: deltas.join(''), deltas }], delayMs });
  const { ws, app } = start();
  await app.waitForText('Ask Codex');
  app.type('stream a lot');
  await app.waitForText('› stream a lot');
  app.key('enter');
  await app.waitForText('word5');
  return { ws, app };
}

/** Closes the terminal; codex exits 129 with the aborted turn in its session log and the reason (`why`) in its own. */
async function closeAndCheck(ws: Workspace, app: PtyApp, why: string): Promise<void> {
  const pid = app.pid();
  app.closeTerminal();
  await waitFor(() => !alive(pid), `codex (pid ${pid}) to exit`);
  // An exit, not node's abort on restoring a terminal that is gone (134 or 139 from the wrapper's point of view).
  assert.equal(await app.exited(), 129);
  assert.ok(hasAbortedTurn(ws), 'the aborted turn is in the log');
  assert.ok(readFileSync(join(ws.home, 'log', 'codex-tui.log'), 'utf8').includes(`the terminal was closed${why}`));
}

test('closing the terminal mid-stream (SIGHUP, EOF, EIO) ends the turn, the session and the process', async () => {
  const { ws, app } = await streaming(400, 50);
  await closeAndCheck(ws, app, '');
});

test('a terminal that goes away without a SIGHUP (EOF/EIO only) ends codex and the command it runs', async () => {
  const marker = `61.${process.pid}`;
  mock.push({ output: [{ type: 'function_call', name: 'shell', arguments: { command: ['sleep', marker] } }] });
  // The wrapper keeps codex's exit status; codex runs the command outside the
  // sandbox, so that ending it is codex's job alone (not bwrap's --die-with-parent).
  const status = join(tmpdir(), `codex-hangup-status-${process.pid}`);
  cleanups.push(() => rmSync(status, { force: true }));
  const { ws, app } = start(['setsid', '-w', 'sh', '-c', `"$0" "$@"; echo $? > ${status}`], 'sandbox_mode = "danger-full-access"');
  await app.waitForText('Ask Codex');
  app.type('run it');
  await app.waitForText('› run it');
  app.key('enter');
  await waitFor(() => processesWith(marker).length > 0, `the command (sleep ${marker}) to run`);
  const pid = app.pid();
  app.closeTerminal();
  await waitFor(() => !alive(pid), `codex (pid ${pid}) to exit`);
  await waitFor(() => processesWith(marker).length === 0, 'the command to be ended');
  assert.equal(readFileSync(status, 'utf8').trim(), '129');
  assert.ok(hasAbortedTurn(ws), 'the aborted turn is in the log');
});

test('a frame write waiting on a terminal that stopped reading fails with EIO when the terminal closes: codex ends the session and exits', async () => {
  const { ws, app } = await streaming(3000, 2);
  // A terminal that stops drawing: once the pty's buffer is full, codex's write of a frame waits in the kernel.
  app.pauseReading();
  const pid = app.pid();
  await waitFor(() => readFileSync(`/proc/${pid}/wchan`, 'utf8') === 'wait_woken', 'codex to wait in a write to the terminal', 30_000);
  await closeAndCheck(ws, app, ' (EIO)');
});

test('a terminal closed before the screen is taken (at the TERM=dumb question) ends codex with status 1, not node aborting as it resets the terminal', async () => {
  const out = join(tmpdir(), `codex-hangup-early-${process.pid}`);
  cleanups.push(() => rmSync(`${out}.status`, { force: true }), () => rmSync(`${out}.err`, { force: true }));
  // No SIGHUP (setsid): codex sees only the end of its input, then exits.
  const { app } = start(['setsid', '-w', 'sh', '-c', `"$0" "$@" 2>${out}.err; echo $? > ${out}.status`], undefined, { TERM: 'dumb' });
  // The question goes to stderr, here the file.
  await waitFor(() => existsSync(`${out}.err`) && readFileSync(`${out}.err`, 'utf8').includes('Continue anyway?'), 'the TERM=dumb question');
  app.closeTerminal();
  await waitFor(() => existsSync(`${out}.status`) && readFileSync(`${out}.status`, 'utf8').endsWith('\n'), 'codex to exit');
  // Before: 134, node's assertion and native stack on stderr.
  assert.equal(readFileSync(`${out}.status`, 'utf8').trim(), '1');
  assert.doesNotMatch(readFileSync(`${out}.err`, 'utf8'), /Assertion|stack/);
});
