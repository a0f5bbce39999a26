import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atTokenAt, replaceAtToken } from '../../widgets/file-picker/at-token.js';
import { FilePicker } from '../../widgets/file-picker/picker.js';
import { FileSearchManager, type SearchUpdate } from '../../app/files/search-manager.js';
import { preparePaths, searchPaths, type FileMatch } from '../../app/files/fuzzy.js';
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

test('search manager: a key after a pause at once, keys in a burst debounced while searches are slow; one in flight; only the latest answer is delivered', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  // Each search waits until the test finishes it, so "in flight" is a state, not a race; each takes 40 ms of the fake clock.
  const pending: { query: string; finish: () => void }[] = [];
  let ready = false;
  let clock = 0;
  const searcher = {
    get ready() {
      return ready;
    },
    search: (query: string) => new Promise<FileMatch[]>((resolve) => {
      pending.push({ query, finish: () => { ready = true; clock += 40; resolve(searchPaths(paths, query)); } });
    }),
  };
  const searched = () => pending.map((p) => p.query);
  const settle = () => new Promise((r) => setImmediate(r));
  const updates: SearchUpdate[] = [];
  const mgr = new FileSearchManager(searcher, (u) => updates.push(u), 20, () => clock);

  mgr.setQuery('r');
  assert.deepEqual(updates, [{ kind: 'loading', query: 'r' }], 'the index is not ready yet');
  assert.deepEqual(searched(), [], 'not inside the key\'s own handler (its echo is drawn first)');
  t.mock.timers.tick(0);
  assert.deepEqual(searched(), ['r'], 'the first key is searched at once, without the debounce');
  pending[0]!.finish();
  await settle();

  // 40 ms after 'r' (its slow search): a pause, so 're' would run at once; 'rea' comes with it, a burst.
  mgr.setQuery('re');
  mgr.setQuery('rea');
  t.mock.timers.tick(19);
  mgr.setQuery('read');
  t.mock.timers.tick(19);
  assert.deepEqual(searched(), ['r'], 'after a slow search, keys in a burst wait until typing pauses');
  t.mock.timers.tick(1);
  assert.deepEqual(searched(), ['r', 'read']);

  mgr.setQuery('readm');
  t.mock.timers.tick(20);
  assert.deepEqual(searched(), ['r', 'read'], 'a second search waits for the one in flight');
  pending[1]!.finish();
  await settle();
  assert.deepEqual(searched(), ['r', 'read', 'readm'], 'then runs once, with the newest text');
  pending[2]!.finish();
  await settle();
  assert.deepEqual(updates.filter((u) => u.kind === 'results').map((u) => u.query), ['r', 'readm'], 'the stale answer for "read" is dropped');

  // The last search was slow too, but this key follows a pause (40 ms since 'readm'): at once.
  mgr.setQuery('readme');
  t.mock.timers.tick(0);
  assert.deepEqual(searched(), ['r', 'read', 'readm', 'readme'], 'a key after a pause is searched at once, slow searches or not');
  pending[3]!.finish();
  await settle();

  mgr.setQuery('main');
  mgr.cancel();
  t.mock.timers.tick(1000);
  assert.deepEqual(searched(), ['r', 'read', 'readm', 'readme'], 'a cancelled query never runs');
});

test('search manager: partial answers while the index builds, "loading" until one finds something, a re-run at once when it changes', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let listed: string[] = [];
  let ready = false;
  const listeners = new Set<() => void>();
  const searcher = {
    get ready() {
      return ready;
    },
    search: async (query: string) => searchPaths(preparePaths(listed), query),
    onChange: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
  };
  const grow = (paths: string[], done = false): void => {
    listed = paths;
    ready = done;
    for (const l of listeners) l();
  };
  const settle = () => new Promise((r) => setImmediate(r));
  const updates: SearchUpdate[] = [];
  const mgr = new FileSearchManager(searcher, (u) => updates.push(u), 20);
  const shown = () => updates.map((u) => (u.kind === 'loading' ? 'loading' : u.matches.map((m) => m.path).join(',') || 'no matches'));

  mgr.setQuery('read');
  t.mock.timers.tick(20);
  await settle();
  assert.deepEqual(shown(), ['loading'], 'nothing indexed yet is not "no matches"');
  grow(['docs/reading/list.md']);
  t.mock.timers.tick(0);
  await settle();
  assert.deepEqual(shown(), ['loading', 'docs/reading/list.md'], 'the partial answer, at once (a change of the index is no key to wait for)');
  grow(['README.md', 'docs/reading/list.md', 'src/main.ts'], true);
  t.mock.timers.tick(0);
  await settle();
  assert.deepEqual(shown(), ['loading', 'docs/reading/list.md', 'README.md,docs/reading/list.md'], 'the complete answer');
  mgr.dispose();
  assert.equal(listeners.size, 0, 'a closed popup stops listening');
  grow(['README.md'], true);
  t.mock.timers.tick(100);
  await settle();
  assert.equal(updates.length, 3);
});

test('search manager: once the complete index answers within a frame, the next key is searched without the debounce', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  let cost = 5;
  const searched: string[] = [];
  const searcher = {
    ready: true,
    search: async (query: string) => {
      searched.push(query);
      clock += cost;
      return searchPaths(paths, query);
    },
  };
  const settle = () => new Promise((r) => setImmediate(r));
  const mgr = new FileSearchManager(searcher, () => undefined, 100, () => clock);
  mgr.setQuery('r');
  t.mock.timers.tick(0);
  await settle();
  assert.deepEqual(searched, ['r'], 'the first key is searched at once');
  mgr.setQuery('re');
  await settle();
  assert.deepEqual(searched, ['r', 're'], 'a 5 ms search: the next key runs at once, before any timer (the key\'s frame shows its answer)');
  cost = 40;
  mgr.setQuery('rea');
  t.mock.timers.tick(0);
  await settle();
  mgr.setQuery('read');
  t.mock.timers.tick(99);
  assert.deepEqual(searched, ['r', 're', 'rea'], 'after a 40 ms search the debounce is back');
  t.mock.timers.tick(1);
  assert.deepEqual(searched, ['r', 're', 'rea', 'read']);
  mgr.dispose();
});

test('search manager: a new popup asks the index to catch up with what changed (once, when it opens; not per key)', () => {
  let revalidated = 0;
  const searcher = { ready: true, search: async (q: string) => searchPaths(paths, q), revalidate: () => void revalidated++ };
  const mgr = new FileSearchManager(searcher, () => undefined);
  assert.equal(revalidated, 1);
  mgr.setQuery('r');
  mgr.setQuery('re');
  assert.equal(revalidated, 1);
  mgr.dispose();
});
