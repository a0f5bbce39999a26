import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropLastUserTurns, initialMessages, leadingContext, missingOutputs, userMessage } from '../../app/agent/conversation.js';
import type { ResponseItem } from '../../app/model/items.js';

const ctx = userMessage('<environment_context>\n</environment_context>');
const assistant = (text: string): ResponseItem => ({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
const history: ResponseItem[] = [
  ctx,
  userMessage('one'),
  { type: 'function_call', name: 'shell', arguments: '{}', call_id: 'c1' },
  { type: 'function_call_output', call_id: 'c1', output: 'ok' },
  assistant('first answer'),
  userMessage('two'),
  { type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch', call_id: 'c2' },
  { type: 'local_shell_call', call_id: 'c3', status: 'completed', action: { type: 'exec', command: ['ls'] } },
];

test('calls without outputs get synthetic "aborted" outputs of the matching type', () => {
  assert.deepEqual(missingOutputs(history), [
    { type: 'custom_tool_call_output', call_id: 'c2', output: 'aborted' },
    { type: 'function_call_output', call_id: 'c3', output: 'aborted' },
  ]);
});

test('fork drops the last n user turns, keeping the session context', () => {
  assert.equal(dropLastUserTurns(history, 0).length, history.length);
  assert.deepEqual(dropLastUserTurns(history, 1), history.slice(0, 5));
  assert.deepEqual(dropLastUserTurns(history, 2), [ctx]);
  assert.deepEqual(dropLastUserTurns(history, 5), [ctx]);
  assert.deepEqual(leadingContext(history), [ctx]);
});

test('initial messages show user turns and assistant messages only', () => {
  assert.deepEqual(initialMessages(history), [
    { type: 'user_message', message: 'one' },
    { type: 'agent_message', message: 'first answer' },
    { type: 'user_message', message: 'two' },
  ]);
});
