import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatDecoder, chatBody, chatMessages, chatTools } from '../../app/model/chat-wire.js';
import { ModelError, StreamError } from '../../app/model/errors.js';
import type { ResponseEvent, ResponseItem } from '../../app/model/items.js';
import { parseSse } from '../../app/model/sse.js';
import { renderChat } from '../support/mock-model-server.js';
import { request } from './helpers.js';

const user = (text: string): ResponseItem => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

test('history → chat messages: system first, roles, calls and outputs, dropped items', () => {
  const input: ResponseItem[] = [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'policy' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a' }, { type: 'input_text', text: 'b' }] },
    { type: 'reasoning', id: 'r1', summary: [{ type: 'summary_text', text: 'thinking' }] },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
    { type: 'function_call', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'c1' },
    { type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch', call_id: 'c2' },
    { type: 'function_call_output', call_id: 'c1', output: 'file.txt' },
    { type: 'custom_tool_call_output', call_id: 'c2', output: 'Done!' },
    { type: 'local_shell_call', call_id: 'c3', status: 'completed', action: { type: 'exec', command: ['pwd'] } },
    { type: 'function_call_output', call_id: 'c3', output: '/tmp' },
    { type: 'web_search_call', action: { type: 'search', query: 'x' } },
    user('thanks'),
  ];
  assert.deepEqual(chatMessages('SYS', input), [
    { role: 'system', content: 'SYS' },
    { role: 'system', content: 'policy' },
    { role: 'user', content: 'ab' },
    {
      role: 'assistant',
      content: 'Let me look.',
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'shell', arguments: '{"command":["ls"]}' } },
        { id: 'c2', type: 'function', function: { name: 'apply_patch', arguments: '*** Begin Patch' } },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'file.txt' },
    { role: 'tool', tool_call_id: 'c2', content: 'Done!' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c3', type: 'function', function: { name: 'local_shell', arguments: '{"type":"exec","command":["pwd"]}' } }],
    },
    { role: 'tool', tool_call_id: 'c3', content: '/tmp' },
    { role: 'user', content: 'thanks' },
  ]);
});

test('images become image_url parts', () => {
  const msgs = chatMessages('S', [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'see' }, { type: 'input_image', image_url: 'data:image/png;base64,AA' }] }]);
  assert.deepEqual(msgs[1], { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] });
});

test('only function tools are sent; no tools → no tools key', () => {
  const params = { type: 'object', properties: {} };
  assert.deepEqual(chatTools([
    { type: 'function', name: 'shell', description: 'run', strict: false, parameters: params },
    { type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'text' } },
    { type: 'local_shell' },
    { type: 'web_search' },
  ]), [{ type: 'function', function: { name: 'shell', description: 'run', strict: false, parameters: params } }]);
  const body = chatBody(request());
  assert.equal('tools' in body, false);
  assert.equal(body.stream, true);
  assert.equal(body.model, 'gpt-test');
});

function decode(sse: string): ResponseEvent[] {
  const d = new ChatDecoder('m');
  const out: ResponseEvent[] = [];
  for (const ev of parseSse(sse)) {
    out.push(...d.push(ev));
    if (d.done) break;
  }
  return [...out, ...d.finish()];
}

test('decoder: text, reasoning and several tool calls aggregate into items', () => {
  const sse = renderChat([
    { type: 'reasoning', summary: ['hmm'] },
    { type: 'text', text: 'Running two things.' },
    { type: 'function_call', name: 'a', arguments: '{"k":"v"}', call_id: 'x1' },
    { type: 'function_call', name: 'b', arguments: '{}', call_id: 'x2' },
  ], { input_tokens: 5, cached_input_tokens: 1, output_tokens: 3, reasoning_output_tokens: 0, total_tokens: 8 }, 0, 'm').join('');
  const events = decode(sse);
  // What the server shows of its reasoning is the summary, shown as the Responses one is (not raw content, hidden by default).
  assert.deepEqual(events.filter((e) => e.type.startsWith('reasoning')), [{ type: 'reasoning_summary_delta', delta: 'hmm' }]);
  assert.deepEqual(events.filter((e) => e.type === 'output_item_done').map((e) => e.type === 'output_item_done' && e.item), [
    { type: 'reasoning', id: '', summary: [{ type: 'summary_text', text: 'hmm' }] },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Running two things.' }] },
    { type: 'function_call', name: 'a', arguments: '{"k":"v"}', call_id: 'x1' },
    { type: 'function_call', name: 'b', arguments: '{}', call_id: 'x2' },
  ]);
  assert.deepEqual(events.at(-1), {
    type: 'completed', response_id: 'chatcmpl_mock_0',
    token_usage: { input_tokens: 5, cached_input_tokens: 1, output_tokens: 3, reasoning_output_tokens: 0, total_tokens: 8 },
  });
});

