import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event, EventMsg } from '../../app/protocol/events.js';
import { JsonlEventMapper, type ThreadEvent } from '../../app/exec/jsonl-output.js';

const usage = (i: number, c: number, o: number) => ({ input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: 0, total_tokens: i + o });

function run(msgs: EventMsg[], m = new JsonlEventMapper()): ThreadEvent[] {
  return msgs.flatMap((msg) => m.map({ id: '1', msg } satisfies Event));
}

test('a shell call then a message maps to the 0.169 JSONL, usage summed over the turn', () => {
  const out = run([
    { type: 'session_configured', session_id: 'tid', model: 'm', history_log_id: 0, history_entry_count: 0, rollout_path: '/r' },
    { type: 'task_started' },
    { type: 'agent_message_delta', delta: 'ignored' },
    { type: 'token_count', info: { total_token_usage: usage(10, 2, 5), last_token_usage: usage(10, 2, 5) } },
    { type: 'exec_command_begin', call_id: 'c', command: ['/bin/bash', '-lc', 'echo hello-from-tool'], cwd: '/w' },
    { type: 'exec_command_end', call_id: 'c', stdout: 'hello-from-tool\n', stderr: '', aggregated_output: 'hello-from-tool\n', exit_code: 0, duration_ms: 3, formatted_output: '' },
    { type: 'token_count', info: { total_token_usage: usage(20, 4, 10), last_token_usage: usage(10, 2, 5) } },
    { type: 'agent_message', message: 'Hello world' },
    { type: 'task_complete', last_agent_message: 'Hello world' },
  ]);
  assert.deepEqual(out, [
    { type: 'thread.started', thread_id: 'tid' },
    { type: 'turn.started' },
    { type: 'item.started', item: { id: 'item_0', type: 'command_execution', command: "/bin/bash -lc 'echo hello-from-tool'", aggregated_output: '', exit_code: null, status: 'in_progress' } },
    { type: 'item.completed', item: { id: 'item_0', type: 'command_execution', command: "/bin/bash -lc 'echo hello-from-tool'", aggregated_output: 'hello-from-tool\n', exit_code: 0, status: 'completed' } },
    { type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: 'Hello world' } },
    { type: 'turn.completed', usage: { input_tokens: 20, cached_input_tokens: 4, cache_write_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 0 } },
  ]);
  // Field order matches the original's serialisation.
  assert.equal(JSON.stringify(out.at(-1)), '{"type":"turn.completed","usage":{"input_tokens":20,"cached_input_tokens":4,"cache_write_input_tokens":0,"output_tokens":10,"reasoning_output_tokens":0}}');
});

test('patches, plans, MCP calls, reasoning, failures and errors', () => {
  const m = new JsonlEventMapper();
  const warn = m.warning('heads up');
  assert.deepEqual(warn, [{ type: 'item.completed', item: { id: 'item_0', type: 'error', message: 'heads up' } }]);
  const out = run([
    { type: 'task_started' },
    { type: 'agent_reasoning', text: 'thinking…' },
    { type: 'plan_update', plan: [{ step: 'a', status: 'in_progress' }, { step: 'b', status: 'pending' }] },
    { type: 'patch_apply_begin', call_id: 'p', auto_approved: true, changes: { '/w/a': { add: { content: 'x' } }, '/w/b': { delete: { content: '' } }, '/w/c': { update: { unified_diff: '' } } } },
    { type: 'patch_apply_end', call_id: 'p', stdout: '', stderr: 'bad', success: false },
    { type: 'plan_update', plan: [{ step: 'a', status: 'completed' }, { step: 'b', status: 'in_progress' }] },
    { type: 'mcp_tool_call_begin', call_id: 'm', invocation: { server: 's', tool: 't', arguments: { q: 1 } } },
    { type: 'mcp_tool_call_end', call_id: 'm', invocation: { server: 's', tool: 't' }, duration_ms: 1, result: { Ok: { content: [{ type: 'text', text: 'r' }] } } },
    { type: 'exec_command_begin', call_id: 'x', command: ['rm', '-rf', '/'], cwd: '/w' },
    { type: 'exec_command_end', call_id: 'x', stdout: '', stderr: '', aggregated_output: 'exec command rejected by user', exit_code: -1, duration_ms: 0, formatted_output: '', declined: true },
    { type: 'stream_error', message: 'Reconnecting... 1/5 (boom)' },
    { type: 'error', message: 'fatal' },
    { type: 'task_complete', last_agent_message: null },
  ], m);
  assert.deepEqual(out, [
    { type: 'turn.started' },
    { type: 'item.completed', item: { id: 'item_1', type: 'reasoning', text: 'thinking…' } },
    { type: 'item.started', item: { id: 'item_2', type: 'todo_list', items: [{ text: 'a', completed: false }, { text: 'b', completed: false }] } },
    { type: 'item.completed', item: { id: 'item_3', type: 'file_change', changes: [{ path: '/w/a', kind: 'add' }, { path: '/w/b', kind: 'delete' }, { path: '/w/c', kind: 'update' }], status: 'failed' } },
    { type: 'item.updated', item: { id: 'item_2', type: 'todo_list', items: [{ text: 'a', completed: true }, { text: 'b', completed: false }] } },
    { type: 'item.started', item: { id: 'item_4', type: 'mcp_tool_call', server: 's', tool: 't', arguments: { q: 1 }, result: null, error: null, status: 'in_progress' } },
    { type: 'item.completed', item: { id: 'item_4', type: 'mcp_tool_call', server: 's', tool: 't', arguments: { q: 1 }, result: { content: [{ type: 'text', text: 'r' }], structured_content: null }, error: null, status: 'completed' } },
    { type: 'item.started', item: { id: 'item_5', type: 'command_execution', command: "rm -rf /", aggregated_output: '', exit_code: null, status: 'in_progress' } },
    { type: 'item.completed', item: { id: 'item_5', type: 'command_execution', command: 'rm -rf /', aggregated_output: 'exec command rejected by user', exit_code: null, status: 'declined' } },
    { type: 'error', message: 'Reconnecting... 1/5 (boom)' },
    { type: 'error', message: 'fatal' },
    { type: 'item.completed', item: { id: 'item_2', type: 'todo_list', items: [{ text: 'a', completed: true }, { text: 'b', completed: false }] } },
    { type: 'turn.failed', error: { message: 'fatal' } },
  ]);
});

