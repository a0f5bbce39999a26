// Many SSE clients at once: every stream gets its own upstream connection
// and its first event while all the others are still open (a pool capped at
// 256 connections left the rest waiting for a stream to end).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../app/config/index.js';
import { startProxy } from '../../app/proxy/server.js';

const CLIENTS = 600;

test(`${CLIENTS} concurrent SSE streams all get their first event while every one is held open`, async () => {
  const held: ServerResponse[] = [];
  const upstream = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"n":1}\n\n');
    held.push(res); // ends only when the test releases them all
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const home = mkdtempSync(join(tmpdir(), 'codex-proxy-many-'));
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${base}"\n`);
  const proxy = await startProxy({ config: await loadConfig({ codexHome: home, env: {} }), host: '127.0.0.1', port: 0, allowCorsAny: false, env: {} });
  try {
    const firstEvents: Promise<void>[] = [];
    const ends: Promise<string>[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      let first!: () => void;
      firstEvents.push(new Promise<void>((r) => (first = r)));
      ends.push(new Promise<string>((resolve, reject) => {
        const req = request(`${proxy.url}/v1/stream`, { agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            text += d;
            first();
          });
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      }));
    }
    // With a capped pool this never completes: a deadline turns that into a count.
    let started = 0;
    for (const f of firstEvents) void f.then(() => started++);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((r) => (timer = setTimeout(r, 60_000)));
    await Promise.race([Promise.all(firstEvents), deadline]);
    clearTimeout(timer);
    assert.equal(started, CLIENTS, `${started} of ${CLIENTS} streams got their first event within 60 s`);
    assert.equal(held.length, CLIENTS, 'every stream is open upstream at the same time');
    for (const res of held) res.end('data: [DONE]\n\n');
    const bodies = await Promise.all(ends);
    assert.ok(bodies.every((b) => b === 'data: {"n":1}\n\ndata: [DONE]\n\n'));
  } finally {
    await proxy.close(100);
    upstream.closeAllConnections();
    await new Promise<void>((r) => upstream.close(() => r()));
    rmSync(home, { recursive: true, force: true });
  }
});
