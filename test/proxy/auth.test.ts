// Credentials the proxy injects when the client sends no Authorization:
// the provider's env_key first, then auth.json (as `codex login` writes it).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../app/config/index.js';
import { saveApiKey } from '../../app/model/auth.js';
import { injectedAuthorization } from '../../app/proxy/auth.js';
import { startProxy } from '../../app/proxy/server.js';
import { startMockUpstream } from './mock-upstream.js';

const homes: string[] = [];
after(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

function home(baseUrl = 'http://127.0.0.1:9/v1'): string {
  const dir = mkdtempSync(join(tmpdir(), 'codex-proxy-auth-'));
  homes.push(dir);
  writeFileSync(join(dir, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${baseUrl}"\nenv_key = "MOCK_PROVIDER_KEY"\n`);
  return dir;
}

test('env_key wins over auth.json; without it the auth.json key is injected; with neither nothing is', async () => {
  const h = home();
  const config = await loadConfig({ codexHome: h, env: {} });
  assert.equal(await injectedAuthorization(config, {}), undefined);
  await saveApiKey(h, 'sk-from-auth-json-67890');
  await sleep(1100); // a key saved by `codex login` while the proxy runs is picked up after the one-second cache
  assert.equal(await injectedAuthorization(config, {}), 'Bearer sk-from-auth-json-67890');
  assert.equal(await injectedAuthorization(config, { MOCK_PROVIDER_KEY: 'sk-env-12345' }), 'Bearer sk-env-12345');
  assert.equal(await injectedAuthorization(config, { MOCK_PROVIDER_KEY: '  ' }), 'Bearer sk-from-auth-json-67890', 'a blank env_key does not count');
});

test('through the running proxy: a request without Authorization reaches upstream with the auth.json key', async () => {
  const upstream = await startMockUpstream();
  const h = home(upstream.url);
  await saveApiKey(h, 'sk-login-key-abcdef');
  const env = {};
  const config = await loadConfig({ codexHome: h, env });
  const proxy = await startProxy({ config, host: '127.0.0.1', port: 0, allowCorsAny: false, env });
  try {
    const res = await fetch(`${proxy.url}/v1/echo`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { headers: Record<string, string> };
    assert.equal(body.headers.authorization, 'Bearer sk-login-key-abcdef');
    const mine = await fetch(`${proxy.url}/v1/echo`, { headers: { authorization: 'Bearer sk-client' } });
    assert.equal(((await mine.json()) as { headers: Record<string, string> }).headers.authorization, 'Bearer sk-client');
  } finally {
    await proxy.close(1000);
    await upstream.close();
  }
});
