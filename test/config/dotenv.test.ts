import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDotEnv, parseDotEnv } from '../../app/config/dotenv.js';
import { tempHome } from './home.js';

test('parseDotEnv: comments, export, quotes, inline comments', () => {
  const text = '# comment\nA=1\nexport B = two words \nC="quoted # not a comment"\nD=\'single\'\nE=x # trailing\nnot a line\nF="multi\\nline"\n';
  assert.deepEqual(parseDotEnv(text), [['A', '1'], ['B', 'two words'], ['C', 'quoted # not a comment'], ['D', 'single'], ['E', 'x'], ['F', 'multi\nline']]);
});

test('parseDotEnv: quoted values may span lines', () => {
  const text = 'KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1\nBACK=`x\ny`\n';
  assert.deepEqual(Object.fromEntries(parseDotEnv(text)), { KEY: '-----BEGIN KEY-----\nabc\n-----END KEY-----', NEXT: '1', BACK: 'x\ny' });
});

test('loadDotEnv sets missing variables, keeps existing ones and never sets CODEX_*', () => {
  const home = tempHome({ '.env': 'OPENAI_API_KEY=sk-from-file\nKEEP=file\nCODEX_HOME=/evil\ncodex_sandbox=x\n' });
  const env: NodeJS.ProcessEnv = { KEEP: 'env' };
  assert.deepEqual(loadDotEnv(home, env), ['OPENAI_API_KEY']);
  assert.deepEqual(env, { KEEP: 'env', OPENAI_API_KEY: 'sk-from-file' });
});

test('loadDotEnv never sets HOME or XDG_CACHE_HOME, which chose the cache directory before it ran', () => {
  const home = tempHome({ '.env': 'XDG_CACHE_HOME=/elsewhere\nHOME=/elsewhere\nOTHER=1\n' });
  const env: NodeJS.ProcessEnv = {};
  assert.deepEqual(loadDotEnv(home, env), ['OTHER']);
  assert.deepEqual(env, { OTHER: '1' });
});

test('a missing .env is fine', () => {
  assert.deepEqual(loadDotEnv(tempHome(), {}), []);
});
