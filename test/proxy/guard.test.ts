// Who may spend the user's key: requests addressed to the proxy by its own
// name get credentials; DNS-rebinding (a foreign Host), cross-origin fetches,
// form POSTs and preflights are refused before anything reaches the provider.
// Real clients: node:http (it lets a test send the headers a browser sends),
// fetch, and the official openai SDK.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type OutgoingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { loadConfig } from '../../app/config/index.js';
import type { Config } from '../../app/config/types.js';
import { boundAddress, isOwnHost } from '../../app/proxy/guard.js';
import { startProxy, type RunningProxy } from '../../app/proxy/server.js';
import { startMockUpstream, type MockUpstream } from './mock-upstream.js';

let upstream: MockUpstream;
let proxy: RunningProxy;
let config: Config;
let home: string;
const env = { ...process.env, MOCK_PROVIDER_KEY: 'sk-injected-5678', MOCK_ORG: 'org-9' };

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'codex-proxy-guard-'));
  upstream = await startMockUpstream();
  writeFileSync(
    join(home, 'config.toml'),
    `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${upstream.url}"\nenv_key = "MOCK_PROVIDER_KEY"\n` +
      `query_params = { "api-version" = "1" }\nenv_http_headers = { "OpenAI-Organization" = "MOCK_ORG" }\n`,
  );
  config = await loadConfig({ codexHome: home, env });
  proxy = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: false, env });
});

