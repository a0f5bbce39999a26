// The task/turn semantics of reference §4.8: interrupt, injected input,
// fork (backtrack), compaction, notify, token counts, buffered first events.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRollout } from '../../app/agent/rollout.js';
import { messageTexts, outputOf, withMock } from '../exec/support.js';
import { harness, text, withSession } from './support.js';
import { waitFor } from '../support/wait.js';
import { pngBytes } from '../support/images.js';

const reply = (t: string) => ({ output: [{ type: 'text' as const, text: t }] });
// A command that runs until the test creates `go` in the repository (at most 10 s): "while it runs" without a race.
const untilGo = { output: [{ type: 'function_call' as const, name: 'shell', arguments: { command: ['sh', '-c', 'for i in $(seq 1000); do [ -e go ] && exit 0; sleep 0.01; done; exit 1'] }, call_id: 's' }] };
const slow = { output: [{ type: 'function_call' as const, name: 'shell', arguments: { command: ['sleep', '30'], timeout_ms: 60_000 }, call_id: 'slow' }] };
const userTexts = (input: Parameters<typeof messageTexts>[0]) => messageTexts(input).filter((t) => !t.includes('<environment_context>'));

test('session_configured is buffered for the first subscriber and comes first; the log is written from the first message', () =>
  withSession([reply('hi')], async (h) => {
    const first = h.events[0]!;
    assert.equal(first.id, '');
    assert.equal(first.msg.type, 'session_configured');
    if (first.msg.type !== 'session_configured') return;
    assert.equal(first.msg.session_id, h.session.id);
    assert.equal(first.msg.rollout_path, h.session.rolloutPath);
    assert.equal(first.msg.model, 'gpt-5');
    // Nothing said yet: no file (a session quit now would clutter `codex resume`).
    assert.equal(existsSync(h.session.rolloutPath), false);
    h.session.submit(text('hello'));
    await h.next('task_complete');
    assert.ok(existsSync(h.session.rolloutPath));
    assert.equal(readRollout(h.session.rolloutPath).meta.id, h.session.id);
  }));

test('interrupt kills the running command, emits turn_aborted, and the next request carries "aborted"', () =>
  withSession([slow, reply('after')], 'sandbox_mode = "danger-full-access"', async (h, mock) => {
    h.session.submit(text('wait'));
    await h.next('exec_command_begin');
    const t0 = Date.now();
    h.session.submit({ type: 'interrupt' });
    const aborted = await h.next('turn_aborted');
    assert.equal(aborted.reason, 'interrupted');
    const end = await h.next('exec_command_end');
    assert.ok(end.exit_code !== 0);
    assert.ok(Date.now() - t0 < 5_000);
    assert.equal(h.events.some((e) => e.msg.type === 'task_complete'), false);
    const n = h.events.length;
    h.session.submit(text('next'));
    await h.next('task_complete', n);
    assert.equal(outputOf(mock.requests[1]!.body.input, 'slow'), 'aborted');
    assert.deepEqual(userTexts(mock.requests[1]!.body.input), ['user: wait', 'user: next']);
  }));

test('input submitted while a task runs is injected into its next request', () =>
  withSession([
    untilGo,
    reply('saw both'),
  ], 'sandbox_mode = "danger-full-access"', async (h, mock) => {
    h.session.submit(text('first'));
    await h.next('exec_command_begin');
    h.session.submit(text('also this'));
    h.session.submit({ type: 'list_mcp_tools' });
    await h.next('mcp_list_tools_response');
    writeFileSync(join(h.repo, 'go'), '');
    const done = await h.next('task_complete');
    assert.equal(done.last_agent_message, 'saw both');
    assert.equal(mock.requests.length, 2);
    assert.deepEqual(userTexts(mock.requests[1]!.body.input), ['user: first', 'user: also this']);
    assert.equal(h.events.filter((e) => e.msg.type === 'task_started').length, 1);
  }));

