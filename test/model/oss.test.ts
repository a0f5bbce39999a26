import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ModelError } from '../../app/model/errors.js';
import { ensureOssReady, hasModel } from '../../app/model/oss.js';
import { startMockModelServer } from '../support/mock-model-server.js';
import { mockProvider, request, run } from './helpers.js';

async function ollama(models: string[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/api/tags') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ models: models.map((name) => ({ name })) }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

test('tag matching', () => {
  assert.equal(hasModel(['gpt-oss:20b'], 'gpt-oss:20b'), true);
  assert.equal(hasModel(['llama3:latest'], 'llama3'), true);
  assert.equal(hasModel(['gpt-oss:120b'], 'gpt-oss:20b'), false);
});

test('an Ollama server with the model passes; without it, a message saying how to pull it', async () => {
  const o = await ollama(['gpt-oss:20b']);
  try {
    await ensureOssReady(o.url, 'gpt-oss:20b');
    await ensureOssReady(o.url);
    await assert.rejects(ensureOssReady(o.url, 'qwen3:8b'), (e: unknown) =>
      e instanceof ModelError && e.message === `Model \`qwen3:8b\` is not available on the Ollama server at ${o.url.slice(0, -3)}. Pull it with \`ollama pull qwen3:8b\`.`);
  } finally {
    o.server.close();
  }
});

test('an OpenAI-compatible server that lists models passes', async () => {
  const mock = await startMockModelServer([]);
  try {
    await ensureOssReady(mock.url, 'gpt-oss:20b');
  } finally {
    await mock.close();
  }
});

test('nothing listening: a clear message naming the address and the env vars', async () => {
  const o = await ollama([]);
  const url = o.url;
  await new Promise((r) => o.server.close(r));
  await assert.rejects(ensureOssReady(url, 'gpt-oss:20b'), (e: unknown) =>
    e instanceof ModelError && e.kind === 'unreachable'
    && e.message.startsWith(`No running Ollama server detected at ${url.slice(0, -3)} (`)
    && e.message.includes('CODEX_OSS_BASE_URL / CODEX_OSS_PORT'));
});

test('the oss provider fails at once with the same message when nothing listens', async () => {
  const o = await ollama([]);
  const url = o.url;
  await new Promise((r) => o.server.close(r));
  const r = await run(mockProvider(url, { id: 'oss', wireApi: 'chat', envKey: undefined }));
  assert.ok(r.error instanceof ModelError && r.error.kind === 'unreachable', String(r.error));
  assert.match(r.error.message, /^No running Ollama server detected at http:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
  assert.deepEqual(r.retries, []);
});

test('the first oss call checks the model once; a missing model is reported before any chat request', async () => {
  const o = await ollama(['gpt-oss:20b']);
  let chats = 0;
  o.server.prependListener('request', (req) => { if (req.url?.endsWith('/chat/completions')) chats++; });
  try {
    const p = mockProvider(o.url, { id: 'oss', wireApi: 'chat', envKey: undefined, requestMaxRetries: 0 });
    const missing = await run(p, { ...request(), model: 'qwen3:8b' });
    assert.ok(missing.error instanceof ModelError && /ollama pull qwen3:8b/.test(missing.error.message), String(missing.error));
    assert.equal(chats, 0);
    // With the model present the call goes on to the chat endpoint (this server has none: 404).
    const present = await run(p, { ...request(), model: 'gpt-oss:20b' });
    assert.ok(present.error instanceof ModelError && present.error.kind === 'http_status', String(present.error));
    assert.equal(chats, 1);
  } finally {
    o.server.closeAllConnections();
    o.server.close();
  }
});
