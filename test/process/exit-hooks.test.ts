// onProcessExit: hooks run on a normal exit and on a fatal signal nobody handles
// (then the process still ends by that signal); a front end's own handler keeps control.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

async function run(args: string[], signal: NodeJS.Signals): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out !== 'ready\n') return;
    child.kill(signal);
    // A --late-hook child registers its hook once it reads this (the signal has been sent).
    child.stdin.end('sent\n');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('close', (c, s) => r([c, s])));
  clearTimeout(timer);
  return { out, code, signal: sig };
}

for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
  test(`${signal} with no handler of its own: the hooks run, then the process dies by ${signal}`, async () => {
    const r = await run([], signal);
    assert.equal(r.out, 'ready\nhook ran\n');
    assert.equal(r.signal, signal);
  });
}

// The race behind a flake of exec-signals ("an MCP server still starting dies with codex exec"):
// the handlers came with the first hook, registered just after a spawn, so a SIGTERM sent as
// soon as the child was visible could find none and kill codex by default, leaving the child.
test('a signal that comes before the first hook is registered still runs it: the handlers are there from the start', async () => {
  const r = await run(['--late-hook'], 'SIGTERM');
  assert.equal(r.out, 'ready\nhook ran\n');
  assert.equal(r.signal, 'SIGTERM');
});

test('a front end that handles SIGTERM keeps control; the hooks run when it exits', async () => {
  const r = await run(['--own-handler'], 'SIGTERM');
  assert.equal(r.out, 'ready\nown handler\nhook ran\n');
  assert.equal(r.code, 7);
});
