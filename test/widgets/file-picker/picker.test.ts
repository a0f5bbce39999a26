import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FilePicker } from '../../../widgets/file-picker/picker.js';
import { renderScreen } from '../../support/screen.js';

test('without colours (NO_COLOR) the selected match is still marked', async () => {
  const picker = new FilePicker();
  picker.show({ kind: 'results', query: 'md', matches: [{ path: 'README.md', positions: [7, 8] }, { path: 'docs/a.md', positions: [7, 8] }] });
  picker.move(1);
  const screen = await renderScreen(picker, { cols: 30, rows: 2, depth: 'none' });
  assert.deepEqual(screen.lines.map((l) => l.trimEnd()), ['  README.md', '› docs/a.md']);
});
