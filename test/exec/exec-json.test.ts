// `codex exec --json`: the thread/turn/item JSONL of 0.169, checked event by event.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { pngBytes } from '../support/images.js';
import { jsonLines, outputOf, scenario } from './support.js';

test('--json prints exactly the thread/turn/item events', () =>
  scenario([
    {
      output: [
        { type: 'reasoning', summary: ['Planning the work'] },
        { type: 'function_call', name: 'update_plan', arguments: { plan: [{ step: 'echo', status: 'in_progress' }, { step: 'answer', status: 'pending' }] }, call_id: 'p' },
      ],
      usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5 },
    },
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['/bin/bash', '-lc', 'echo hello-from-tool'] }, call_id: 's' }], usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5 } },
    { output: [{ type: 'text', text: 'Hello world' }], usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5, reasoning_output_tokens: 1 } },
  ], async (mock, ws) => {
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
  }));

test('--output-last-message writes the final message without a newline, or warns when there is none', () =>
  scenario([
    { output: [{ type: 'text', text: 'the answer' }] },
    { output: [] },
  ], async (mock, ws) => {
    const file = join(ws.repo, 'last.txt');
    const r = await runCodex(ws, ['exec', '--output-last-message', file, 'q']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), 'the answer');
    const r2 = await runCodex(ws, ['exec', '--output-last-message', file, 'q2']);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(readFileSync(file, 'utf8'), '');
    assert.match(r2.stderr, new RegExp(`Warning: no last agent message; wrote empty content to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }));

test('web search (tools.web_search) is offered natively and reported as a web_search item', () =>
  scenario([
    {
      output: [
        { type: 'raw', event: 'response.output_item.added', data: JSON.stringify({ type: 'response.output_item.added', output_index: 0, item: { type: 'web_search_call', id: 'ws_1', status: 'in_progress' } }) },
        { type: 'raw', event: 'response.output_item.done', data: JSON.stringify({ type: 'response.output_item.done', output_index: 0, item: { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'codex cli' } } }) },
        { type: 'text', text: 'found it' },
      ],
    },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', '-c', 'tools.web_search=true', 'search']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(mock.requests[0]!.body.tools?.some((t) => t.type === 'web_search'));
    const items = jsonLines(r.stdout).filter((e) => e.type === 'item.completed').map((e) => e.item);
    assert.deepEqual(items, [{ id: 'item_0', type: 'web_search', query: 'codex cli' }, { id: 'item_1', type: 'agent_message', text: 'found it' }]);
  }));

test('--color always paints the activity, --color never does not; -i attaches an image', () =>
  scenario([{ output: [{ type: 'text', text: 'pretty' }] }, { output: [{ type: 'text', text: 'plain' }] }], async (mock, ws) => {
    const png = join(ws.repo, 'dot.png');
    writeFileSync(png, pngBytes(1, 1));
    const a = await runCodex(ws, ['exec', '--color', 'always', '-i', png, 'look']);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stderr, /\x1b\[/);
    assert.equal(a.stdout, 'pretty\n');
    const content = mock.requests[0]!.body.input?.at(-1);
    assert.ok(content?.type === 'message');
    assert.deepEqual(content.content, [
      { type: 'input_text', text: 'look' },
      { type: 'input_image', image_url: `data:image/png;base64,${pngBytes(1, 1).toString('base64')}` },
    ]);
    const b = await runCodex(ws, ['exec', '--color', 'never', 'look']);
    assert.equal(b.code, 0, b.stderr);
    assert.doesNotMatch(b.stderr, /\x1b\[/);
  }));

test('-i with a file that cannot be read fails the run with a message naming it (no hang, no request)', () =>
  scenario([{ output: [{ type: 'text', text: 'never' }] }], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '-i', 'missing.png', 'look'], { timeoutMs: 15_000 });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /unable to read image .*missing\.png: ENOENT/);
    const j = await runCodex(ws, ['exec', '--json', '-i', 'missing.png', 'look'], { timeoutMs: 15_000 });
    assert.equal(j.code, 1, j.stderr);
    assert.match(j.stdout, /"type":"error","message":"unable to read image /);
    assert.equal(mock.requests.length, 0);
  }));

test('config warnings become error items before the turn, as in 0.169', () =>
  scenario([{ output: [{ type: 'text', text: 'ok' }] }], { config: 'no_such_key = 1' }, async (_mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    const ev = jsonLines(r.stdout);
    assert.equal(ev[0]!.type, 'thread.started');
    assert.equal(ev[1]!.type, 'item.completed');
    const item = ev[1]!.item as { id: string; type: string; message: string };
    assert.equal(item.id, 'item_0');
    assert.equal(item.type, 'error');
    assert.match(item.message, /no_such_key/);
    assert.equal(ev[2]!.type, 'turn.started');
    assert.equal(ev.at(-1)!.type, 'turn.completed');
  }));

test('a reader that closes stdout early does not fail the run', () =>
  scenario([{ output: [{ type: 'text', text: 'line one\nline two' }] }], async (mock, ws) => {
    const { spawn } = await import('node:child_process');
    const { CODEX_JS, collect } = await import('../support/cli.js');
    // `| head -c 1` closes the pipe after one byte, while JSON lines are still coming.
    const r = await collect(spawn('bash', ['-c', `"${process.execPath}" "${CODEX_JS}" exec --json hi | head -c 1; echo " status=\${PIPESTATUS[0]}"`], {
      cwd: ws.repo, env: ws.env, stdio: ['ignore', 'pipe', 'pipe'],
    }));
    assert.match(r.stdout, /^\{ status=0\n$/);
    assert.doesNotMatch(r.stderr, /EPIPE/);
    assert.equal(mock.requests.length, 1);
  }));

test('huge output: the model and the JSON both count every line written, and the cut is marked', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['seq', '1', '2000000'] }, call_id: 's' }] },
    { output: [{ type: 'text', text: 'counted' }] },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', '-s', 'danger-full-access', 'count']);
    assert.equal(r.code, 0, r.stderr);
    const { output } = JSON.parse(outputOf(mock.requests[1]!.body.input, 's')!) as { output: string };
    assert.match(output, /^1\n2\n[\s\S]*\n128\n\n\[\.\.\. omitted 1999744 of 2000000 lines \.\.\.\]\n\n1999873\n[\s\S]*\n2000000\n$/);
    const item = jsonLines(r.stdout).map((e) => e.item as { type: string; aggregated_output: string } | undefined)
      .find((i) => i?.type === 'command_execution' && i.aggregated_output !== '')!;
    // The kept head ends and the kept tail starts at a line boundary, with the marker between.
    const m = /^1\n[\d\n]*\n(\d+)\n\[\.\.\. omitted (\d+) of 2000000 lines \.\.\.\]\n(\d+)\n[\d\n]*\n2000000\n$/.exec(item.aggregated_output);
    assert.ok(m, item.aggregated_output.slice(0, 100));
    assert.equal(Number(m[3]) - Number(m[1]) - 1, Number(m[2]));
  }));
