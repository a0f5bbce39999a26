import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ModelError } from '../../app/model/errors.js';
import { ensureOssReady, hasModel } from '../../app/model/oss.js';
import { startMockModelServer } from '../support/mock-model-server.js';
import { mockProvider, request, run } from './helpers.js';

/**
 * An Ollama-like server: /api/tags lists `models`; /api/pull streams NDJSON
 * progress like Ollama's and adds the model (`pullable`), or answers with an
 * error line for anything else.
 */
async function ollama(models: string[], pullable: string[] = []): Promise<{ url: string; server: Server; pulls: string[] }> {
  const pulls: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/api/tags') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ models: models.map((name) => ({ name })) }));
    } else if (req.url === '/api/pull' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { model } = JSON.parse(body) as { model: string };
        pulls.push(model);
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        if (!pullable.includes(model)) return res.end(`${JSON.stringify({ error: 'pull model manifest: file does not exist' })}\n`);
        const lines = [
          { status: 'pulling manifest' },
          ...[0, 30, 60, 100].map((n) => ({ status: 'pulling sha256:abc', digest: 'sha256:abc', total: 100, completed: n })),
          { status: 'verifying sha256 digest' }, { status: 'success' },
        ];
        models.push(model);
        res.end(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      });
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server, pulls };
}

test('tag matching', () => {
  assert.equal(hasModel(['gpt-oss:20b'], 'gpt-oss:20b'), true);
  assert.equal(hasModel(['llama3:latest'], 'llama3'), true);
  assert.equal(hasModel(['gpt-oss:120b'], 'gpt-oss:20b'), false);
});

test('an Ollama server with the model passes; a missing model is pulled with progress; one that cannot be pulled is an error naming it', async () => {
  const o = await ollama(['gpt-oss:20b'], ['qwen3:8b']);
  try {
    await ensureOssReady(o.url, 'gpt-oss:20b');
    await ensureOssReady(o.url);
    assert.deepEqual(o.pulls, []);
    const progress: string[] = [];
    await ensureOssReady(o.url, 'qwen3:8b', 3000, (m) => progress.push(m));
    assert.deepEqual(o.pulls, ['qwen3:8b']);
    assert.deepEqual(progress, [
      'pulling qwen3:8b: pulling manifest', 'pulling qwen3:8b: downloading 0%', 'pulling qwen3:8b: downloading 25%', 'pulling qwen3:8b: downloading 50%',
      'pulling qwen3:8b: downloading 100%', 'pulling qwen3:8b: verifying sha256 digest', 'pulling qwen3:8b: success',
    ]);
    await assert.rejects(ensureOssReady(o.url, 'nosuch:1b'), (e: unknown) =>
      e instanceof ModelError && e.message === `Could not pull \`nosuch:1b\` from the Ollama server at ${o.url.slice(0, -3)}: pull model manifest: file does not exist`);
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
    assert.ok(missing.error instanceof ModelError && /Could not pull `qwen3:8b`/.test(missing.error.message), String(missing.error));
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
