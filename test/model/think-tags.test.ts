// <think> reasoning in a chat message's content, split however the deltas cut it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ThinkSplitter } from '../../app/model/think-tags.js';

function split(deltas: readonly string[]): { text: string; reasoning: string } {
  const s = new ThinkSplitter();
  const all = [...deltas.flatMap((d) => s.push(d)), ...s.end()];
  const join = (kind: string) => all.filter((p) => p.kind === kind).map((p) => p.text).join('');
  return { text: join('text'), reasoning: join('reasoning') };
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
