// `codex exec` attached to a terminal that goes away: the real CLI in a pty
// whose terminal is closed while a turn runs. Closing the master side sends
// SIGHUP to the session leader and gives EIO on every later write; run under
// `setsid` exec gets no SIGHUP, only EIO when it next writes. Either way the
// turn stops, the session log ends whole with the aborted turn, the command's
// processes end, and exec exits with 129 (not node's abort when it resets a
// terminal that is gone, 134 or 139). A run that never learns of it ends with
// its own status, and without that abort either.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { alive, processesWith } from '../support/procs.js';
import { spawnPty } from '../support/pty.js';
import { hasAbortedTurn } from '../support/rollout.js';
import { waitFor } from '../support/wait.js';
import { scenario } from './support.js';

const shell = (script: string) => ({ type: 'function_call' as const, name: 'shell', arguments: { command: ['sh', '-c', script], timeout_ms: 120_000 } });
const EXEC = ['exec', '-s', 'danger-full-access', 'run it'];

test('closing the terminal (SIGHUP, EIO) ends codex exec, its turn and its command, with 129', () => {
  const marker = `62.${process.pid}`;
  return scenario([{ output: [shell(`sleep ${marker} & exec sleep ${marker}`)] }], async (_mock, ws) => {
    const app = spawnPty(ws, EXEC);
    try {
      await waitFor(() => processesWith(marker).length === 2, 'the command and its background child to run', 30_000);
      const pid = app.pid();
      app.closeTerminal();
      await waitFor(() => !alive(pid), `codex exec (pid ${pid}) to exit`);
      assert.equal(await app.exited(), 129);
      await waitFor(() => processesWith(marker).length === 0, () => `left running: ${JSON.stringify(processesWith(marker))}`);
      assert.ok(hasAbortedTurn(ws), 'the aborted turn is in the log');
    } finally {
      app.dispose();
    }
  });
});

test('a terminal gone without a SIGHUP: the next write (EIO) ends codex exec the same way', () => {
  const marker = `63.${process.pid}`;
  const status = join(tmpdir(), `codex-exec-hangup-status-${process.pid}`);
  // The command waits for `go`, written once the terminal is gone; what exec then prints meets EIO.
  // The model's next answer streams slowly, so the turn is still running then.
  const deltas = Array.from({ length: 200 }, (_, i) => `word${i} `);
  return scenario([
    { output: [shell(`sleep ${marker} & while [ ! -e go ]; do sleep 0.05; done; echo finished`)] },
    { output: [{ type: 'text', text: deltas.join(''), deltas }], delayMs: 100 },
  ], async (_mock, ws) => {
    const app = spawnPty(ws, EXEC, { via: ['setsid', '-w', 'sh', '-c', `"$0" "$@"; echo $? > ${status}`] });
    try {
      await waitFor(() => processesWith(marker).some((p) => p.program === 'sleep'), 'the command to run', 30_000);
      app.closeTerminal();
      writeFileSync(join(ws.repo, 'go'), '');
      await waitFor(() => existsSync(status) && readFileSync(status, 'utf8').endsWith('\n'), 'codex exec to exit', 20_000);
      assert.equal(readFileSync(status, 'utf8').trim(), '129');
      await waitFor(() => processesWith(marker).length === 0, () => `left running: ${JSON.stringify(processesWith(marker))}`);
      assert.ok(hasAbortedTurn(ws), 'the aborted turn is in the log');
    } finally {
      app.dispose();
      rmSync(status, { force: true });
    }
  });
});

test('a terminal gone unnoticed (no SIGHUP, stderr a file, nothing more for stdout): a failed codex exec exits 1, not with node aborting', () => {
  const out = join(tmpdir(), `codex-exec-unnoticed-${process.pid}`);
  return scenario([
    { output: [shell('touch started; while [ ! -e go ]; do sleep 0.05; done')] },
    // The model then refuses: the run fails with its error on stderr and never writes to stdout.
    { fault: 'status', status: 400 },
  ], async (_mock, ws) => {
    const app = spawnPty(ws, EXEC, { via: ['setsid', '-w', 'sh', '-c', `"$0" "$@" 2>${out}.err; echo $? > ${out}.status`] });
    try {
      await waitFor(() => existsSync(join(ws.repo, 'started')), 'the command to run', 30_000);
      app.closeTerminal();
      writeFileSync(join(ws.repo, 'go'), '');
      await waitFor(() => existsSync(`${out}.status`) && readFileSync(`${out}.status`, 'utf8').endsWith('\n'), 'codex exec to exit', 20_000);
      // Before: 134, node's assertion and native stack on stderr.
      assert.doesNotMatch(readFileSync(`${out}.err`, 'utf8'), /Assertion|stack trace/);
      assert.equal(readFileSync(`${out}.status`, 'utf8'), '1\n');
    } finally {
      app.dispose();
      rmSync(`${out}.status`, { force: true });
      rmSync(`${out}.err`, { force: true });
    }
  });
});
