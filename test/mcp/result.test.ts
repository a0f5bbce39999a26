import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverEnvironment } from '../../app/mcp/client/env.js';
import { outputFromCallError, outputFromResult, parseToolArguments } from '../../app/mcp/client/result.js';

test('structuredContent wins over content; null structuredContent falls back to content', () => {
  const content = [{ type: 'text', text: 'hi' }];
  assert.deepEqual(outputFromResult({ content }), { output: '[{"type":"text","text":"hi"}]', success: true });
  assert.deepEqual(outputFromResult({ content, structuredContent: { a: 1 } }), { output: '{"a":1}', success: true });
  assert.deepEqual(outputFromResult({ content, structuredContent: null }), { output: '[{"type":"text","text":"hi"}]', success: true });
  assert.equal(outputFromResult({ content, isError: true }).success, false);
  assert.deepEqual(outputFromCallError('request timed out'), { output: 'tool call error: request timed out', success: false });
});

test('arguments: empty means none, objects pass, anything else is an error', () => {
  assert.deepEqual(parseToolArguments(''), { ok: true, value: undefined });
  assert.deepEqual(parseToolArguments('{"a":1}'), { ok: true, value: { a: 1 } });
  const bad = parseToolArguments('{nope');
  assert.equal(bad.ok, false);
  assert.equal(parseToolArguments('[1]').ok, false);
  assert.equal(parseToolArguments('"s"').ok, false);
});

test('stdio servers get only the allow-listed environment plus env_vars and env', () => {
  const parent = { HOME: '/h', PATH: '/bin', SECRET: 's', LANG: 'C', EXTRA: 'e' };
  assert.deepEqual(serverEnvironment(parent, {}), { HOME: '/h', PATH: '/bin', LANG: 'C' });
  assert.deepEqual(serverEnvironment(parent, { env_vars: ['EXTRA'], env: { PATH: '/opt', K: 'v' } }), {
    HOME: '/h', PATH: '/opt', LANG: 'C', EXTRA: 'e', K: 'v',
  });
});
