// The parser loads on first use: before it has, an answer shows its source
// lines; when it has, the document calls back and renders the markdown.
// (Its own file: the parser module is loaded once per process.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMarkdownParser } from '../../../widgets/markdown/parser.js';
import { MarkdownDocument } from '../../../widgets/markdown/stream.js';

test('before the parser loads the source shows plain; loading it redraws the document formatted', async () => {
  let updates = 0;
  const doc = new MarkdownDocument('Some **bold** text\n\n- item', undefined, () => updates++);
  assert.deepEqual(doc.render(40).map((r) => r.map((s) => s.text).join('')), ['Some **bold** text', '', '- item']);
  await loadMarkdownParser();
  assert.equal(updates, 1, 'the document was told once that it can render');
  const rows = doc.render(40);
  assert.deepEqual(rows.map((r) => r.map((s) => s.text).join('')), ['Some bold text', '', '• item']);
  assert.equal(rows[0]!.find((s) => s.text === 'bold')?.style?.bold, true);
});