test('token_count after every request: last usage and the session total', () =>
  withSession([
    { output: [{ type: 'function_call', name: 'update_plan', arguments: { plan: [{ step: 'a', status: 'completed' }] }, call_id: 'p' }], usage: { input_tokens: 10, output_tokens: 1 } },
    { output: [{ type: 'text', text: 'x' }], usage: { input_tokens: 20, output_tokens: 2 } },
  ], async (h, mock) => {
    h.session.submit(text('plan'));
    await h.next('task_complete');
    const counts = h.events.flatMap((e) => (e.msg.type === 'token_count' ? [e.msg.info] : []));
    assert.deepEqual(counts.map((c) => [c.last_token_usage.input_tokens, c.total_token_usage.input_tokens, c.total_token_usage.output_tokens]), [[10, 10, 1], [20, 30, 3]]);
    assert.equal(counts[0]!.model_context_window, 258_400, 'gpt-5: 95% of 272,000, as 0.169 reports it');
    const plan = await h.next('plan_update');
    assert.deepEqual(plan.plan, [{ step: 'a', status: 'completed' }]);
    assert.equal(outputOf(mock.requests[1]!.body.input, 'p'), 'Plan updated');
  }));

test('fork drops the last user turns and continues in a new session file', () =>
  withSession([reply('one'), reply('two'), reply('three')], async (h, mock) => {
    h.session.submit(text('first'));
    await h.next('task_complete');
    let n = h.events.length;
    h.session.submit(text('second'));
    await h.next('task_complete', n);
    const oldId = h.session.id;
    const oldPath = h.session.rolloutPath;
    n = h.events.length;
    h.session.submit({ type: 'fork', drop_user_turns: 1 });
    const conf = await h.next('session_configured', n);
    assert.notEqual(conf.session_id, oldId);
    assert.equal(h.session.id, conf.session_id);
    assert.notEqual(conf.rollout_path, oldPath);
    assert.deepEqual(conf.initial_messages, [{ type: 'user_message', message: 'first' }, { type: 'agent_message', message: 'one' }]);
    n = h.events.length;
    h.session.submit(text('edited second'));
    await h.next('task_complete', n);
    assert.deepEqual(userTexts(mock.requests[2]!.body.input), ['user: first', 'assistant: one', 'user: edited second']);
    // The old file is untouched by the fork; the new one holds the kept history.
    assert.match(readFileSync(oldPath, 'utf8'), /"second"/);
    const forked = readRollout(conf.rollout_path);
    assert.equal(forked.meta.id, conf.session_id);
  }));

test('compact replaces the history with a summary the next turn builds on', () =>
  withSession([reply('long work'), reply('SUMMARY: did the work'), reply('continuing')], async (h, mock) => {
    h.session.submit(text('do the work'));
    await h.next('task_complete');
    let n = h.events.length;
    h.session.submit({ type: 'compact' });
    await h.next('task_complete', n);
    assert.ok(h.events.slice(n).some((e) => e.msg.type === 'agent_message' && e.msg.message === 'Compact task completed'));
    assert.match(String(mock.requests[1]!.body.instructions), /summar/i);
    assert.deepEqual(mock.requests[1]!.body.tools, []);
    n = h.events.length;
    h.session.submit(text('go on'));
    await h.next('task_complete', n);
    const texts = userTexts(mock.requests[2]!.body.input);
    assert.equal(texts.length, 2);
    assert.match(texts[0]!, /^user: Another language model started to solve this problem[\s\S]*SUMMARY: did the work$/);
    assert.equal(texts[1], 'user: go on');
    assert.ok(readFileSync(h.session.rolloutPath, 'utf8').includes('"type":"compacted"'));
  }));

