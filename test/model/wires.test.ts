import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelRequest } from '../../app/model/items.js';
import { wireOf } from '../../app/model/wires.js';

test('each wire_api names a wire: its path, its headers, what tools it can carry, its body and decoder', () => {
  const responses = wireOf({ wireApi: 'responses' });
  const chat = wireOf({ wireApi: 'chat' });
  assert.equal(responses.path, '/responses');
  assert.equal(chat.path, '/chat/completions');
  assert.deepEqual(responses.headers('s1'), { 'openai-beta': 'responses=experimental', session_id: 's1' });
  assert.deepEqual(responses.headers(undefined), { 'openai-beta': 'responses=experimental' });
  assert.deepEqual(chat.headers('s1'), {});
  assert.equal(responses.customTools, true);
  assert.equal(chat.customTools, false);
  const req: ModelRequest = { model: 'm', instructions: 'be brief', input: [], tools: [], parallel_tool_calls: false, store: false, include: [] };
  assert.equal((chat.body(req).messages as { role: string }[])[0]!.role, 'system');
  assert.equal(responses.body(req).instructions, 'be brief');
  assert.notEqual(responses.decoder('m'), responses.decoder('m'), 'a fresh decoder per stream');
});
