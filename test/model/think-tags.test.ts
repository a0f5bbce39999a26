// <think> reasoning in a chat message's content, split however the deltas cut it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { templateOpensThink, ThinkSplitter } from '../../app/model/think-tags.js';

/** The answer and reasoning as the chat decoder aggregates them (a `reclassify` turns the text so far into reasoning). */
function split(deltas: readonly string[], templateOpens = false): { text: string; reasoning: string } {
  const s = new ThinkSplitter(templateOpens);
  let text = '';
  let reasoning = '';
  for (const p of [...deltas.flatMap((d) => s.push(d)), ...s.end()]) {
    if (p.kind === 'text') text += p.text;
    else if (p.kind === 'reasoning') reasoning += p.text;
    else [reasoning, text] = [reasoning + (reasoning ? text : text.trimStart()), ''];
  }
  return { text, reasoning };
}

const CASES: [string, string, string][] = [
  // content, answer text, reasoning
  ['<think>\nI weigh it.\n</think>\n\nThe answer.', 'The answer.', 'I weigh it.\n'],
  ['\n <think>x</think>y', 'y', 'x'],
  ['<think>\n\n</think>\n\nHi', 'Hi', ''],
  ['The answer uses <think>tags</think> as text.', 'The answer uses <think>tags</think> as text.', ''],
  ['<thinking is not the tag', '<thinking is not the tag', ''],
  ['<thi', '<thi', ''],
  ['<think>cut off</thi', '', 'cut off</thi'],
  ['<think>a</think>b <think>c</think>', 'b <think>c</think>', 'a'],
  // The template opened the block: a </think> on its own line, the first markup of the message.
  ['Let me see.\n</think>\n\nThe answer.', 'The answer.', 'Let me see.\n'],
  ['\n\nPlan it.\r\n</think>\r\nDone', 'Done', 'Plan it.\r\n'],
  ['</think>\n\nHi', 'Hi', ''],
  ['Still thinking\n</think>', '', 'Still thinking\n'],
  ['r\n</think>\nA\n</think>\nB', 'A\n</think>\nB', 'r\n'],
  // Answers that mention it: mid-line, quoted, not ending its line, after other markup.
  ['The closing tag is </think> here.', 'The closing tag is </think> here.', ''],
  ['Close it with\n`</think>`\n</think>\nx', 'Close it with\n`</think>`\n</think>\nx', ''],
  ['a <b>\n</think>\nc', 'a <b>\n</think>\nc', ''],
  ['Tags:\n</think>s close blocks', 'Tags:\n</think>s close blocks', ''],
  ['x\n</thi', 'x\n</thi', ''],
];

// A model whose template opens the block (QwQ, DeepSeek-R1): its first </think> ending a line ends the reasoning, whatever the reasoning holds.
const TEMPLATE_OPENED_CASES: [string, string, string][] = [
  ['Let me read `a.ts` and <b>.\n</think>\n\nThe answer.', 'The answer.', 'Let me read `a.ts` and <b>.\n'],
  ['\n\nr</think>\r\nA </think>\nB', 'A </think>\nB', 'r'],
  ['Close the block with </think> and go on.', 'Close the block with </think> and go on.', ''],
  ['Say </think>', 'Say </think>', ''],
  ['Still thinking\n</think>', '', 'Still thinking\n'],
  ['</think>', '', ''],
  ['<think>\nx\n</think>\n\ny', 'y', 'x\n'],
  ['An answer with no reasoning at all.', 'An answer with no reasoning at all.', ''],
  ['Cut off before the tag </thi', 'Cut off before the tag </thi', ''],
  ['\n\n', '', ''],
];

function assertEveryCut(cases: readonly [string, string, string][], templateOpens: boolean): void {
  for (const [content, text, reasoning] of cases) {
    assert.deepEqual(split([content], templateOpens), { text, reasoning }, content);
    for (let i = 0; i <= content.length; i++) {
      for (let j = i; j <= content.length; j++) {
        const r = split([content.slice(0, i), content.slice(i, j), content.slice(j)], templateOpens);
        assert.equal(r.text, text, `${JSON.stringify(content)} cut at ${i}, ${j}`);
        assert.equal(r.reasoning, reasoning, `${JSON.stringify(content)} cut at ${i}, ${j}`);
      }
    }
  }
}

test('every cut into two and three deltas gives the same answer and reasoning', () => {
  assertEveryCut(CASES, false);
});

test('a model whose template opens the block: every cut gives the same answer and reasoning', () => {
  assertEveryCut(TEMPLATE_OPENED_CASES, true);
  // Its <think>…</think> form and its plain answers split as any model's do.
  assertEveryCut(CASES.filter(([c]) => c.trimStart().startsWith('<think>') || !c.includes('<') && !c.includes('`')), true);
});

test('which models have their template open the block', () => {
  for (const m of ['deepseek-r1:14b', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'qwq:32b', 'Qwen/QwQ-32B', 'qwen3:30b-a3b-thinking-2507', 'Qwen/Qwen3-235B-A22B-Thinking-2507']) {
    assert.equal(templateOpensThink(m), true, m);
  }
  for (const m of ['qwen3:8b', 'qwen3-coder', 'gpt-oss:20b', 'llama3.1', 'deepseek-v3', 'gpt-5']) assert.equal(templateOpensThink(m), false, m);
});

test('a model whose template opens the block: the reasoning is held back until </think>, shown as reasoning, then the answer streams', () => {
  const s = new ThinkSplitter(true);
  assert.deepEqual(s.push('Weighing'), [], 'undecided: neither answer nor reasoning yet');
  assert.deepEqual(s.push(' `x`.\n</th'), []);
  assert.deepEqual(s.push('ink>\n\nYes'), [{ kind: 'reasoning', text: 'Weighing `x`.\n' }, { kind: 'text', text: 'Yes' }]);
  assert.deepEqual(s.push(', done.'), [{ kind: 'text', text: ', done.' }], 'after the tag the answer streams at once');
  assert.deepEqual(s.end(), []);
});

test('a model not known for it: an answer with no tags streams at once, chunk by chunk', () => {
  const s = new ThinkSplitter(false);
  assert.deepEqual(s.push('Hello'), [{ kind: 'text', text: 'Hello' }]);
  assert.deepEqual(s.push(', world.\nMore'), [{ kind: 'text', text: ', world.\nMore' }]);
  assert.deepEqual(s.end(), []);
});

test('reasoning streams as it comes, one character at a time; only a possible </think> is held back', () => {
  const content = '<think>Pondering the files.</think>Done.';
  const s = new ThinkSplitter(false);
  const seen: string[] = [];
  for (const ch of content.slice(0, content.indexOf('</think>') + 3)) seen.push(...s.push(ch).map((p) => p.text));
  assert.equal(seen.join(''), 'Pondering the files.');
});

test('with no <think> opening it, the text streams as answer text until a </think> says it was reasoning', () => {
  const s = new ThinkSplitter(false);
  assert.deepEqual(s.push('Weighing it'), [{ kind: 'text', text: 'Weighing it' }]);
  assert.deepEqual(s.push(' up.\n</thi'), [{ kind: 'text', text: ' up.\n' }], 'only a possible </think> is held back');
  assert.deepEqual(s.push('nk>\n\nYes.'), [{ kind: 'reclassify', text: '' }, { kind: 'text', text: 'Yes.' }]);
  assert.deepEqual(s.end(), []);
});
