import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { atTokenAt, replaceAtToken } from '../../widgets/file-picker/at-token.js';
import { FilePicker } from '../../widgets/file-picker/picker.js';
import { FileSearchManager, type SearchUpdate } from '../../app/files/search-manager.js';
import { preparePaths, searchPaths } from '../../app/files/fuzzy.js';
import { expectScreen } from '../support/screen.js';

test('the @token under the cursor', () => {
  assert.deepEqual(atTokenAt('see @READ', 9), { start: 4, end: 9, query: 'READ' });
  assert.deepEqual(atTokenAt('see @READ now', 6), { start: 4, end: 9, query: 'READ' });
  assert.deepEqual(atTokenAt('@', 1), { start: 0, end: 1, query: '' });
  assert.equal(atTokenAt('mail me@x.com', 13), undefined);
  assert.equal(atTokenAt('see @READ now', 12), undefined);
  assert.equal(atTokenAt('', 0), undefined);
});

test('picking replaces the token with the path and one space; spaces get quotes', () => {
  assert.deepEqual(replaceAtToken('open @READ', { start: 5, end: 10, query: 'READ' }, 'README.md'), {
    text: 'open README.md ',
    cursor: 15,
  });
  assert.deepEqual(replaceAtToken('@a then', { start: 0, end: 2, query: 'a' }, 'docs/a b.md'), {
    text: '"docs/a b.md" then',
    cursor: 14,
  });
});

const paths = preparePaths(['README.md', 'app/readme-loader.ts', 'docs/reading/list.md', 'src/main.ts']);

test('picker with matches: bold positions, selection, wrap-around', async () => {
  const picker = new FilePicker();
  picker.show({ kind: 'results', query: 'read', matches: searchPaths(paths, 'read') });
  assert.equal(picker.selection(), 'README.md');
  picker.move(1);
  const second = picker.selection();
  picker.move(-2);
  assert.equal(picker.selection(), 'docs/reading/list.md');
  picker.move(1);
  assert.equal(picker.selection(), 'README.md');
  picker.move(1);
  assert.equal(picker.selection(), second);
  await expectScreen('file-picker/matches', picker, { cols: 40, rows: 4, colors: true });
});

test('picker states: hint, loading, no matches', async () => {
  const picker = new FilePicker();
  await expectScreen('file-picker/hint', picker, { cols: 30, rows: 1 });
  picker.show({ kind: 'loading', query: 'x' });
  await expectScreen('file-picker/loading', picker, { cols: 30, rows: 1 });
  picker.show({ kind: 'results', query: 'zz', matches: [] });
  await expectScreen('file-picker/no-matches', picker, { cols: 30, rows: 1, colors: true });
});

test('search manager: debounced, one in flight, only the latest answer is delivered', async () => {
  const calls: string[] = [];
  let ready = false;
  const searcher = {
    get ready() {
      return ready;
    },
    async search(q: string) {
      calls.push(q);
      await sleep(30);
      ready = true;
      return searchPaths(paths, q);
    },
  };
  const updates: SearchUpdate[] = [];
  const mgr = new FileSearchManager(searcher, (u) => updates.push(u), 20);
  mgr.setQuery('r');
  mgr.setQuery('re');
  await sleep(35); // first search ('re') is running
  mgr.setQuery('rea');
  mgr.setQuery('read');
  await sleep(150);
  assert.deepEqual(calls, ['re', 'read']);
  const results = updates.filter((u) => u.kind === 'results');
  assert.deepEqual(results.map((u) => u.query), ['read']);
  assert.ok(updates.some((u) => u.kind === 'loading'));
  mgr.setQuery('main');
  mgr.cancel();
  await sleep(60);
  assert.deepEqual(calls, ['re', 'read']);
});
