// <think> reasoning in a chat message's content, split however the deltas cut it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ThinkSplitter } from '../../app/model/think-tags.js';

/** The answer and reasoning as the chat decoder aggregates them (a `reclassify` turns the text so far into reasoning). */
function split(deltas: readonly string[]): { text: string; reasoning: string } {
  const s = new ThinkSplitter();
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

test('every cut into two and three deltas gives the same answer and reasoning', () => {
  for (const [content, text, reasoning] of CASES) {
    assert.deepEqual(split([content]), { text, reasoning }, content);
    for (let i = 0; i <= content.length; i++) {
      for (let j = i; j <= content.length; j++) {
        const r = split([content.slice(0, i), content.slice(i, j), content.slice(j)]);
        assert.equal(r.text, text, `${JSON.stringify(content)} cut at ${i}, ${j}`);
        assert.equal(r.reasoning, reasoning, `${JSON.stringify(content)} cut at ${i}, ${j}`);
      }
    }
  }
});

test('reasoning streams as it comes, one character at a time; only a possible </think> is held back', () => {
  const content = '<think>Pondering the files.</think>Done.';
  const s = new ThinkSplitter();
  const seen: string[] = [];
  for (const ch of content.slice(0, content.indexOf('</think>') + 3)) seen.push(...s.push(ch).map((p) => p.text));
  assert.equal(seen.join(''), 'Pondering the files.');
});

test('with no <think> opening it, the text streams as answer text until a </think> says it was reasoning', () => {
  const s = new ThinkSplitter();
  assert.deepEqual(s.push('Weighing it'), [{ kind: 'text', text: 'Weighing it' }]);
  assert.deepEqual(s.push(' up.\n</thi'), [{ kind: 'text', text: ' up.\n' }], 'only a possible </think> is held back');
  assert.deepEqual(s.push('nk>\n\nYes.'), [{ kind: 'reclassify', text: '' }, { kind: 'text', text: 'Yes.' }]);
  assert.deepEqual(s.end(), []);
});
