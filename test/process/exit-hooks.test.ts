// onProcessExit: hooks run on a normal exit and on a fatal signal nobody handles
// (then the process still ends by that signal); a front end's own handler keeps control.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

async function run(args: string[], signal: NodeJS.Signals): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out === 'ready\n') child.kill(signal);
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

test('a front end that handles SIGTERM keeps control; the hooks run when it exits', async () => {
  const r = await run(['--own-handler'], 'SIGTERM');
  assert.equal(r.out, 'ready\nown handler\nhook ran\n');
  assert.equal(r.code, 7);
});