test('after /compact: the summary is built on the current settings, survives a fork, and a resume shows the whole conversation', () =>
  withSession([reply('r1'), reply('r2'), reply('SUMMARY: one and two'), reply('r3'), reply('r4')], async (h, mock) => {
    const turn = async (t: string) => {
      const n = h.events.length;
      h.session.submit(text(t));
      await h.next('task_complete', n);
    };
    await turn('one');
    h.session.submit({ type: 'override_turn_context', approval_policy: 'never' });
    await turn('two');
    let n = h.events.length;
    h.session.submit({ type: 'compact' });
    await h.next('task_complete', n);
    await turn('three');
    const afterCompact = messageTexts(mock.requests[3]!.body.input);
    assert.equal(afterCompact.filter((t) => t.includes('<environment_context>')).length, 1);
    assert.match(afterCompact.find((t) => t.includes('<environment_context>'))!, /<approval_policy>never<\/approval_policy>/);
    // A resume shows every exchange, also those the compaction folded into the summary.
    const { displayedMessages } = await import('../../app/agent/rollout.js');
    assert.deepEqual(displayedMessages(readRollout(h.session.rolloutPath).lines)?.filter((m) => m.type === 'user_message').map((m) => m.message), ['one', 'two', 'three']);
    // Back to "two" (two user turns from the end on screen): the model keeps the summary.
    n = h.events.length;
    h.session.submit({ type: 'fork', drop_user_turns: 2 });
    await h.next('session_configured', n);
    await turn('two again');
    const texts = messageTexts(mock.requests[4]!.body.input);
    assert.ok(texts.some((t) => t.includes('SUMMARY: one and two')), texts.join('\n'));
    assert.equal(texts.at(-1), 'user: two again');
    assert.equal(texts.filter((t) => t.startsWith('user: three')).length, 0);
  }));

