// What a stream must not be able to do to the client, against a real HTTP
// server on 127.0.0.1: keep a turn alive forever with `: keep-alive` comments
// (only events count against stream_idle_timeout_ms), or grow a line or an
// event without end (capped at 16 MiB, with a clear error, not retried).
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ModelError } from '../../app/model/errors.js';
import { SSE_MAX_BYTES } from '../../app/model/sse.js';
import { mockProvider, run, text } from './helpers.js';

type Handler = (res: ServerResponse) => void;
let server: Server;
let url = '';
let handler: Handler = (res) => res.end();
let requests = 0;

before(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    handler(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

/** Writes `chunks()` every `everyMs` until it returns undefined or the client goes away, then ends. */
function every(res: ServerResponse, everyMs: number, chunk: (i: number) => string | undefined): void {
  let i = 0;
  const timer = setInterval(() => {
    const c = chunk(i++);
    if (c === undefined || res.destroyed) {
      clearInterval(timer);
      res.end();
    } else res.write(c);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

const event = (type: string, body: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
const completed = event('response.completed', { response: { id: 'r1', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } });

test('keep-alive comments alone end as an idle stream', async () => {
  // 200 comments 20 ms apart: 4 s of bytes, none of them an event; the idle window is 300 ms.
  handler = (res) => every(res, 20, (i) => (i < 200 ? ': keep-alive\n\n' : undefined));
  const from = requests;
  const r = await run(mockProvider(url, { streamIdleTimeoutMs: 300, streamMaxRetries: 0 }));
  assert.ok(r.error instanceof ModelError, String(r.error));
  assert.equal(r.error.message, 'stream disconnected before completion: idle timeout waiting for SSE');
  assert.equal(requests - from, 1);
});

test('events between keep-alives keep the stream going past the idle window', async () => {
  // An event every 100 ms (a comment in between) for 2 s; the idle window is 1 s.
  handler = (res) => every(res, 50, (i) => (i >= 40 ? undefined : i === 39 ? completed : i % 2 ? ': keep-alive\n\n' : event('response.output_text.delta', { delta: 'x' })));
  const r = await run(mockProvider(url, { streamIdleTimeoutMs: 1_000, streamMaxRetries: 0 }));
  assert.equal(r.error, undefined);
  assert.equal(text(r.events), 'x'.repeat(20));
});

test('a line longer than 16 MiB fails the response at once with a clear error, not retried', async () => {
  const mib = 'x'.repeat(1024 * 1024);
  handler = (res) => every(res, 1, (i) => (i === 0 ? 'data: ' : i <= SSE_MAX_BYTES / mib.length + 1 ? mib : undefined));
  const from = requests;
  const r = await run(mockProvider(url, { streamIdleTimeoutMs: 5_000, streamMaxRetries: 3 }));
  assert.ok(r.error instanceof ModelError, String(r.error));
  assert.equal(r.error.message, "the server's stream cannot be read: SSE line longer than 16 MiB without a line break");
  assert.equal(requests - from, 1);
});

test('an event longer than 16 MiB (data lines without a blank line) fails the same way', async () => {
  const line = `data: ${'y'.repeat(1024 * 1024)}\n`;
  handler = (res) => every(res, 1, (i) => (i <= SSE_MAX_BYTES / line.length + 1 ? line : undefined));
  const r = await run(mockProvider(url, { streamIdleTimeoutMs: 5_000, streamMaxRetries: 3 }));
  assert.ok(r.error instanceof ModelError, String(r.error));
  assert.equal(r.error.message, "the server's stream cannot be read: SSE event longer than 16 MiB without an end (a blank line)");
});
