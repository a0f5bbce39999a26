// streamModel against the scripted mock server, on both wires.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { streamModel } from '../../app/model/client.js';
import { ModelError } from '../../app/model/errors.js';
import type { RetryNotice } from '../../app/model/items.js';
import { startMockModelServer, type MockModelServer, type MockTurn } from '../support/mock-model-server.js';
import { ENV, items, lastAttempt, mockProvider, request, run, text } from './helpers.js';
import { waitFor } from '../support/wait.js';

function errorOf(e: unknown): ModelError {
  assert.ok(e instanceof ModelError, `expected a ModelError, got ${String(e)}`);
  return e;
}

for (const wire of ['responses', 'chat'] as const) {
  describe(`${wire} wire`, () => {
    let mock: MockModelServer;
    before(async () => { mock = await startMockModelServer([]); });
    after(() => mock.close());

    /** Scripts the next turns and returns the index of the first request they will answer. */
    const script = (...turns: MockTurn[]) => {
      const from = mock.requests.length;
      mock.push(...turns);
      return from;
    };
    const provider = (over = {}) => mockProvider(mock.url, { wireApi: wire, ...over });

    test('text reply: deltas, the message item, usage', async () => {
      script({ output: [{ type: 'text', text: 'Hello, world!' }], usage: { input_tokens: 42, cached_input_tokens: 2, output_tokens: 7, reasoning_output_tokens: 3 } });
      const r = await run(provider());
      assert.equal(r.error, undefined);
      assert.equal(r.events[0]!.type, 'created');
      assert.equal(text(r.events), 'Hello, world!');
      assert.deepEqual(items(r.events).map((i) => i.type === 'message' && i.content), [[{ type: 'output_text', text: 'Hello, world!' }]]);
      const done = r.events.at(-1)!;
      assert.equal(done.type, 'completed');
      assert.deepEqual(done.type === 'completed' && done.token_usage, {
        input_tokens: 42, cached_input_tokens: 2, output_tokens: 7, reasoning_output_tokens: 3, total_tokens: 49,
      });
      assert.deepEqual(r.retries, []);
    });

    test('tool call: a function_call item with name, arguments and call_id', async () => {
      script({ output: [{ type: 'function_call', name: 'shell', arguments: { command: ['ls', '-la'] }, call_id: 'call_abc' }] });
      const r = await run(provider());
      assert.equal(r.error, undefined);
      const calls = items(r.events).filter((i) => i.type === 'function_call');
      assert.deepEqual(calls.map((c) => c.type === 'function_call' && [c.name, JSON.parse(c.arguments), c.call_id]), [
        ['shell', { command: ['ls', '-la'] }, 'call_abc'],
      ]);
      assert.equal(r.events.at(-1)!.type, 'completed');
    });

    test('two tool calls in one turn keep their order', async () => {
      script({ output: [
        { type: 'function_call', name: 'a', arguments: '{}', call_id: 'c1' },
        { type: 'function_call', name: 'b', arguments: '{"x":1}', call_id: 'c2' },
      ] });
      const r = await run(provider());
      assert.deepEqual(items(r.events).map((i) => i.type === 'function_call' && `${i.call_id}:${i.name}:${i.arguments}`), ['c1:a:{}', 'c2:b:{"x":1}']);
    });

    test('malformed function-call arguments reach the caller verbatim', async () => {
      script({ output: [{ type: 'function_call', name: 'shell', arguments: '{"command": [', call_id: 'bad' }] });
      const r = await run(provider());
      assert.equal(r.error, undefined);
      const [call] = items(r.events);
      assert.equal(call?.type === 'function_call' && call.arguments, '{"command": [');
    });

    test('500 then success: one request retry, announced, after the backoff', async () => {
      const from = script({ fault: 'status', status: 500 }, { output: [{ type: 'text', text: 'ok' }] });
      const retries: RetryNotice[] = [];
      let noticeAt = 0;
      const r = await run(provider(), request(), { onRetry: (n) => { noticeAt = Date.now(); retries.push(n); } });
      const waited = Date.now() - noticeAt;
      assert.equal(r.error, undefined);
      assert.equal(text(r.events), 'ok');
      assert.equal(mock.requests.length - from, 2);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]!.kind, 'request');
      assert.equal(retries[0]!.message, 'Reconnecting... 1/4 (500 Internal Server Error: mock status 500)');
      // The announced delay is exact (200 ms ± 10% jitter); the wait itself is only
      // bounded below, since a loaded machine may take any time longer.
      const { delayMs } = retries[0]!;
      assert.ok(delayMs >= 180 && delayMs <= 220, `backoff ${delayMs}`);
      assert.ok(waited >= delayMs - 2, `retried after ${waited} ms, before the announced ${delayMs} ms`);
    });

    test('429 with Retry-After (seconds) waits that long', async () => {
      script({ fault: 'status', status: 429, retryAfter: 1 }, { output: [{ type: 'text', text: 'after wait' }] });
      const t0 = Date.now();
      const r = await run(provider());
      assert.equal(r.error, undefined);
      assert.equal(text(r.events), 'after wait');
      assert.equal(r.retries[0]!.delayMs, 1000);
      assert.ok(Date.now() - t0 >= 950, `waited ${Date.now() - t0} ms`);
      assert.match(r.retries[0]!.message, /^Reconnecting\.\.\. 1\/4 \(429 Too Many Requests/);
    });

    test('429 with retry-after-ms', async () => {
      script({ fault: 'status', status: 429, retryAfterMs: 30 }, { output: [{ type: 'text', text: 'x' }] });
      const r = await run(provider());
      assert.equal(r.error, undefined);
      assert.equal(r.retries[0]!.delayMs, 30);
    });

    test('request retries run out: the last status and message', async () => {
      script({ fault: 'status', status: 503, retryAfterMs: 1 }, { fault: 'status', status: 502, retryAfterMs: 1 });
      const r = await run(provider({ requestMaxRetries: 1 }));
      const e = errorOf(r.error);
      assert.equal(e.kind, 'retry_limit');
      assert.equal(e.message, 'exceeded retry limit, last status: 502 Bad Gateway: mock status 502');
      assert.equal(r.retries.length, 1);
    });

    test('a 4xx other than 429 fails at once with the server message', async () => {
      const from = script({ fault: 'status', status: 400, body: { error: { message: 'Unsupported model gpt-test', type: 'invalid_request_error' } } });
      const r = await run(provider());
      const e = errorOf(r.error);
      assert.equal(e.kind, 'http_status');
      assert.equal(e.status, 400);
      assert.equal(e.message, 'unexpected status 400 Bad Request: Unsupported model gpt-test');
      assert.equal(mock.requests.length - from, 1);
      assert.deepEqual(r.retries, []);
    });

    test('429 usage_limit_reached is not retried', async () => {
      script({ fault: 'status', status: 429, body: { error: { type: 'usage_limit_reached', message: 'limit' } } });
      const e = errorOf((await run(provider())).error);
      assert.equal(e.kind, 'fatal');
      assert.match(e.message, /usage limit/);
    });

    for (const close of ['destroy', 'end'] as const) {
      test(`stream cut mid-event (${close}) is retried; the consumer restarts at the second created`, async () => {
        const from = script(
          { fault: 'cut', close, output: [{ type: 'text', text: 'partial answer' }] },
          { output: [{ type: 'text', text: 'full answer' }] },
        );
        const r = await run(provider());
        assert.equal(r.error, undefined);
        assert.equal(mock.requests.length - from, 2);
        assert.equal(r.events.filter((e) => e.type === 'created').length, 2);
        assert.equal(text(lastAttempt(r.events)), 'full answer');
        assert.equal(items(lastAttempt(r.events)).length, 1);
        assert.equal(r.retries.length, 1);
        assert.equal(r.retries[0]!.kind, 'stream');
        assert.match(r.retries[0]!.message, /^Reconnecting\.\.\. 1\/5 \(/);
      });
    }

    test('an idle stall times out and is retried', async () => {
      script({ fault: 'stall', afterEvents: 1, output: [{ type: 'text', text: 'never' }] }, { output: [{ type: 'text', text: 'second try' }] });
      const r = await run(provider({ streamIdleTimeoutMs: 300 }));
      assert.equal(r.error, undefined);
      assert.equal(text(lastAttempt(r.events)), 'second try');
      assert.equal(r.retries[0]!.message, 'Reconnecting... 1/5 (idle timeout waiting for SSE)');
    });

    test('stream retries run out: a stream error naming the cause', async () => {
      script({ fault: 'stall' }, { fault: 'stall' });
      const r = await run(provider({ streamIdleTimeoutMs: 100, streamMaxRetries: 1 }));
      const e = errorOf(r.error);
      assert.equal(e.kind, 'stream');
      assert.equal(e.message, 'stream disconnected before completion: idle timeout waiting for SSE');
      assert.equal(r.retries.length, 1);
    });

    test('malformed SSE JSON is skipped, the rest of the stream is used', async () => {
      script({ output: [{ type: 'raw', data: '{not json' }, { type: 'text', text: 'still fine' }] });
      const r = await run(provider());
      assert.equal(r.error, undefined);
      assert.equal(text(r.events), 'still fine');
      assert.equal(r.events.at(-1)!.type, 'completed');
    });

    test('missing env_key variable: an error naming it, and no request', async () => {
      const from = mock.requests.length;
      const p = provider({ envKeyInstructions: 'Get one at https://example.test/keys.' });
      for (const env of [{}, { MOCK_API_KEY: '  ' }]) {
        const e = errorOf((await run(p, request(), { env })).error);
        assert.equal(e.kind, 'auth');
        assert.equal(e.message, 'Missing environment variable: `MOCK_API_KEY`. Get one at https://example.test/keys.');
      }
      assert.equal(mock.requests.length, from);
    });

    test('headers and query params', async () => {
      const from = script({ output: [{ type: 'text', text: 'x' }] });
      const p = provider({
        queryParams: { 'api-version': '2025-04-01-preview' },
        httpHeaders: { 'X-Static': 'static-value' },
        envHttpHeaders: { 'X-From-Env': 'MOCK_HEADER', 'X-Unset': 'MOCK_UNSET', 'X-Empty': 'MOCK_EMPTY' },
      });
      await run(p, request(), { env: { ...ENV, MOCK_HEADER: 'from-env', MOCK_EMPTY: '' }, sessionId: 'sess-1', originator: 'codex_exec' });
      const req = mock.requests[from]!;
      assert.equal(req.path, wire === 'chat' ? '/v1/chat/completions' : '/v1/responses');
      assert.deepEqual(req.query, { 'api-version': '2025-04-01-preview' });
      const h = req.headers;
      assert.equal(h.authorization, 'Bearer sk-mock-123');
      assert.equal(h['x-static'], 'static-value');
      assert.equal(h['x-from-env'], 'from-env');
      assert.equal(h['x-unset'], undefined);
      assert.equal(h['x-empty'], undefined);
      assert.equal(h.accept, 'text/event-stream');
      assert.equal(h['content-type'], 'application/json');
      assert.equal(h.originator, 'codex_exec');
      assert.match(h['user-agent'] ?? '', /^codex_exec\/\d+\.\d+\.\d+ \(\S+ \S+; \S+\) \S+/);
      if (wire === 'responses') {
        assert.equal(h['openai-beta'], 'responses=experimental');
        assert.equal(h.session_id, 'sess-1');
      }
    });

    test('the request body carries the history; calls reuse one keep-alive connection', async () => {
      const from = script({ output: [{ type: 'text', text: 'one' }] }, { output: [{ type: 'text', text: 'two' }] });
      const input = [
        ...request().input,
        { type: 'function_call' as const, name: 'shell', arguments: '{}', call_id: 'c9' },
        { type: 'function_call_output' as const, call_id: 'c9', output: 'ok' },
      ];
      await run(provider(), request({ input }));
      await run(provider(), request({ input }));
      const [a, b] = mock.requests.slice(from);
      assert.equal(a!.body.model, 'gpt-test');
      if (wire === 'responses') {
        assert.deepEqual(a!.body.input, input);
        assert.equal(a!.body.instructions, 'You are a test.');
      } else {
        assert.deepEqual(a!.body.messages?.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
        assert.equal(a!.body.messages?.[3]?.tool_call_id, 'c9');
      }
      // Keep-alive: the second call goes out on the connection the first one used.
      assert.equal(a!.remotePort, b!.remotePort, 'the connection was not reused');
    });

    test('abort while the server stalls ends the call at once and closes the connection', async () => {
      script({ fault: 'stall', afterEvents: 1 });
      const ac = new AbortController();
      const t0 = Date.now();
      const seen: string[] = [];
      let error: unknown;
      try {
        for await (const e of streamModel(provider(), request(), { env: ENV, signal: ac.signal })) {
          seen.push(e.type);
          if (e.type === 'created') setTimeout(() => ac.abort(), 50);
        }
      } catch (e) {
        error = e;
      }
      assert.equal(errorOf(error).kind, 'aborted');
      // Without the abort the stall would end only at the 5 s idle timeout, as another error kind.
      assert.ok(Date.now() - t0 < 4_000, `took ${Date.now() - t0} ms`);
      assert.deepEqual(seen, ['created']);
    });

    test('abort during a Retry-After wait', async () => {
      script({ fault: 'status', status: 429, retryAfter: 30 });
      const ac = new AbortController();
      const t0 = Date.now();
      const r = await run(provider(), request(), { signal: ac.signal, onRetry: () => setTimeout(() => ac.abort(), 20) });
      assert.equal(errorOf(r.error).kind, 'aborted');
      assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms of a 30 s Retry-After`);
    });
  });
}

test('connection refused is retried, then reported', async () => {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r)); // nothing listens there now
  const r = await run(mockProvider(`http://127.0.0.1:${port}/v1`, { requestMaxRetries: 2 }));
  const e = errorOf(r.error);
  assert.equal(e.kind, 'retry_limit');
  assert.match(e.message, /^exceeded retry limit: connection failed: connect ECONNREFUSED/);
  assert.deepEqual(r.retries.map((n) => `${n.attempt}/${n.max}`), ['1/2', '2/2']);
  assert.ok(r.retries[1]!.delayMs >= 360 && r.retries[1]!.delayMs <= 440, 'second backoff doubles');
});

test('CODEX_RS_SSE_FIXTURE: the stream comes from a file, no network and no key needed', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { renderResponses } = await import('../support/mock-model-server.js');
  const dir = mkdtempSync(join(tmpdir(), 'codex-fixture-'));
  try {
    const file = join(dir, 'sse.txt');
    const usage = { input_tokens: 1, cached_input_tokens: 0, output_tokens: 1, reasoning_output_tokens: 0, total_tokens: 2 };
    writeFileSync(file, renderResponses([{ type: 'text', text: 'from file' }], usage, 0).join(''));
    const r = await run(mockProvider('http://127.0.0.1:9/v1'), request(), { env: { CODEX_RS_SSE_FIXTURE: file } });
    assert.equal(r.error, undefined);
    assert.equal(text(r.events), 'from file');
    writeFileSync(file, 'data: {"type":"response.output_text.delta","delta":"x"}\n\n');
    const bad = await run(mockProvider('http://127.0.0.1:9/v1'), request(), { env: { CODEX_RS_SSE_FIXTURE: file } });
    assert.equal(errorOf(bad.error).message, `${file}: stream closed before response.completed`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a consumer that stops early releases the connection', async () => {
  const mock = await startMockModelServer([{ fault: 'stall', afterEvents: 1 }]);
  try {
    for await (const e of streamModel(mockProvider(mock.url), request(), { env: ENV })) {
      if (e.type === 'created') break;
    }
    // The stalled response's connection is closed by the client, not left hanging.
    await waitFor(async () => (await mock.connections()) === 0, 'the stalled connection to close');
    assert.equal(await mock.connections(), 0);
  } finally {
    await mock.close();
  }
});

test('multi-byte UTF-8 split across network chunks arrives intact, on both wires', async () => {
  const { createServer } = await import('node:http');
  const { renderChat, renderResponses } = await import('../support/mock-model-server.js');
  const words = 'héllo 🌍 世界 — ok';
  const usage = { input_tokens: 1, cached_input_tokens: 0, output_tokens: 1, reasoning_output_tokens: 0, total_tokens: 2 };
  const server = createServer((req, res) => {
    req.resume().on('end', async () => {
      const out = [{ type: 'text' as const, text: words, deltas: [words.slice(0, 7), words.slice(7)] }];
      const body = Buffer.from((req.url?.endsWith('/chat/completions') ? renderChat(out, usage, 0, 'm') : renderResponses(out, usage, 0)).join(''));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // One byte per write, each flushed on its own turn of the event loop.
      for (let i = 0; i < body.length; i++) {
        res.write(body.subarray(i, i + 1));
        if (i % 7 === 0) await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
    for (const wireApi of ['responses', 'chat'] as const) {
      const r = await run(mockProvider(url, { wireApi }));
      assert.equal(r.error, undefined);
      assert.equal(text(r.events), words);
      const [msg] = items(r.events);
      assert.deepEqual(msg?.type === 'message' && msg.content, [{ type: 'output_text', text: words }]);
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('ChatGPT sign-in: access token, account id header, and store is always false', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const home = mkdtempSync(join(tmpdir(), 'codex-chatgpt-'));
  const mock = await startMockModelServer([{ output: [{ type: 'text', text: 'ok' }] }]);
  try {
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ tokens: { access_token: 'tok', account_id: 'acct-1' } }));
    const p = mockProvider(mock.url, { id: 'openai', envKey: undefined, requiresOpenaiAuth: true });
    const r = await run(p, request({ store: true }), { env: {}, codexHome: home });
    assert.equal(r.error, undefined);
    const req = mock.requests[0]!;
    assert.equal(req.headers.authorization, 'Bearer tok');
    assert.equal(req.headers['chatgpt-account-id'], 'acct-1');
    assert.equal(req.body.store, false);
  } finally {
    await mock.close();
    rmSync(home, { recursive: true, force: true });
  }
});
