import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelError } from '../../app/model/errors.js';
import { bypassesProxy, proxyAuth, proxyFor } from '../../app/model/proxy-env.js';
import { startMockModelServer } from '../support/mock-model-server.js';
import { ENV, mockProvider, run, startTestProxy, text } from './helpers.js';

const u = (s: string) => new URL(s);

test('which proxy: scheme, either case, NO_PROXY, loopback never', () => {
  assert.equal(proxyFor(u('https://api.openai.com/v1'), { HTTPS_PROXY: 'http://p:3128' })?.href, 'http://p:3128/');
  assert.equal(proxyFor(u('https://api.openai.com/v1'), { https_proxy: 'p:3128' })?.href, 'http://p:3128/');
  assert.equal(proxyFor(u('https://api.openai.com/v1'), { HTTP_PROXY: 'http://p:3128' }), undefined);
  assert.equal(proxyFor(u('http://ollama.lan:11434/v1'), { HTTP_PROXY: 'http://p:3128' })?.href, 'http://p:3128/');
  assert.equal(proxyFor(u('https://api.openai.com/v1'), { HTTPS_PROXY: 'http://p', NO_PROXY: 'localhost,.openai.com' }), undefined);
  for (const local of ['http://localhost:11434/v1', 'http://127.0.0.1:9/v1', 'http://[::1]:9/v1']) {
    assert.equal(proxyFor(u(local), { HTTP_PROXY: 'http://p:3128' }), undefined, local);
  }
});

test('NO_PROXY entries: *, names, suffixes, ports, IPv6', () => {
  assert.equal(bypassesProxy(u('https://a.b.example.com'), 'example.com'), true);
  assert.equal(bypassesProxy(u('https://example.com'), '.example.com'), true);
  assert.equal(bypassesProxy(u('https://example.com'), '*.example.com'), true);
  assert.equal(bypassesProxy(u('https://notexample.com'), 'example.com'), false);
  assert.equal(bypassesProxy(u('https://h:8443'), 'h:8443'), true);
  assert.equal(bypassesProxy(u('https://h'), 'h:8443'), false);
  assert.equal(bypassesProxy(u('https://h'), 'h:443'), true);
  assert.equal(bypassesProxy(u('http://[fd00::1]:80'), '[fd00::1]:80'), true);
  assert.equal(bypassesProxy(u('http://[fd00::1]'), 'fd00::1'), true);
  assert.equal(bypassesProxy(u('https://anything'), ' * '), true);
  assert.equal(bypassesProxy(u('https://anything'), ''), false);
});

test('bad proxy settings are errors naming the variable', () => {
  assert.throws(() => proxyFor(u('https://x'), { HTTPS_PROXY: 'http://[bad' }), (e: unknown) => e instanceof ModelError && e.message === 'HTTPS_PROXY: not a URL: "http://[bad"');
  assert.throws(() => proxyFor(u('https://x'), { https_proxy: 'socks5://p:1080' }), /https_proxy: socks5:\/\/ proxies are not supported/);
});

test('proxy credentials become Proxy-Authorization', () => {
  assert.deepEqual(proxyAuth(u('http://us%40er:p%3Ass@p:1')), { 'proxy-authorization': `Basic ${Buffer.from('us@er:p:ss').toString('base64')}` });
  assert.deepEqual(proxyAuth(u('http://p:1')), {});
});

test('an http endpoint through HTTP_PROXY: absolute-form requests with credentials, both wires', async () => {
  const mock = await startMockModelServer({ turns: [{ output: [{ type: 'text', text: 'via proxy' }] }], repeat: true });
  const proxy = await startTestProxy(mock.port);
  try {
    const proxyUrl = proxy.url.replace('http://', 'http://me:secret@');
    for (const wireApi of ['responses', 'chat'] as const) {
      const r = await run(mockProvider('http://model.test/v1', { wireApi }), undefined, { env: { ...ENV, HTTP_PROXY: proxyUrl } });
      assert.equal(r.error, undefined);
      assert.equal(text(r.events), 'via proxy');
    }
    assert.deepEqual(proxy.seen.map((s) => s.target), ['http://model.test/v1/responses', 'http://model.test/v1/chat/completions']);
    assert.equal(proxy.seen[0]!.auth, `Basic ${Buffer.from('me:secret').toString('base64')}`);
    assert.equal(mock.requests[0]!.headers.host, 'model.test');
  } finally {
    proxy.close();
    await mock.close();
  }
});
