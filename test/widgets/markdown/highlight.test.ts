import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Line } from '../../../widgets/base/types.js';
import { highlighterFor, highlightIdle, syntaxToken } from '../../../widgets/markdown/highlight.js';
import { languageOf } from '../../../widgets/markdown/languages.js';
import { loadMarkdownParser } from '../../../widgets/markdown/parser.js';
import { MarkdownDocument } from '../../../widgets/markdown/stream.js';
import { AssistantMessageCell } from '../../../widgets/transcript/cells/message.js';
import { renderScreen } from '../../support/screen.js';

await loadMarkdownParser();

const syntaxOf = (rows: readonly Line[], text: string): string | undefined => {
  for (const r of rows) for (const s of r) if (s.text === text) return s.style?.fg;
  return undefined;
};

test('fence tags and their aliases name a language; unknown tags stay plain', () => {
  assert.equal(languageOf('ts'), 'typescript');
  assert.equal(languageOf('Python'), 'python');
  assert.equal(languageOf('bash'), 'shell');
  assert.equal(languageOf('rust {.numberLines}'), 'rust');
  assert.equal(languageOf('brainfuck-9000'), undefined);
  assert.equal(languageOf(''), undefined);
  assert.equal(highlighterFor('text', () => undefined), undefined);
});

test('mode token names map to theme syntax colours; punctuation and plain names get none', () => {
  assert.equal(syntaxToken('keyword'), 'syntax.keyword');
  assert.equal(syntaxToken('string.special'), 'syntax.string');
  assert.equal(syntaxToken('keyword a'), 'syntax.keyword');
  assert.equal(syntaxToken('variableName.special'), 'syntax.variable');
  assert.equal(syntaxToken('def'), 'syntax.function');
  assert.equal(syntaxToken('punctuation'), undefined);
  assert.equal(syntaxToken(null), undefined);
});

test('a code block renders plain first, then highlighted; the owner is told to redraw', async () => {
  let updates = 0;
  // The tag (`ts`) differs from the language it names (typescript): the block's highlighter must survive re-renders.
  const doc = new MarkdownDocument('Intro\n\n```ts\nconst answer: number = 42; // why\n```\n\nafter\n', undefined, () => updates++);
  const plainRows = doc.render(60);
  assert.equal(syntaxOf(plainRows, 'const'), undefined);
  await highlightIdle();
  assert.ok(updates > 0, 'the document asked for a redraw');
  const rows = doc.render(60);
  assert.equal(syntaxOf(rows, 'const'), 'syntax.keyword');
  assert.equal(syntaxOf(rows, 'number'), 'syntax.type');
  assert.equal(syntaxOf(rows, '42'), 'syntax.number');
  assert.equal(syntaxOf(rows, '// why'), 'syntax.comment');
  assert.deepEqual(rows.map((r) => r.map((s) => s.text).join('')), plainRows.map((r) => r.map((s) => s.text).join('')), 'same text, only colours added');
});

test('a streamed code block tokenizes only its new lines; earlier lines keep their spans', async () => {
  const doc = new MarkdownDocument('```py\n');
  for (let i = 0; i < 50; i++) doc.append(`x${i} = ${i}  # n\n`);
  doc.render(60);
  await highlightIdle();
  const comment = (rows: readonly Line[]) => rows[1]!.find((s) => s.text === '# n')?.style;
  const before = comment(doc.render(60));
  assert.equal(before?.fg, 'syntax.comment');
  doc.append('def f(): pass\n');
  doc.render(60);
  await highlightIdle();
  const after = doc.render(60);
  assert.equal(syntaxOf(after, 'def'), 'syntax.keyword');
  assert.equal(comment(after), before, 'line 0 was not tokenized again (its span style is the same object)');
});

test('a highlighter follows an edited line: a partial last line is tokenized again when it grows', async () => {
  const h = highlighterFor('python', () => undefined)!;
  h.lines(['x = 1', 'de']);
  await highlightIdle();
  const lines = h.lines(['x = 1', 'def f(): pass']);
  assert.equal(lines[1], undefined, 'the changed line is not reused');
  await highlightIdle();
  const done = h.lines(['x = 1', 'def f(): pass']);
  assert.equal(done[1]?.[0]?.style?.fg, 'syntax.keyword');
});

test('NO_COLOR: highlighted code draws without any colour', async () => {
  const screen = await renderScreen(new AssistantMessageCell('```sh\necho "hi" # greet\n```'), { cols: 40, rows: 4, depth: 'none' });
  assert.match(screen.text, /echo "hi" # greet/);
  assert.doesNotMatch(screen.colors, /fg=|bg=/);
});