test('decoder: reasoning as {text} or reasoning_content; a call without id gets one', () => {
  const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ id: 'q', choices: [{ delta, finish_reason: finish }] })}\n\n`;
  const events = decode(
    chunk({ reasoning: { text: 'a' } }) + chunk({ reasoning_content: 'b' }) +
    chunk({ tool_calls: [{ index: 0, function: { name: 'sh', arguments: '{"x"' } }] }) +
    chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }) + chunk({}, 'tool_calls') + 'data: [DONE]\n\n',
  );
  assert.equal(events.filter((e) => e.type === 'reasoning_summary_delta').map((e) => e.type === 'reasoning_summary_delta' && e.delta).join(''), 'ab');
  const call = events.find((e) => e.type === 'output_item_done' && e.item.type === 'function_call');
  assert.ok(call?.type === 'output_item_done' && call.item.type === 'function_call');
  assert.equal(call.item.arguments, '{"x":1}');
  assert.match(call.item.call_id, /^call_0_/);
  assert.equal(events.at(-1)!.type, 'completed');
});

test('decoder: a stream that ends before finish_reason or [DONE] is a StreamError', () => {
  const d = new ChatDecoder('m');
  d.push({ event: 'message', data: JSON.stringify({ choices: [{ delta: { content: 'half' } }] }) });
  assert.throws(() => d.finish(), (e: unknown) => e instanceof StreamError && e.message === 'stream closed before [DONE]');
});

test('decoder: an error chunk is a StreamError with its message', () => {
  const d = new ChatDecoder('m');
  assert.throws(() => d.push({ event: 'message', data: '{"error":{"message":"model overloaded"}}' }), (e: unknown) => e instanceof StreamError && e.message === 'model overloaded');
});

test('decoder: a chunk with a field of the wrong type is a StreamError naming the field', () => {
  const bad: [object, RegExp][] = [
    [{ choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'sh', arguments: [1, 2] } }] } }] }, /choices\.0\.delta\.tool_calls\.0\.function\.arguments: /],
    [{ choices: [{ delta: { tool_calls: {} } }] }, /choices\.0\.delta\.tool_calls: /],
    [{ choices: [{ delta: { content: 5 } }] }, /choices\.0\.delta\.content: /],
    [{ usage: 'lots' }, /usage: /],
  ];
  for (const [chunk, field] of bad) {
    assert.throws(() => new ChatDecoder('m').push({ event: 'message', data: JSON.stringify(chunk) }), (e: unknown) => {
      assert.ok(e instanceof StreamError, String(e));
      assert.match(e.message, /^malformed chat completion chunk: /);
      assert.match(e.message, field);
      return true;
    });
  }
  // Nulls where providers send them are fine.
  const ok = new ChatDecoder('m').push({ event: 'message', data: JSON.stringify({ id: null, usage: null, choices: [{ delta: { role: 'assistant', content: null, tool_calls: null }, finish_reason: null }] }) });
  assert.deepEqual(ok, []);
});

const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ id: 'q', choices: [{ delta, finish_reason: finish }] })}\n\n`;
const calls = (events: ResponseEvent[]) =>
  events.flatMap((e) => (e.type === 'output_item_done' && e.item.type === 'function_call' ? [[e.item.name, e.item.arguments, e.item.call_id]] : []));