test('any order of events maps without throwing; item ids are item_0, item_1, … in order of first use', async () => {
  const fc = await import('fast-check');
  const u = usage(1, 0, 1);
  const callId = fc.constantFrom('a', 'b', 'c');
  const msg: import('fast-check').Arbitrary<EventMsg> = fc.oneof(
    fc.constant<EventMsg>({ type: 'task_started' }),
    fc.constant<EventMsg>({ type: 'task_complete', last_agent_message: null }),
    fc.string().map((t): EventMsg => ({ type: 'agent_message', message: t })),
    fc.string().map((t): EventMsg => ({ type: 'agent_reasoning', text: t })),
    callId.map((c): EventMsg => ({ type: 'exec_command_begin', call_id: c, command: ['ls', c], cwd: '/' })),
    fc.tuple(callId, fc.integer({ min: -1, max: 3 }), fc.boolean()).map(([c, code, declined]): EventMsg => ({
      type: 'exec_command_end', call_id: c, stdout: '', stderr: '', aggregated_output: 'x', exit_code: code, duration_ms: 1, formatted_output: '', declined,
    })),
    callId.map((c): EventMsg => ({ type: 'patch_apply_begin', call_id: c, auto_approved: true, changes: { '/f': { add: { content: '' } } } })),
    fc.tuple(callId, fc.boolean()).map(([c, ok]): EventMsg => ({ type: 'patch_apply_end', call_id: c, stdout: '', stderr: '', success: ok })),
    callId.map((c): EventMsg => ({ type: 'mcp_tool_call_begin', call_id: c, invocation: { server: 's', tool: 't' } })),
    callId.map((c): EventMsg => ({ type: 'mcp_tool_call_end', call_id: c, invocation: { server: 's', tool: 't' }, duration_ms: 1, result: { Err: 'no' } })),
    fc.constant<EventMsg>({ type: 'plan_update', plan: [{ step: 's', status: 'pending' }] }),
    fc.constant<EventMsg>({ type: 'token_count', info: { total_token_usage: u, last_token_usage: u } }),
    fc.string().map((t): EventMsg => ({ type: 'error', message: t })),
    fc.string().map((t): EventMsg => ({ type: 'stream_error', message: t })),
  );
  fc.assert(fc.property(fc.array(msg, { maxLength: 40 }), (msgs) => {
    const out = run(msgs);
    const firstSeen: number[] = [];
    for (const e of out) {
      if (!('item' in e)) continue;
      const n = Number(e.item.id.slice('item_'.length));
      if (!firstSeen.includes(n)) firstSeen.push(n);
      JSON.stringify(e);
    }
    assert.deepEqual(firstSeen, [...firstSeen].sort((a, b) => a - b));
    assert.deepEqual(firstSeen, firstSeen.map((_, i) => i));
  }));
});
