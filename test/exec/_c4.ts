import { spawn } from 'node:child_process';
import { startMockModelServer } from '/work/main/test/support/mock-model-server.js';
import { createWorkspace } from '/work/main/test/support/cli.js';
const mock = await startMockModelServer({ turns: [{ output: [{ type: 'text', text: 'Hello world' }] }], repeat: true });
const ws = createWorkspace(mock.url);
async function run(bin: string) {
  let err = '';
  const t0 = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', 'CPU=%U+%S', process.execPath, bin, 'exec', '-s', 'danger-full-access', 'hi'], { cwd: ws.repo, env: ws.env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => { err += d; });
  await new Promise((r) => child.on('close', r));
  const m = /CPU=([\d.]+)\+([\d.]+)/.exec(err)!;
  return [Number(process.hrtime.bigint() - t0) / 1e6, (Number(m[1]) + Number(m[2])) * 1000];
}
const a: number[][] = [], b: number[][] = [];
for (let i = 0; i < 15; i++) { a.push(await run('/work/main/.tmp/dist-before/codex.js')); b.push(await run('/work/main/dist/codex.js')); }
const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1]!;
console.log('before: wall', med(a.map((x) => x[0]!)).toFixed(0), 'cpu', med(a.map((x) => x[1]!)));
console.log('after:  wall', med(b.map((x) => x[0]!)).toFixed(0), 'cpu', med(b.map((x) => x[1]!)));
ws.cleanup(); await mock.close();