test('notify runs after each task with the payload as its last argument', () =>
  withMock([reply('notified')], async (mock) => {
    const dir = mkdtempSync(join(tmpdir(), 'codex-notify-'));
    const script = join(dir, 'notify.sh');
    const out = join(dir, 'payload.json');
    writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`, { mode: 0o755 });
    const h = await harness(mock.url, `notify = [${JSON.stringify(script)}]`);
    try {
      h.session.submit(text('ping'));
      await h.next('task_complete');
      await waitFor(() => existsSync(out), `the notify program to write ${out}`);
      const payload = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      assert.equal(payload.type, 'agent-turn-complete');
      assert.deepEqual(payload['input-messages'], ['ping']);
      assert.equal(payload['last-assistant-message'], 'notified');
      assert.equal(payload['thread-id'], h.session.id);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }));

test('history.jsonl entries can be looked up by offset for the current log id', () =>
  withSession([reply('a')], async (h) => {
    h.session.submit(text('remember me'));
    await h.next('task_complete');
    const conf = h.events[0]!.msg;
    assert.equal(conf.type, 'session_configured');
    const { statSync } = await import('node:fs');
    const logId = statSync(join(h.home, 'history.jsonl')).ino;
    let n = h.events.length;
    h.session.submit({ type: 'get_history_entry_request', offset: 0, log_id: logId });
    const found = await h.next('get_history_entry_response', n);
    assert.equal(found.entry?.text, 'remember me');
    assert.equal(found.entry?.session_id, h.session.id);
    n = h.events.length;
    h.session.submit({ type: 'get_history_entry_request', offset: 5, log_id: logId });
    assert.equal((await h.next('get_history_entry_response', n)).entry, undefined);
  }));

test('an interrupt submitted right after the input still stops that task', () =>
  withSession([slow], 'sandbox_mode = "danger-full-access"', async (h, mock) => {
    h.session.submit(text('wait'));
    h.session.submit({ type: 'interrupt' });
    assert.equal((await h.next('turn_aborted')).reason, 'interrupted');
    assert.ok(mock.requests.length <= 1);
    assert.equal(h.events.some((e) => e.msg.type === 'exec_command_begin'), false);
  }));

test('view_image attaches the picture for the next request; a missing file is reported', () =>
  withSession([
    { output: [{ type: 'function_call', name: 'view_image', arguments: { path: 'pic.png' }, call_id: 'v1' }] },
    { output: [{ type: 'function_call', name: 'view_image', arguments: { path: 'missing.png' }, call_id: 'v2' }] },
    reply('seen'),
  ], async (h, mock) => {
    writeFileSync(join(h.repo, 'pic.png'), pngBytes(2, 1));
    h.session.submit(text('look'));
    await h.next('task_complete');
    const input = mock.requests[1]!.body.input!;
    assert.equal(outputOf(input, 'v1'), 'attached local image path');
    const last = input.at(-1)!;
    assert.ok(last.type === 'message' && last.role === 'user');
    assert.deepEqual(last.content, [{ type: 'input_image', image_url: `data:image/png;base64,${pngBytes(2, 1).toString('base64')}` }]);
    assert.match(outputOf(mock.requests[2]!.body.input, 'v2')!, /^unable to locate image at `.*missing\.png`: /);
  }));

test('requests: full history, no parallel calls, reasoning defaults, store and cache key', () =>
  withSession([reply('one'), reply('two')], 'disable_response_storage = true\nmodel_reasoning_summary = "none"', async (h, mock) => {
    h.session.submit(text('first'));
    await h.next('task_complete');
    const n = h.events.length;
    h.session.submit(text('second'));
    await h.next('task_complete', n);
    const body = mock.requests[1]!.body;
    assert.equal(body.model, 'gpt-5');
    assert.equal(body.parallel_tool_calls, false);
    assert.deepEqual(body.reasoning, { effort: 'medium' });
    assert.equal(body.store, false);
    assert.deepEqual(body.include, ['reasoning.encrypted_content']);
    assert.equal(body.prompt_cache_key, h.session.id);
    assert.match(String(body.instructions), /^You are Codex/);
    assert.deepEqual(userTexts(body.input), ['user: first', 'assistant: one', 'user: second']);
    assert.equal(mock.requests[1]!.headers.session_id, h.session.id);
  }));

test('reasoning follows the turn\'s model and what the user chose, for models the program does not know too', () =>
  withSession([reply('one'), reply('two'), reply('three')], 'model = "my-local-model"', async (h, mock) => {
    const turn = async (t: string) => {
      const n = h.events.length;
      h.session.submit(text(t));
      await h.next('task_complete', n);
    };
    const applyPatch = (i: number) => mock.requests[i]!.body.tools?.find((t) => t.name === 'apply_patch')?.type;
    await turn('first');
    // Unknown model, no effort chosen: nothing the model may not understand.
    assert.equal(mock.requests[0]!.body.reasoning, undefined);
    assert.equal(applyPatch(0), 'function');
    // /model to a reasoning family: its reasoning and tools, with the effort picked.
    h.session.submit({ type: 'override_turn_context', model: 'gpt-5', effort: 'high' });
    await turn('second');
    assert.equal(mock.requests[1]!.body.model, 'gpt-5');
    assert.deepEqual(mock.requests[1]!.body.reasoning, { effort: 'high', summary: 'auto' });
    assert.equal(applyPatch(1), 'custom');
    // Back to an unknown model: the effort the user picked is still sent.
    h.session.submit({ type: 'override_turn_context', model: 'my-local-model', effort: 'low' });
    await turn('third');
    assert.equal(mock.requests[2]!.body.model, 'my-local-model');
    assert.deepEqual(mock.requests[2]!.body.reasoning, { effort: 'low', summary: 'auto' });
  }));

test('interrupt aborts a model stream that is still open', () =>
  withSession([{ fault: 'stall', afterEvents: 3, output: [{ type: 'text', text: 'never finished' }] }, reply('fresh')], async (h, mock) => {
    h.session.submit(text('slow model'));
    await h.next('agent_message_delta');
    const t0 = Date.now();
    h.session.submit({ type: 'interrupt' });
    assert.equal((await h.next('turn_aborted')).reason, 'interrupted');
    assert.ok(Date.now() - t0 < 2_000, 'did not wait for the idle timeout');
    const n = h.events.length;
    h.session.submit(text('again'));
    assert.equal((await h.next('task_complete', n)).last_agent_message, 'fresh');
    assert.equal(mock.requests.length, 2);
  }));

test('automatic compaction: a request over model_auto_compact_token_limit is summarised before the next one', () =>
  withSession([
    { output: [{ type: 'function_call', name: 'update_plan', arguments: { plan: [{ step: 'a', status: 'in_progress' }] }, call_id: 'p' }], usage: { input_tokens: 150, output_tokens: 5 } },
    { output: [{ type: 'text', text: 'SUMMARY: planned step a' }] },
    reply('done'),
  ], 'model_auto_compact_token_limit = 100', async (h, mock) => {
    h.session.submit(text('go'));
    const done = await h.next('task_complete');
    assert.equal(done.last_agent_message, 'done');
    assert.equal(mock.requests.length, 3);
    assert.match(String(mock.requests[1]!.body.instructions), /summar/i);
    assert.deepEqual(mock.requests[1]!.body.tools, []);
    const texts = userTexts(mock.requests[2]!.body.input);
    assert.equal(texts[0], 'user: go');
    assert.match(texts[1]!, /^user: Another language model started[\s\S]*SUMMARY: planned step a$/);
    assert.equal(texts.length, 2);
    assert.ok(h.events.some((e) => e.msg.type === 'background_event' && e.msg.message === 'Context compacted'));
    // The summary request is not shown as an answer.
    assert.equal(h.events.some((e) => e.msg.type === 'agent_message' && e.msg.message.startsWith('SUMMARY')), false);
    assert.ok(readFileSync(h.session.rolloutPath, 'utf8').includes('"type":"compacted"'));
  }));

test('input injected after the last request starts the next task; after an interrupt it is dropped', () =>
  withSession([
    { output: [{ type: 'text', text: 'first answer' }], delayMs: 150 },
    reply('second answer'),
    slow,
  ], 'sandbox_mode = "danger-full-access"', async (h, mock) => {
    h.session.submit(text('one'));
    await h.next('agent_message_delta');
    h.session.submit(text('two'));
    await h.next('task_complete');
    const n = h.events.length;
    const second = await h.next('task_complete', n);
    assert.equal(second.last_agent_message, 'second answer');
    assert.deepEqual(userTexts(mock.requests[1]!.body.input), ['user: one', 'assistant: first answer', 'user: two']);
    // Now interrupt a task that has injected input waiting: nothing restarts.
    const m = h.events.length;
    h.session.submit(text('three'));
    await h.next('exec_command_begin', m);
    h.session.submit(text('queued'));
    h.session.submit({ type: 'interrupt' });
    await h.next('turn_aborted', m);
    // The task's end (where a restart would begin, announcing itself with task_started) runs in the same macrotask.
    await new Promise((r) => setImmediate(r));
    assert.equal(h.events.slice(m).filter((e) => e.msg.type === 'task_started').length, 1);
    assert.equal(mock.requests.length, 3);
  }));

test('injected input is announced as user_message when it enters the conversation, not before', () =>
  withSession([
    untilGo,
    reply('both seen'),
  ], 'sandbox_mode = "danger-full-access"', async (h) => {
    h.session.submit(text('first'));
    await h.next('exec_command_begin');
    const n = h.events.length;
    h.session.submit(text('later'));
    // Ops run in order: once the one after it is answered, 'later' has been taken in.
    h.session.submit({ type: 'list_mcp_tools' });
    await h.next('mcp_list_tools_response', n);
    assert.equal(h.events.slice(n).some((e) => e.msg.type === 'user_message'), false);
    writeFileSync(join(h.repo, 'go'), '');
    await h.next('task_complete');
    const order = h.events.slice(n).map((e) => e.msg.type).filter((t) => t === 'exec_command_end' || t === 'user_message');
    assert.deepEqual(order, ['exec_command_end', 'user_message']);
  }));
