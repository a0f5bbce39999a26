// Model faults end to end: retries are visible and the run still finishes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { jsonLines, scenario } from './support.js';

const reply = { output: [{ type: 'text' as const, text: 'survived' }] };

test('HTTP 500 then success: one retry, shown as Reconnecting, exit 0', () =>
  scenario([{ fault: 'status', status: 500 }, reply], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    const ev = jsonLines(r.stdout);
    assert.match(String(ev.find((e) => e.type === 'error')?.message), /^Reconnecting\.\.\. 1\/2 /);
    assert.deepEqual(ev.at(-2), { type: 'item.completed', item: { id: 'item_0', type: 'agent_message', text: 'survived' } });
    assert.equal(ev.at(-1)?.type, 'turn.completed');
    assert.equal(mock.requests.length, 2);
  }));

test('HTTP 500 until the retries run out: error, turn.failed, exit 1', () =>
  scenario([{ fault: 'status', status: 500 }, { fault: 'status', status: 500 }, { fault: 'status', status: 500 }], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', 'hi']);
    assert.equal(r.code, 1);
    const ev = jsonLines(r.stdout);
    assert.equal(ev.at(-1)?.type, 'turn.failed');
    assert.equal(mock.requests.length, 3);
  }));

test('429 with Retry-After waits as told before retrying', () => {
  const at: number[] = [];
  return scenario([{ fault: 'status', status: 429, retryAfter: 1 }, reply], { onRequest: () => at.push(Date.now()) }, async (_mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'survived\n');
    // Shown once, as the run's own line: not again as a log line.
    assert.equal(r.stderr.match(/Reconnecting\.\.\. 1\/2/g)?.length, 1, r.stderr);
    assert.ok(at[1]! - at[0]! >= 900, `retried after ${at[1]! - at[0]!} ms`);
  });
});

test('a stream cut mid-event is retried from the start', () =>
  scenario([{ fault: 'cut', output: [{ type: 'text', text: 'partial answer' }] }, reply], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    const ev = jsonLines(r.stdout);
    const messages = ev.filter((e) => (e.item as { type?: string } | undefined)?.type === 'agent_message');
    // The cut attempt's partial output is dropped: only the retried answer is shown.
    assert.deepEqual(messages.map((e) => (e.item as { text: string }).text), ['survived']);
    assert.ok(ev.some((e) => e.type === 'error' && /^Reconnecting\.\.\. 1\/2/.test(String(e.message))));
  }));

test('an idle stall times out and is retried', () =>
  scenario([{ fault: 'stall', afterEvents: 1 }, reply], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '-c', 'model_providers.mock.stream_idle_timeout_ms=400', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'survived\n');
    assert.match(r.stderr, /Reconnecting\.\.\. 1\/2 \(.*idle/);
  }));

test('the Chat Completions wire: a tool call and a reply', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['echo', 'chat-tool'] }, call_id: 'c' }] },
    { output: [{ type: 'text', text: 'chat done' }] },
  ], { wireApi: 'chat', model: 'gpt-oss:20b' }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'chat done\n');
    assert.equal(mock.requests[0]!.wire, 'chat');
    const tool = mock.requests[1]!.body.messages?.find((m) => m.role === 'tool');
    assert.match(String(tool?.content), /chat-tool/);
  }));

test('the Chat Completions wire: the server\'s reasoning (`reasoning` or `reasoning_content` deltas) shows as reasoning; the effort set goes as reasoning_effort', () =>
  scenario([
    { output: [{ type: 'reasoning', summary: ['Weighing the options'] }, { type: 'text', text: 'chat answer' }] },
    {
      output: [
        { type: 'raw', data: JSON.stringify({ id: 'c2', choices: [{ index: 0, delta: { reasoning_content: 'DeepSeek-style thought' }, finish_reason: null }] }) },
        { type: 'text', text: 'second answer' },
      ],
    },
  ], { wireApi: 'chat', model: 'my-local-model' }, async (mock, ws) => {
    const human = await runCodex(ws, ['exec', 'hi']);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, 'chat answer\n');
    assert.match(human.stderr, /thinking\nWeighing the options\n/);
    assert.equal('reasoning_effort' in mock.requests[0]!.body, false, 'no effort set, none sent to a model the program does not know');
    const json = await runCodex(ws, ['exec', '--json', '-c', 'model_reasoning_effort="high"', 'again']);
    assert.equal(json.code, 0, json.stderr);
    const items = jsonLines(json.stdout).filter((e) => e.type === 'item.completed').map((e) => e.item as { type: string; text?: string });
    assert.deepEqual(items.map((i) => [i.type, i.text]), [['reasoning', 'DeepSeek-style thought'], ['agent_message', 'second answer']]);
    assert.equal(mock.requests[1]!.body.reasoning_effort, 'high');
  }));

test('the Chat Completions wire: <think>…</think> opening the content (Ollama, vLLM: DeepSeek-R1, Qwen3) shows as reasoning, tags cut across deltas; a <think> later in the answer is text', () =>
  scenario([
    { output: [{ type: 'text', text: '', deltas: ['<th', 'ink>\nPondering', ' the files.</thi', 'nk>\n\nThe answer', ' mentions <think> as text.'] }] },
  ], { wireApi: 'chat', model: 'qwen3:8b' }, async (_mock, ws) => {
    const human = await runCodex(ws, ['exec', 'hi']);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, 'The answer mentions <think> as text.\n');
    assert.match(human.stderr, /thinking\nPondering the files\.\n/);
    assert.doesNotMatch(human.stderr, /<\/?think>\n/);
  }));

// A model known to answer so (its reasoning is held back until the tag) and one that is not (streamed as answer text, then given back as reasoning).
for (const model of ['qwq:32b', 'local-reasoner']) {
  test(`the Chat Completions wire, ${model}: a lone </think> on its own line (the template opened the block) ends reasoning, shown before the answer; a </think> an answer mentions is text`, () =>
    scenario([
      { output: [{ type: 'text', text: '', deltas: ['Weighing', ' the files.\n</th', 'ink>\n\nThe answer.'] }] },
      { output: [{ type: 'text', text: '', deltas: ['Weighing', ' again.\n</think>\n\nThe', ' same answer.'] }] },
      { output: [{ type: 'text', text: 'Close the block with </think> and go on.' }] },
    ], { wireApi: 'chat', model }, async (_mock, ws) => {
      const first = await runCodex(ws, ['exec', 'hi']);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, 'The answer.\n');
      assert.match(first.stderr, /thinking\nWeighing the files\.\n[^]*codex\nThe answer\.\n/, 'the reasoning before the answer');
      const json = await runCodex(ws, ['exec', '--json', 'again']);
      assert.equal(json.code, 0, json.stderr);
      const items = jsonLines(json.stdout).filter((e) => e.type === 'item.completed').map((e) => e.item as { type: string; text?: string });
      assert.deepEqual(items.map((i) => [i.type, i.text]), [['reasoning', 'Weighing again.\n'], ['agent_message', 'The same answer.']]);
      const third = await runCodex(ws, ['exec', 'more']);
      assert.equal(third.code, 0, third.stderr);
      assert.equal(third.stdout, 'Close the block with </think> and go on.\n');
      assert.doesNotMatch(third.stderr, /thinking/);
    }));
}
