import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuthFileError, maskApiKey, readAuth, removeAuth, resolveAuth, saveApiKey } from '../../app/model/auth.js';
import { tempHome } from './home.js';

test('saveApiKey writes {"auth_mode": "apikey", "OPENAI_API_KEY": …} with mode 0600 and no temp file left', async () => {
  const home = join(tempHome(), 'fresh-home');
  const old = process.umask(0o000); // a permissive umask must not widen the file
  try {
    await saveApiKey(home, 'sk-test-key');
  } finally {
    process.umask(old);
  }
  const file = join(home, 'auth.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-key' });
  assert.deepEqual(readdirSync(home), ['auth.json']);
});

test('overwriting keeps mode 0600 even if the old file was wider', async () => {
  const home = tempHome({ 'auth.json': '{"OPENAI_API_KEY":"old"}' });
  const { chmodSync } = await import('node:fs');
  chmodSync(join(home, 'auth.json'), 0o644);
  await saveApiKey(home, 'new');
  assert.equal(statSync(join(home, 'auth.json')).mode & 0o777, 0o600);
  assert.equal((await readAuth(home))?.OPENAI_API_KEY, 'new');
});

test('readAuth: missing file → undefined; corrupt file → error naming it', async () => {
  assert.equal(await readAuth(tempHome()), undefined);
  const bad = tempHome({ 'auth.json': '{not json' });
  await assert.rejects(readAuth(bad), (e: unknown) => e instanceof AuthFileError && e.message.startsWith(`${join(bad, 'auth.json')}: not valid JSON`));
  const wrong = tempHome({ 'auth.json': '{"OPENAI_API_KEY": 5}' });
  await assert.rejects(readAuth(wrong), /OPENAI_API_KEY: expected a string/);
  const mode = tempHome({ 'auth.json': '{"auth_mode": 1}' });
  await assert.rejects(readAuth(mode), /auth_mode: expected a string such as "apikey" or "chatgpt"/);
});

test('removeAuth reports whether there was something to remove', async () => {
  const home = tempHome({ 'auth.json': '{}' });
  assert.equal(await removeAuth(home), true);
  assert.equal(await removeAuth(home), false);
});

test('resolveAuth: auth.json first, then OPENAI_API_KEY; ChatGPT tokens win', async () => {
  const home = tempHome();
  assert.equal(await resolveAuth(home, {}), undefined);
  assert.deepEqual(await resolveAuth(home, { OPENAI_API_KEY: ' sk-env ' }), { mode: 'apikey', apiKey: 'sk-env', source: 'env' });
  await saveApiKey(home, 'sk-file');
  assert.deepEqual(await resolveAuth(home, { OPENAI_API_KEY: 'sk-env' }), { mode: 'apikey', apiKey: 'sk-file', source: 'auth.json' });
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens: { access_token: 't' } }));
  assert.deepEqual(await resolveAuth(home, {}), { mode: 'chatgpt', tokens: { access_token: 't' } });
  // Files with and without auth_mode both read; an explicit "apikey" picks the key over tokens.
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-old' }));
  assert.deepEqual(await resolveAuth(home, {}), { mode: 'apikey', apiKey: 'sk-old', source: 'auth.json' });
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-k', tokens: { access_token: 't' } }));
  assert.deepEqual(await resolveAuth(home, {}), { mode: 'apikey', apiKey: 'sk-k', source: 'auth.json' });
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: 'sk-k', tokens: { access_token: 't' } }));
  assert.deepEqual(await resolveAuth(home, {}), { mode: 'chatgpt', tokens: { access_token: 't' } });
});

test('maskApiKey: first 8 + *** + last 5; short keys fully hidden', () => {
  assert.equal(maskApiKey('sk-proj-abcdefghijABCDE'), 'sk-proj-***ABCDE');
  assert.equal(maskApiKey('sk-test-123456789bcdef'), 'sk-test-***bcdef');
  assert.equal(maskApiKey('1234567890123'), '***');
  assert.equal(maskApiKey('12345678901234'), '12345678***01234');
});
