// The proxy with real clients: the official `openai` SDK and curl, against a
// mock provider on 127.0.0.1.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import OpenAI, { toFile } from 'openai';
import { loadConfig } from '../../app/config/index.js';
import type { Config } from '../../app/config/types.js';
import { startProxy, type RunningProxy } from '../../app/proxy/server.js';
import { startMockUpstream, type MockUpstream } from './mock-upstream.js';
import { missingTool } from '../support/tools.js';

const run = promisify(execFile);
let upstream: MockUpstream;
let proxy: RunningProxy;
let config: Config;
let home: string;
const env = { ...process.env, MOCK_PROVIDER_KEY: 'sk-injected-from-env-12345', MOCK_ORG: 'org-9' };

async function configFor(baseUrl: string, extra = ''): Promise<Config> {
  writeFileSync(
    join(home, 'config.toml'),
    `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${baseUrl}"\nenv_key = "MOCK_PROVIDER_KEY"\n` +
      `query_params = { "api-version" = "2025-01-01" }\nhttp_headers = { "X-Provider" = "static" }\n` +
      `env_http_headers = { "OpenAI-Organization" = "MOCK_ORG" }\n${extra}`,
  );
  return loadConfig({ codexHome: home, env });
}

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'codex-proxy-home-'));
  upstream = await startMockUpstream();
  config = await configFor(upstream.url);
  proxy = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: true, env });
});

after(async () => {
  await proxy.close(1000);
  await upstream.close();
  rmSync(home, { recursive: true, force: true });
});

const client = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'sk-client-key-abcdef', maxRetries: 0 });
const last = () => upstream.seen[upstream.seen.length - 1]!;

test('chat completion through the openai SDK; /v1 not doubled; provider query and headers added', async () => {
  const res = await client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
  assert.equal(res.choices[0]?.message.content, 'pong');
  const seen = last();
  assert.equal(seen.url, '/v1/chat/completions?api-version=2025-01-01');
  assert.equal(seen.headers.authorization, 'Bearer sk-client-key-abcdef');
  assert.equal(seen.headers['x-provider'], 'static');
  assert.equal(seen.headers['openai-organization'], 'org-9');
  assert.equal(seen.headers.host, new URL(upstream.url).host);
});

test('streamed chat completion arrives event by event', async () => {
  const stream = await client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  const parts: string[] = [];
  for await (const chunk of stream) parts.push(chunk.choices[0]?.delta.content ?? '');
  assert.deepEqual(parts, ['Hel', 'lo', ' world', '']);
});

for (const route of ['gated-sse', 'gated-ndjson']) {
test(`a streamed part reaches the client before the upstream sends the next one (${route})`, async () => {
  const events: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const req = request(`${proxy.url}/v1/${route}`, { method: 'GET' }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        events.push(d);
        if (events.length === 1) upstream.release(); // only now may the upstream continue
      });
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  assert.match(events[0]!, /"n":1/);
  assert.match(events.join(''), /"n":2[\s\S]*\[DONE\]/);
});
}

test('a small answer the upstream sent chunked goes out whole, with a content-length', async () => {
  const out = await run('curl', ['-sS', '-D', '-', '-H', 'content-type: application/json', '-d', '{"model":"m","messages":[]}', `${proxy.url}/v1/chat/completions`]);
  const [head, body] = out.stdout.split('\r\n\r\n');
  assert.doesNotMatch(head!, /transfer-encoding/i);
  assert.equal(/content-length: (\d+)/i.exec(head!)?.[1], String(Buffer.byteLength(body!)));
  assert.equal(JSON.parse(body!).choices[0].message.content, 'pong');
});

test('a Responses stream through the SDK', async () => {
  const stream = await client().responses.create({ model: 'm', input: 'hi', stream: true });
  const types: string[] = [];
  for await (const ev of stream) types.push(ev.type);
  assert.deepEqual(types, ['response.created', 'response.output_text.delta', 'response.completed']);
});

test('a multipart file upload streams through (1.5 MB)', async () => {
  const data = Buffer.alloc(1_500_000, 7);
  const file = await client().files.create({ file: await toFile(data, 'big.jsonl'), purpose: 'assistants' });
  const seen = last();
  assert.match(String(seen.headers['content-type']), /^multipart\/form-data; boundary=/);
  assert.ok(seen.bytes > 1_500_000, `upstream saw ${seen.bytes} bytes`);
  assert.equal(file.bytes, seen.bytes);
});

test('curl: /health, Authorization passed through or injected from env_key', { skip: missingTool('curl') }, async () => {
  const health = await run('curl', ['-sS', `${proxy.url}/health`]);
  assert.deepEqual(JSON.parse(health.stdout), { status: 'ok' });
  const withAuth = await run('curl', ['-sS', '-H', 'Authorization: Bearer sk-mine', `${proxy.url}/v1/echo`]);
  assert.equal(JSON.parse(withAuth.stdout).headers.authorization, 'Bearer sk-mine');
  const without = await run('curl', ['-sS', `${proxy.url}/v1/echo`]);
  assert.equal(JSON.parse(without.stdout).headers.authorization, 'Bearer sk-injected-from-env-12345');
});

