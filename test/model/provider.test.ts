import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ModelError } from '../../app/model/errors.js';
import { CHATGPT_BASE_URL, effectiveProvider, endpointUrl, resolveRequestAuth } from '../../app/model/provider.js';

const authHeaders = async (...a: Parameters<typeof resolveRequestAuth>) => (await resolveRequestAuth(...a)).headers;
import { mockProvider } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'codex-model-auth-'));
after(() => rmSync(home, { recursive: true, force: true }));
const openai = mockProvider('https://api.openai.com/v1', { id: 'openai', envKey: undefined, requiresOpenaiAuth: true });
const emptyHome = join(home, 'empty');

test('endpoint: base_url (trailing slash or not) + path + query_params', () => {
  assert.equal(endpointUrl(mockProvider('http://h:1/v1/')).href, 'http://h:1/v1/responses');
  assert.equal(
    endpointUrl(mockProvider('https://x.openai.azure.com/openai', { wireApi: 'chat', queryParams: { 'api-version': '2025-04-01-preview' } })).href,
    'https://x.openai.azure.com/openai/chat/completions?api-version=2025-04-01-preview',
  );
});

test('env_key: Bearer from the environment', async () => {
  assert.deepEqual(await authHeaders(mockProvider('http://h'), undefined, { MOCK_API_KEY: 'k1' }), { authorization: 'Bearer k1' });
});

test('no env_key and no OpenAI auth: no Authorization header', async () => {
  assert.deepEqual(await authHeaders(mockProvider('http://h', { envKey: undefined }), undefined, {}), {});
});

test('built-in openai: OPENAI_API_KEY, or auth.json, else an error naming OPENAI_API_KEY', async () => {
  assert.deepEqual(await authHeaders(openai, emptyHome, { OPENAI_API_KEY: 'sk-env' }), { authorization: 'Bearer sk-env' });
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-file' }));
  assert.deepEqual(await authHeaders(openai, home, {}), { authorization: 'Bearer sk-file' });
  await assert.rejects(authHeaders(openai, emptyHome, {}), (e: unknown) =>
    e instanceof ModelError && e.kind === 'auth' && e.message === 'Missing environment variable: `OPENAI_API_KEY`. Set it, or sign in with `codex login`.');
});

test('ChatGPT tokens in auth.json: access token and account id', async () => {
  const h = join(home, 'chatgpt');
  mkdirSync(h);
  writeFileSync(join(h, 'auth.json'), JSON.stringify({ tokens: { access_token: 'at', account_id: 'acc' } }));
  assert.deepEqual(await authHeaders(openai, h, {}), { authorization: 'Bearer at', 'chatgpt-account-id': 'acc' });
});

test('a provider with env_key that also accepts OpenAI auth falls back to it', async () => {
  const p = { ...openai, envKey: 'MY_KEY' };
  assert.deepEqual(await authHeaders(p, emptyHome, { MY_KEY: 'mine' }), { authorization: 'Bearer mine' });
  assert.deepEqual(await authHeaders(p, emptyHome, { OPENAI_API_KEY: 'sk-env' }), { authorization: 'Bearer sk-env' });
  await assert.rejects(authHeaders(p, emptyHome, {}), /Missing environment variable: `MY_KEY`\./);
});

test('ChatGPT sign-in moves the built-in provider to the Codex backend, unless OPENAI_BASE_URL moved it already', async () => {
  const h = join(home, 'chatgpt');
  const auth = await resolveRequestAuth(openai, h, {});
  assert.equal(auth.chatgpt, true);
  assert.equal(endpointUrl(effectiveProvider(openai, auth)).href, `${CHATGPT_BASE_URL}/responses`);
  assert.equal(effectiveProvider({ ...openai, baseUrl: 'http://127.0.0.1:1/v1' }, auth).baseUrl, 'http://127.0.0.1:1/v1');
  const apiKey = await resolveRequestAuth(openai, emptyHome, { OPENAI_API_KEY: 'k' });
  assert.equal(apiKey.chatgpt, false);
  assert.equal(effectiveProvider(openai, apiKey), openai);
});
