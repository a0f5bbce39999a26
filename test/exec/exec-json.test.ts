// `codex exec --json`: the thread/turn/item JSONL of 0.169, checked event by event.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createWorkspace, runCodex } from '../support/cli.js';
import { jsonLines, withMock } from './support.js';

test('--json prints exactly the thread/turn/item events', () =>
  withMock([
    {
      output: [
        { type: 'reasoning', summary: ['Planning the work'] },
        { type: 'function_call', name: 'update_plan', arguments: { plan: [{ step: 'echo', status: 'in_progress' }, { step: 'answer', status: 'pending' }] }, call_id: 'p' },
      ],
      usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5 },
    },
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['/bin/bash', '-lc', 'echo hello-from-tool'] }, call_id: 's' }], usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5 } },
    { output: [{ type: 'text', text: 'Hello world' }], usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5, reasoning_output_tokens: 1 } },
  ], async (mock) => {
    const ws = createWorkspace(mock.url);
    try {
      const r = await runCodex(ws, ['exec', '--experimental-json', '-s', 'danger-full-access', 'go']);
      assert.equal(r.code, 0, r.stderr);
      const ev = jsonLines(r.stdout);
      const threadId = ev[0]!.thread_id as string;
      assert.match(threadId, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const cmd = "/bin/bash -lc 'echo hello-from-tool'";
      assert.deepEqual(ev, [
        { type: 'thread.started', thread_id: threadId },
        { type: 'turn.started' },
        { type: 'item.completed', item: { id: 'item_0', type: 'reasoning', text: 'Planning the work' } },
        { type: 'item.started', item: { id: 'item_1', type: 'todo_list', items: [{ text: 'echo', completed: false }, { text: 'answer', completed: false }] } },
        { type: 'item.started', item: { id: 'item_2', type: 'command_execution', command: cmd, aggregated_output: '', exit_code: null, status: 'in_progress' } },
        { type: 'item.completed', item: { id: 'item_2', type: 'command_execution', command: cmd, aggregated_output: 'hello-from-tool\n', exit_code: 0, status: 'completed' } },
        { type: 'item.completed', item: { id: 'item_3', type: 'agent_message', text: 'Hello world' } },
        { type: 'item.completed', item: { id: 'item_1', type: 'todo_list', items: [{ text: 'echo', completed: false }, { text: 'answer', completed: false }] } },
        { type: 'turn.completed', usage: { input_tokens: 30, cached_input_tokens: 6, cache_write_input_tokens: 0, output_tokens: 15, reasoning_output_tokens: 1 } },
      ]);
      assert.equal(r.stdout.split('\n').filter(Boolean).length, ev.length);
      // The rollout lives under sessions/YYYY/MM/DD and is named after the thread id.
      const { findRolloutById } = await import('../../app/agent/rollout.js');
      const path = findRolloutById(ws.home, threadId);
      assert.ok(path && existsSync(path));
      const types = readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
      assert.equal(types[0], 'session_meta');
      assert.ok(types.includes('response_item') && types.includes('event_msg') && types.includes('turn_context'));
    } finally {
      ws.cleanup();
    }
  }));

test('--output-last-message writes the final message without a newline, or warns when there is none', () =>
  withMock([
    { output: [{ type: 'text', text: 'the answer' }] },
    { output: [] },
  ], async (mock) => {
    const ws = createWorkspace(mock.url);
    try {
      const file = join(ws.repo, 'last.txt');
      const r = await runCodex(ws, ['exec', '--output-last-message', file, 'q']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(file, 'utf8'), 'the answer');
      const r2 = await runCodex(ws, ['exec', '--output-last-message', file, 'q2']);
      assert.equal(r2.code, 0, r2.stderr);
      assert.equal(readFileSync(file, 'utf8'), '');
      assert.match(r2.stderr, new RegExp(`Warning: no last agent message; wrote empty content to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    } finally {
      ws.cleanup();
    }
  }));