test('hop-by-hop headers, those Connection names, and Proxy-* are stripped; others pass', { skip: missingTool('curl') }, async () => {
  const out = await run('curl', [
    '-sS', '-H', 'Connection: keep-alive, X-Hop-Named', '-H', 'X-Hop-Named: 1', '-H', 'Keep-Alive: timeout=5',
    '-H', 'TE: trailers', '-H', 'Proxy-Authorization: Basic eA==', '-H', 'X-Custom: kept', `${proxy.url}/v1/echo`,
  ]);
  const h = JSON.parse(out.stdout).headers as Record<string, string>;
  for (const gone of ['x-hop-named', 'keep-alive', 'te', 'proxy-authorization']) assert.equal(h[gone], undefined, gone);
  assert.equal(h['x-custom'], 'kept');
});

test('CORS preflight is answered when --allow-cors-any is on', { skip: missingTool('curl') }, async () => {
  const out = await run('curl', [
    '-sS', '-o', '/dev/null', '-D', '-', '-X', 'OPTIONS', '-H', 'Origin: http://app.example',
    '-H', 'Access-Control-Request-Method: POST', '-H', 'Access-Control-Request-Headers: authorization', `${proxy.url}/v1/chat/completions`,
  ]);
  assert.match(out.stdout, /^HTTP\/1.1 204/);
  assert.match(out.stdout, /access-control-allow-origin: \*/i);
  assert.match(out.stdout, /access-control-allow-headers: authorization/i);
});

test('without --allow-cors-any there are no CORS headers', { skip: missingTool('curl') }, async () => {
  const plain = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: false, env });
  try {
    const out = await run('curl', ['-sS', '-D', '-', '-o', '/dev/null', '-H', 'Origin: http://x', `${plain.url}/health`]);
    assert.doesNotMatch(out.stdout, /access-control/i);
  } finally {
    await plain.close(100);
  }
});

test('upstream unreachable → 502 with a JSON error naming the cause', async () => {
  const dead = await configFor('http://127.0.0.1:9/v1');
  const p = await startProxy({ config: dead, host: '127.0.0.1', port: 0, allowCorsAny: false, env });
  try {
    const out = await run('curl', ['-sS', '-w', '\n%{http_code}', `${p.url}/v1/models`]);
    const [body, code] = out.stdout.split('\n');
    assert.equal(code, '502');
    assert.match(JSON.parse(body!).error.message, /^Upstream error: .*ECONNREFUSED/);
    await assert.rejects(
      new OpenAI({ baseURL: `${p.url}/v1`, apiKey: 'k', maxRetries: 0 }).models.list(),
      (e: Error & { status?: number }) => e.status === 502 && /ECONNREFUSED/.test(e.message),
    );
  } finally {
    await p.close(100);
  }
});

test('a client that goes away cancels the upstream request', async () => {
  const aborted = upstream.abortedOnce('/v1/slow-sse');
  await new Promise<void>((resolve, reject) => {
    const req = request(`${proxy.url}/v1/slow-sse`, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    req.end();
  });
  await aborted; // the test times out if the upstream never sees the abort
  assert.equal(upstream.seen.filter((s) => s.url.startsWith('/v1/slow-sse')).every((s) => s.aborted), true);
});

test('paths outside /v1 are not proxied', async () => {
  const out = await run('curl', ['-sS', '-w', '\n%{http_code}', `${proxy.url}/admin`]);
  assert.equal(out.stdout.split('\n')[1], '404');
});

test("the client's query string goes upstream byte for byte; query_params only fill in what it lacks", async () => {
  const out = await run('curl', ['-sS', `${proxy.url}/v1/echo?flag&a=b%20c&list=a,b`]);
  assert.equal(JSON.parse(out.stdout).url, '/v1/echo?flag&a=b%20c&list=a,b&api-version=2025-01-01');
  await run('curl', ['-sS', `${proxy.url}/v1/echo?api-version=mine`]);
  assert.equal(last().url, '/v1/echo?api-version=mine');
});

test('HTTP_PROXY: a provider that is not on loopback is reached through the forward proxy', async () => {
  const forwarded: { url: string; auth?: string }[] = [];
  const forward = createServer((req, res) => {
    forwarded.push({ url: req.url ?? '', ...(req.headers['proxy-authorization'] && { auth: req.headers['proxy-authorization'] }) });
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"via":"forward-proxy"}'));
  });
  await new Promise<void>((resolve) => forward.listen(0, '127.0.0.1', resolve));
  const proxyEnv = { ...env, HTTP_PROXY: `http://user:pw@127.0.0.1:${(forward.address() as AddressInfo).port}` };
  const remote = await configFor('http://api.example.test/v1');
  const p = await startProxy({ config: remote, host: '127.0.0.1', port: 0, allowCorsAny: false, env: proxyEnv });
  try {
    const out = await run('curl', ['-sS', `${p.url}/v1/models`]);
    assert.deepEqual(JSON.parse(out.stdout), { via: 'forward-proxy' });
    assert.deepEqual(forwarded, [{ url: 'http://api.example.test/v1/models?api-version=2025-01-01', auth: `Basic ${Buffer.from('user:pw').toString('base64')}` }]);
  } finally {
    await p.close(100);
    forward.close();
  }
});