test('decoder: parallel calls that all say index 0 (Ollama) or no index at all stay apart by id', () => {
  const args = (w: string) => JSON.stringify({ command: ['echo', w] });
  const ollama = decode(
    chunk({ tool_calls: [{ id: 'call_x1', index: 0, function: { name: 'shell', arguments: args('one') } }] }) +
    chunk({ tool_calls: [{ id: 'call_x2', index: 0, function: { name: 'shell', arguments: args('two') } }] }) + chunk({}, 'tool_calls') + 'data: [DONE]\n\n',
  );
  assert.deepEqual(calls(ollama), [['shell', args('one'), 'call_x1'], ['shell', args('two'), 'call_x2']]);
  const noIndex = decode(
    chunk({ tool_calls: [{ id: 'a', function: { name: 'shell', arguments: '{"command":' } }] }) +
    chunk({ tool_calls: [{ function: { arguments: '["ls"]}' } }] }) +
    chunk({ tool_calls: [{ id: 'b', function: { name: 'update_plan', arguments: '{}' } }] }) + chunk({}, 'tool_calls'),
  );
  assert.deepEqual(calls(noIndex), [['shell', '{"command":["ls"]}', 'a'], ['update_plan', '{}', 'b']]);
});

test('decoder: a name repeated in every delta is the name once; parsed or empty arguments become JSON text', () => {
  const events = decode(
    chunk({ tool_calls: [{ index: 0, id: 'r', function: { name: 'shell', arguments: '{"command":' } }] }) +
    chunk({ tool_calls: [{ index: 0, id: 'r', function: { name: 'shell', arguments: '["ls"]}' } }] }) +
    chunk({ tool_calls: [{ index: 1, id: 'o', function: { name: 'shell', arguments: { command: ['pwd'] } } }] }) +
    chunk({ tool_calls: [{ index: 2, id: 'e', function: { name: 'list', arguments: '' } }] }) + chunk({}, 'tool_calls'),
  );
  assert.deepEqual(calls(events), [['shell', '{"command":["ls"]}', 'r'], ['shell', '{"command":["pwd"]}', 'o'], ['list', '{}', 'e']]);
});

test('decoder: errors inside the stream keep the server\'s message; a request the server refuses is not retried', () => {
  const fails = (sse: string, check: (e: unknown) => boolean) => assert.throws(() => decode(sse), check);
  // llama.cpp: an `error:` line, then [DONE].
  fails('error: {"code":400,"message":"the request exceeds the available context size"}\n\ndata: [DONE]\n\n',
    (e) => e instanceof ModelError && e.kind === 'fatal' && /context window/.test(e.message) && /exceeds the available context size/.test(e.message));
  // vLLM's shape, and a bare string.
  fails('data: {"error":{"message":"model llama9 not found","code":404}}\n\n', (e) => e instanceof ModelError && /model llama9 not found/.test(e.message));
  fails('data: {"error":"model not found"}\n\n', (e) => e instanceof ModelError && /model not found/.test(e.message));
  // A passing condition is still retried.
  fails('data: {"error":{"message":"server overloaded, try again"}}\n\n', (e) => e instanceof StreamError);
});

test('decoder: finish_reason "length" is a cut-off reply, not an answer', () => {
  assert.throws(() => decode(chunk({ content: 'The answer is' }) + chunk({}, 'length')), (e: unknown) => e instanceof ModelError && /finish_reason: length/.test(e.message));
});

test('request body: usage is asked for; --output-schema becomes response_format', () => {
  const schema = { type: 'object', properties: { a: { type: 'string' } } };
  const body = chatBody(request({ text: { format: { type: 'json_schema', name: 'codex_output_schema', schema, strict: true } } }));
  assert.deepEqual(body.stream_options, { include_usage: true });
  assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: 'codex_output_schema', schema, strict: true } });
  assert.equal('response_format' in chatBody(request()), false);
});

test('request body: the reasoning effort the Responses wire would send goes as reasoning_effort; none without one', () => {
  assert.equal(chatBody(request({ reasoning: { effort: 'high', summary: 'auto' } })).reasoning_effort, 'high');
  assert.equal('reasoning_effort' in chatBody(request()), false);
});

test('decoder: the model asked for tells how its content marks reasoning: held back until </think> for one whose template opens the block, streamed at once for another', () => {
  const chunk = (content: string) => ({ event: 'message', data: JSON.stringify({ choices: [{ delta: { content } }] }) });
  const r1 = new ChatDecoder('deepseek-r1:8b');
  assert.deepEqual(r1.push(chunk('Weighing it.')), []);
  assert.deepEqual(r1.push(chunk('\n</think>\n\nYes.')), [{ type: 'reasoning_summary_delta', delta: 'Weighing it.\n' }, { type: 'output_text_delta', delta: 'Yes.' }]);
  assert.deepEqual(new ChatDecoder('llama3.1').push(chunk('Hello')), [{ type: 'output_text_delta', delta: 'Hello' }]);
});