after(async () => {
  await proxy.close(100);
  await upstream.close();
  rmSync(home, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A request to `p` over 127.0.0.1 with exactly these headers (Host included when given). */
function send(p: RunningProxy, method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: p.address.port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const port = () => proxy.address.port;
const echoed = (a: Answer) => JSON.parse(a.body) as { url: string; headers: Record<string, string> };

/** Runs `fn` and returns how many requests reached the provider meanwhile. */
async function upstreamHits(fn: () => Promise<void>): Promise<number> {
  const before = upstream.seen.length;
  await fn();
  return upstream.seen.length - before;
}

test('DNS rebinding: a foreign Host without Authorization is refused (403) and nothing reaches the provider', async () => {
  const hits = await upstreamHits(async () => {
    const a = await send(proxy, 'POST', '/v1/chat/completions', { host: `rebind.attacker.example:${port()}`, 'content-type': 'application/json' }, '{}');
    assert.equal(a.status, 403);
    assert.match(JSON.parse(a.body).error.message, /^Host 'rebind\.attacker\.example:\d+' is not this proxy \(localhost:\d+ or 127\.0\.0\.1:\d+\)/);
    // The right name with the wrong port is foreign too.
    assert.equal((await send(proxy, 'GET', '/v1/echo', { host: 'localhost:1' })).status, 403);
  });
  assert.equal(hits, 0);
});

test('a foreign Host with its own Authorization passes with nothing of the user added', async () => {
  const a = await send(proxy, 'GET', '/v1/echo', { host: `other.example:${port()}`, authorization: 'Bearer sk-client' });
  assert.equal(a.status, 200);
  const seen = echoed(a);
  assert.equal(seen.headers.authorization, 'Bearer sk-client');
  assert.equal(seen.headers['openai-organization'], undefined, 'provider headers are the user\'s too');
  assert.equal(seen.url, '/v1/echo', 'so are query_params');
});

test('the bound address and localhost (with the bound port) get the credentials', async () => {
  for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`, `127.1:${port()}`]) {
    const seen = echoed(await send(proxy, 'GET', '/v1/echo', { host }));
    assert.equal(seen.headers.authorization, 'Bearer sk-injected-5678', host);
    assert.equal(seen.headers['openai-organization'], 'org-9', host);
    assert.equal(seen.url, '/v1/echo?api-version=1', host);
  }
  // fetch and the openai SDK, as programs use the proxy.
  const viaFetch = (await (await fetch(`${proxy.url}/v1/echo`)).json()) as { headers: Record<string, string> };
  assert.equal(viaFetch.headers.authorization, 'Bearer sk-injected-5678');
  const sdk = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'sk-sdk', maxRetries: 0 });
  const res = await sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
  assert.equal(res.choices[0]?.message.content, 'pong');
});

test('browser requests from another origin are refused: a form POST, a fetch, a no-cors GET, a preflight', async () => {
  const own = `127.0.0.1:${port()}`;
  const hits = await upstreamHits(async () => {
    const form = await send(proxy, 'POST', '/v1/chat/completions', {
      host: own, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain',
    }, '{"model":"m","messages":[]}');
    assert.equal(form.status, 403);
    assert.match(JSON.parse(form.body).error.message, /^Cross-origin request from http:\/\/evil\.example refused: start the proxy with --allow-cors-any/);
    assert.equal(form.headers['access-control-allow-origin'], undefined);
    // Origin alone (an older browser), `null` (a sandboxed frame), another port of localhost.
    for (const origin of ['http://evil.example', 'null', 'http://localhost:3000']) {
      assert.equal((await send(proxy, 'POST', '/v1/echo', { host: own, origin }, '{}')).status, 403, origin);
    }
    // <img src=…>: no Origin, but Sec-Fetch-Site says where it came from.
    assert.equal((await send(proxy, 'GET', '/v1/echo', { host: own, 'sec-fetch-site': 'same-site' })).status, 403);
    const preflight = await send(proxy, 'OPTIONS', '/v1/chat/completions', {
      host: own, origin: 'http://evil.example', 'access-control-request-method': 'POST',
    });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });
  assert.equal(hits, 0);
  // The proxy's own origin is not cross-origin.
  const same = await send(proxy, 'GET', '/v1/echo', { host: own, origin: `http://${own}`, 'sec-fetch-site': 'same-origin' });
  assert.equal(same.status, 200);
});

test('--allow-cors-any serves other origins, but a foreign Host still gets no credentials', async () => {
  const open = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: true, env });
  try {
    const own = `127.0.0.1:${open.address.port}`;
    const a = await send(open, 'POST', '/v1/echo', { host: own, origin: 'http://app.example', 'sec-fetch-site': 'cross-site' }, '{}');
    assert.equal(a.status, 200);
    assert.equal(a.headers['access-control-allow-origin'], '*');
    assert.equal(echoed(a).headers.authorization, 'Bearer sk-injected-5678');
    const rebound = await send(open, 'POST', '/v1/echo', { host: `app.example:${open.address.port}`, origin: 'http://app.example' }, '{}');
    assert.equal(rebound.status, 403);
  } finally {
    await open.close(100);
  }
});

test('bound to 0.0.0.0: any IP literal of the bound port is its own Host, a name is not', async () => {
  const wide = await startProxy({ config, host: '0.0.0.0', port: 0, allowCorsAny: false, env });
  try {
    const p = wide.address.port;
    assert.equal(echoed(await send(wide, 'GET', '/v1/echo', { host: `127.0.0.1:${p}` })).headers.authorization, 'Bearer sk-injected-5678');
    assert.equal(echoed(await send(wide, 'GET', '/v1/echo', { host: `192.0.2.7:${p}` })).headers.authorization, 'Bearer sk-injected-5678');
    assert.equal((await send(wide, 'GET', '/v1/echo', { host: `box.example:${p}` })).status, 403);
  } finally {
    await wide.close(100);
  }
});

test('isOwnHost: ports, IPv6, userinfo tricks and garbage', () => {
  const v4 = boundAddress('127.0.0.1', { address: '127.0.0.1', family: 'IPv4', port: 11435 });
  assert.equal(isOwnHost('127.0.0.1:11435', v4), true);
  assert.equal(isOwnHost('127.0.0.1', v4), false, 'no port means 80');
  assert.equal(isOwnHost('evil@127.0.0.1:11435', v4), false);
  assert.equal(isOwnHost('127.0.0.1:11435/x', v4), false);
  assert.equal(isOwnHost('127.0.0.2:11435', v4), false);
  assert.equal(isOwnHost(undefined, v4), false);
  const v6 = boundAddress('::1', { address: '::1', family: 'IPv6', port: 80 });
  assert.equal(isOwnHost('[::1]', v6), true);
  assert.equal(isOwnHost('[0:0:0:0:0:0:0:1]:80', v6), true);
  assert.equal(isOwnHost('localhost', v6), true);
  const named = boundAddress('myhost', { address: '10.1.2.3', family: 'IPv4', port: 9 });
  assert.equal(isOwnHost('MyHost:9', named), true);
  assert.equal(isOwnHost('10.1.2.3:9', named), true);
});

test('encoded traversal is refused with 400; plain dot segments are resolved before mapping', async () => {
  const hits = await upstreamHits(async () => {
    for (const path of ['/v1/..%2f..%2fadmin', '/v1/files/..%2F..', '/v1/a%5c..%5c..%5cx', '/v1/%2e%2e%2fx', '/v1/a%00', '/v1/%E0%A4%A']) {
      const a = await send(proxy, 'GET', path, { host: `127.0.0.1:${port()}` });
      assert.equal(a.status, 400, path);
      assert.match(JSON.parse(a.body).error.message, /^Bad request path: /, path);
    }
    // `..` the URL parser resolves leaves /v1 entirely: not proxied.
    assert.equal((await send(proxy, 'GET', '/v1/%2e%2e/admin')).status, 404);
    assert.equal((await send(proxy, 'GET', '/v1/a/../../admin')).status, 404);
  });
  assert.equal(hits, 0);
  // Inside /v1 it is resolved, and ordinary escapes pass as they are.
  assert.equal(echoed(await send(proxy, 'GET', '/v1/x/../echo', { host: `127.0.0.1:${port()}` })).url, '/v1/echo?api-version=1');
  const a = await send(proxy, 'GET', '/v1/echo%20me', { host: `127.0.0.1:${port()}` });
  assert.equal(a.status, 404);
  assert.equal(upstream.seen.at(-1)!.url, '/v1/echo%20me?api-version=1');
});
