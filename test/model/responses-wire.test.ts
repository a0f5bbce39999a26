import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelError, StreamError } from '../../app/model/errors.js';
import { ResponsesDecoder, responsesBody } from '../../app/model/responses-wire.js';
import { request } from './helpers.js';

const ev = (data: object) => ({ event: 'message', data: JSON.stringify(data) });

test('request body: the fields of reference §4.5', () => {
  const body = responsesBody(request({
    tools: [{ type: 'function', name: 'shell', description: 'd', strict: false, parameters: { type: 'object' } }],
    reasoning: { effort: 'medium', summary: 'auto' },
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'conv-1',
    text: { verbosity: 'low' },
  }));
  assert.deepEqual(body, {
    model: 'gpt-test',
    instructions: 'You are a test.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    tools: [{ type: 'function', name: 'shell', description: 'd', strict: false, parameters: { type: 'object' } }],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'conv-1',
    text: { verbosity: 'low' },
  });
  const bare = responsesBody(request());
  for (const k of ['reasoning', 'prompt_cache_key', 'text']) assert.equal(k in bare, false, k);
});

test('request body: output items go back without their ids (store:false keeps nothing under them), reasoning keeps its id', () => {
  const body = responsesBody(request({
    input: [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'enc' },
      { type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
      { type: 'function_call', id: 'fc_1', name: 'shell', arguments: '{}', call_id: 'call_1' },
      { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
      { type: 'custom_tool_call', id: 'ctc_1', name: 'apply_patch', input: 'p', call_id: 'call_2' },
      { type: 'local_shell_call', id: 'ls_1', status: 'completed', action: { type: 'exec', command: ['ls'] } },
      { type: 'web_search_call', id: 'ws_1', status: 'completed' },
    ],
  }));
  assert.deepEqual(body.input, [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'enc' },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
    { type: 'function_call', name: 'shell', arguments: '{}', call_id: 'call_1' },
    { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
    { type: 'custom_tool_call', name: 'apply_patch', input: 'p', call_id: 'call_2' },
    { type: 'local_shell_call', status: 'completed', action: { type: 'exec', command: ['ls'] }, call_id: 'ls_1' },
    { type: 'web_search_call', status: 'completed' },
  ]);
});

test('deltas map to their events; completed waits for finish()', () => {
  const d = new ResponsesDecoder();
  assert.deepEqual(d.push(ev({ type: 'response.created', response: { id: 'r' } })), []);
  assert.deepEqual(d.push(ev({ type: 'response.output_text.delta', delta: 'a' })), [{ type: 'output_text_delta', delta: 'a' }]);
  assert.deepEqual(d.push(ev({ type: 'response.reasoning_summary_text.delta', delta: 'b' })), [{ type: 'reasoning_summary_delta', delta: 'b' }]);
  assert.deepEqual(d.push(ev({ type: 'response.reasoning_text.delta', delta: 'c' })), [{ type: 'reasoning_content_delta', delta: 'c' }]);
  assert.deepEqual(d.push(ev({ type: 'response.reasoning_summary_part.added' })), [{ type: 'reasoning_summary_part_added' }]);
  assert.equal(d.done, false);
  assert.deepEqual(d.push(ev({ type: 'response.completed', response: { id: 'r', usage: { input_tokens: 3, output_tokens: 4 } } })), []);
  assert.equal(d.done, true);
  assert.deepEqual(d.finish(), [{
    type: 'completed', response_id: 'r',
    token_usage: { input_tokens: 3, cached_input_tokens: 0, output_tokens: 4, reasoning_output_tokens: 0, total_tokens: 7 },
  }]);
});

test('output_item.added is forwarded for web_search_call only; unknown items are skipped', () => {
  const d = new ResponsesDecoder();
  assert.deepEqual(d.push(ev({ type: 'response.output_item.added', item: { type: 'message', role: 'assistant', content: [] } })), []);
  assert.deepEqual(d.push(ev({ type: 'response.output_item.added', item: { type: 'web_search_call', id: 'ws', status: 'in_progress' } })), [
    { type: 'output_item_added', item: { type: 'web_search_call', id: 'ws', status: 'in_progress' } },
  ]);
  assert.deepEqual(d.push(ev({ type: 'response.output_item.done', item: { type: 'image_generation_call', id: 'x' } })), []);
  assert.deepEqual(d.push(ev({ type: 'response.output_item.done', item: { type: 'function_call', name: 'f', arguments: '{}', call_id: 'c', extra: 1 } })), [
    { type: 'output_item_done', item: { type: 'function_call', name: 'f', arguments: '{}', call_id: 'c' } },
  ]);
});

test('a stream without response.completed is a StreamError', () => {
  assert.throws(() => new ResponsesDecoder().finish(), (e: unknown) => e instanceof StreamError && e.message === 'stream closed before response.completed');
});

test('response.failed: retryable with the hinted delay, or fatal', () => {
  const failed = (error: object) => () => new ResponsesDecoder().push(ev({ type: 'response.failed', response: { error } }));
  assert.throws(failed({ code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 1.5s.' }),
    (e: unknown) => e instanceof StreamError && e.retryAfterMs === 1500 && /Rate limit reached/.test(e.message));
  assert.throws(failed({ code: 'server_error', message: 'boom' }), (e: unknown) => e instanceof StreamError && e.retryAfterMs === undefined);
  assert.throws(failed({ code: 'context_length_exceeded', message: 'too long' }),
    (e: unknown) => e instanceof ModelError && e.kind === 'fatal' && /ran out of room/.test(e.message));
  assert.throws(failed({ code: 'insufficient_quota', message: 'q' }), (e: unknown) => e instanceof ModelError && e.kind === 'fatal');
});

test('response.incomplete names the reason', () => {
  assert.throws(() => new ResponsesDecoder().push(ev({ type: 'response.incomplete', response: { incomplete_details: { reason: 'max_output_tokens' } } })),
    (e: unknown) => e instanceof StreamError && e.message === 'Incomplete response returned, reason: max_output_tokens');
});

test('message parts the client does not model are dropped, not the message', () => {
  const d = new ResponsesDecoder();
  assert.deepEqual(d.push(ev({ type: 'response.output_item.done', item: {
    type: 'message', id: 'm', role: 'assistant',
    content: [{ type: 'output_text', text: 'hi', annotations: [] }, { type: 'refusal', refusal: 'no' }],
  } })), [{ type: 'output_item_done', item: { type: 'message', id: 'm', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] } }]);
  assert.deepEqual(d.push(ev({ type: 'response.output_item.done', item: { type: 'reasoning', id: 'r', encrypted_content: 'enc' } })), [
    { type: 'output_item_done', item: { type: 'reasoning', id: 'r', summary: [], encrypted_content: 'enc' } },
  ]);
});

test('response.completed is checked: usage counts of the wrong type are a StreamError naming the field; nulls are zero', () => {
  assert.throws(
    () => new ResponsesDecoder().push(ev({ type: 'response.completed', response: { id: 'r', usage: { input_tokens: '10', output_tokens: 5 } } })),
    (e: unknown) => e instanceof StreamError && /^malformed response\.completed event: response\.usage\.input_tokens: /.test(e.message),
  );
  const d = new ResponsesDecoder();
  d.push(ev({ type: 'response.completed', response: { id: 'r', usage: { input_tokens: 10, input_tokens_details: null, output_tokens: 5, output_tokens_details: { reasoning_tokens: null } } } }));
  assert.deepEqual(d.finish(), [{ type: 'completed', response_id: 'r', token_usage: { input_tokens: 10, cached_input_tokens: 0, output_tokens: 5, reasoning_output_tokens: 0, total_tokens: 15 } }]);
});
