// The proxy when the upstream breaks mid-response, and its bounded shutdown
// with a stream that never ends. A bare node:http server plays the upstream.
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../app/config/index.js';
import { startProxy, type RunningProxy } from '../../app/proxy/server.js';

let upstream: Server;
let proxy: RunningProxy;
let home: string;

before(async () => {
  upstream = createServer((req, res) => {
    if (req.url === '/v1/cut-small') {
      // Promises 1000 bytes, sends 10, then the connection dies.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"partial"');
      setTimeout(() => res.socket?.destroy(), 50);
    } else if (req.url === '/v1/cut-sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.socket?.destroy(), 100);
    } else if (req.url === '/v1/endless-sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      const timer = setInterval(() => res.write(': still here\n\n'), 100);
      res.once('close', () => clearInterval(timer));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  home = mkdtempSync(join(tmpdir(), 'codex-proxy-fail-'));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${url}"\n`);
  const config = await loadConfig({ codexHome: home, env: {} });
  proxy = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: false, env: {} });
});

after(async () => {
  await proxy.close(100);
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
  rmSync(home, { recursive: true, force: true });
});

/** GET through the proxy: status, body text, and whether the response ended cleanly. */
function get(path: string, onFirstData?: () => void): Promise<{ status: number; body: string; clean: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(`${proxy.url}${path}`, (res: IncomingMessage) => {
      let body = '';
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (first) onFirstData?.();
        first = false;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body, clean: true }));
      res.once('error', () => resolve({ status: res.statusCode ?? 0, body, clean: false }));
      res.once('aborted', () => resolve({ status: res.statusCode ?? 0, body, clean: false }));
    });
    req.once('error', reject);
    req.end();
  });
}

test('an upstream that dies before its body is complete → 502 with a JSON error naming the cause', async () => {
  const r = await get('/v1/cut-small');
  assert.equal(r.status, 502);
  const err = (JSON.parse(r.body) as { error: { message: string; type: string } }).error;
  assert.equal(err.type, 'upstream_error');
  assert.match(err.message, /^Upstream error: ./);
});

test('an upstream stream that dies mid-way is not passed off as a complete answer', async () => {
  const r = await get('/v1/cut-sse');
  assert.equal(r.status, 200);
  assert.match(r.body, /"n":1/);
  assert.equal(r.clean, false, 'the client must see the stream break, not a clean end');
});

test('close(grace): new connections are refused at once; an endless stream is cut after the grace period', async () => {
  const config = await loadConfig({ codexHome: home, env: {} });
  const p = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: false, env: {} });
  const saved = proxy;
  proxy = p; // get() talks to `proxy`
  try {
    let closing: Promise<void> | undefined;
    let refused: Promise<boolean> | undefined;
    let closeStarted = 0;
    const streamed = get('/v1/endless-sse', () => {
      closeStarted = Date.now();
      closing = p.close(400);
      refused = fetch(`${p.url}/health`).then(() => false, () => true);
    });
    const r = await streamed;
    const cutAfter = Date.now() - closeStarted;
    assert.match(r.body, /"n":1/);
    assert.equal(r.clean, false);
    assert.ok(cutAfter >= 350, `the stream was cut after ${cutAfter} ms, before the grace period`);
    assert.ok(closing);
    await closing;
    assert.equal(await refused, true, 'a new connection during the grace period is refused');
  } finally {
    proxy = saved;
  }
});
