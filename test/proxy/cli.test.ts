// `codex proxy` and `codex-proxy` as a user runs them: startup lines, the
// access log, the non-loopback warning and graceful shutdown on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assetPath } from '../../app/assets.js';
import { startMockUpstream, type MockUpstream } from './mock-upstream.js';

let upstream: MockUpstream;
let home: string;

before(async () => {
  upstream = await startMockUpstream();
  home = mkdtempSync(join(tmpdir(), 'codex-proxy-cli-'));
  writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${upstream.url}"\n`);
});
after(async () => {
  await upstream.close();
  rmSync(home, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

async function spawnProxy(bin: string, args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [assetPath('dist', bin), ...args], {
    env: { ...process.env, CODEX_HOME: home, RUST_LOG: 'info', OPENAI_API_KEY: 'sk-test-secret-key-00000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exit.then((code) => reject(new Error(`proxy exited ${code}: ${err}`)));
  });
  assert.match(out, /proxying: \/v1\/\* -> http:\/\/127\.0\.0\.1:\d+\/v1\)\nPress Ctrl\+C to stop the proxy\.\n/);
  return { child, url, stderr: () => err, exit };
}

test('codex proxy: serves, logs one line per request without the key, drains in-flight streams on SIGTERM', async () => {
  const p = await spawnProxy('codex.js', ['proxy', '--bind', '127.0.0.1:0']);
  assert.equal(await (await fetch(`${p.url}/health`)).text(), '{"status":"ok"}');
  // Start a stream that is still running when SIGTERM arrives.
  const body = new Promise<string>((resolve, reject) => {
    const req = request(`${p.url}/v1/gated-sse`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
        if (text.includes('"n":1') && !text.includes('"n":2')) {
          p.child.kill('SIGTERM');
          setTimeout(() => upstream.release(), 300);
        }
      });
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end();
  });
  assert.match(await body, /"n":2[\s\S]*\[DONE\]/);
  assert.equal(await p.exit, 0);
  assert.match(p.stderr(), /INFO +codex_proxy: GET \/v1\/gated-sse 200 [\d.]+ms in=0B out=\d+B/);
  // Answers the proxy makes itself are counted too.
  assert.match(p.stderr(), /INFO +codex_proxy: GET \/health 200 [\d.]+ms in=0B out=15B\n/);
  assert.doesNotMatch(p.stderr(), /sk-test-secret/);
});

test('codex-proxy binary takes the same flags; a non-loopback bind warns about credentials', async () => {
  const p = await spawnProxy('codex-proxy.js', ['--bind', '0.0.0.0:0']);
  p.child.kill('SIGINT');
  assert.equal(await p.exit, 0);
  assert.match(p.stderr(), /warning: binding to 0\.0\.0\.0, which is not a loopback address/);
});

test('codex-proxy --version answers with its own name', () => {
  const r = spawnSync(process.execPath, [assetPath('dist', 'codex-proxy.js'), '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^codex-proxy \d+\.\d+\.\d+\n$/);
});

test('a malformed --bind is a usage error naming the flag', async () => {
  const child = spawn(process.execPath, [assetPath('dist', 'codex.js'), 'proxy', '--bind', 'nonsense'], {
    env: { ...process.env, CODEX_HOME: home },
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.once('exit', r));
  assert.equal(code, 2);
  assert.match(err, /--bind: expected HOST:PORT/);
});

test('log levels: RUST_LOG=trace still never shows the injected key; CODEX_LOG=warn drops the access log', async () => {
  const loud = await spawnProxy('codex.js', ['proxy', '--bind', '127.0.0.1:0'], { RUST_LOG: 'trace' });
  const echoed = (await (await fetch(`${loud.url}/v1/echo`)).json()) as { headers: Record<string, string> };
  assert.equal(echoed.headers.authorization, 'Bearer sk-test-secret-key-00000', 'the key was injected');
  loud.child.kill('SIGTERM');
  assert.equal(await loud.exit, 0);
  assert.match(loud.stderr(), /codex_proxy: GET \/v1\/echo 200/);
  assert.doesNotMatch(loud.stderr(), /sk-test-secret|key-00000/);

  const quiet = await spawnProxy('codex.js', ['proxy', '--bind', '127.0.0.1:0'], { RUST_LOG: '', CODEX_LOG: 'warn' });
  assert.equal((await fetch(`${quiet.url}/health`)).status, 200);
  quiet.child.kill('SIGTERM');
  assert.equal(await quiet.exit, 0);
  assert.doesNotMatch(quiet.stderr(), /GET \/health/);
});

/** Write system calls the process has made so far (write, writev: sockets and stderr alike). */
function writeCalls(pid: number): number {
  return Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
}

test('the access log is written in batches: a request costs the proxy no stderr write of its own', async () => {
  // The same requests through a proxy with the access log and one without it: the difference is what logging writes.
  const perRequest = async (env: Record<string, string>): Promise<{ writes: number; stderr: string }> => {
    const p = await spawnProxy('codex.js', ['proxy', '--bind', '127.0.0.1:0'], env);
    const REQUESTS = 300;
    // Warmed up first: while V8 compiles, its threads wake the event loop with writes of their own.
    for (let i = 0; i < REQUESTS; i++) await (await fetch(`${p.url}/health`)).text();
    const before = writeCalls(p.child.pid!);
    for (let i = 0; i < REQUESTS; i++) await (await fetch(`${p.url}/health`)).text();
    const writes = (writeCalls(p.child.pid!) - before) / REQUESTS;
    p.child.kill('SIGTERM');
    assert.equal(await p.exit, 0);
    return { writes, stderr: p.stderr() };
  };
  const logged = await perRequest({ RUST_LOG: '' });
  const quiet = await perRequest({ RUST_LOG: '', CODEX_LOG: 'warn' });
  assert.equal(logged.stderr.match(/codex_proxy: GET \/health 200/g)?.length, 600, 'every request is logged, by the exit at the latest');
  assert.ok(logged.writes - quiet.writes < 0.5, `writes per request: ${logged.writes} with the access log, ${quiet.writes} without`);
});

test('a stream\'s head goes out with the events that came with it, in one write', async () => {
  const p = await spawnProxy('codex.js', ['proxy', '--bind', '127.0.0.1:0'], { RUST_LOG: '', CODEX_LOG: 'warn' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // The upstream sends its head and first event together, then waits: what the proxy wrote
  // by the time that event is in is the upstream request and what reached the client.
  const writesToFirstEvent = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const before = writeCalls(p.child.pid!);
      let writes = -1;
      let text = '';
      const req = request(`${p.url}/v1/gated-sse`, { agent }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
          if (writes < 0 && text.includes('"n":1')) {
            writes = writeCalls(p.child.pid!) - before;
            upstream.release();
          }
        });
        res.on('end', () => resolve(writes));
      });
      req.on('error', reject);
      req.end();
    });
  // Warmed up first: while V8 compiles, its threads wake the event loop with writes of their own.
  for (let i = 0; i < 20; i++) await writesToFirstEvent();
  const STREAMS = 40;
  let writes = 0;
  for (let i = 0; i < STREAMS; i++) writes += await writesToFirstEvent();
  agent.destroy();
  p.child.kill('SIGTERM');
  assert.equal(await p.exit, 0);
  // One write upstream and one to the client (head and event apart made it three).
  assert.ok(writes / STREAMS < 2.5, `write calls per stream up to its first event: ${writes / STREAMS}`);
});
