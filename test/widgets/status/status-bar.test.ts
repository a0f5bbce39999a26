// The status bar: the directory is cut from the left, and sandbox and approval
// stay in view at 80 columns (the provider, then the model, give way first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusBar, truncatePathLeft, type SessionInfo } from '../../../widgets/status/status-bar.js';
import { expectScreen } from '../../support/screen.js';

const INFO: SessionInfo = {
  cwd: '~/work/clients/acme-corporation/backend-services/project/src',
  model: 'gpt-5-codex',
  reasoningEffort: 'high',
  provider: 'OpenAI',
  sandbox: 'workspace-write',
  approval: 'on-request',
};

test('truncatePathLeft keeps the end of the path, from a separator when one fits', () => {
  assert.equal(truncatePathLeft('~/a/project/src', 40), '~/a/project/src');
  assert.equal(truncatePathLeft('~/work/clients/project/src', 14), '…/project/src');
  assert.equal(truncatePathLeft('~/work/clients/project/src', 13), '…/project/src');
  assert.equal(truncatePathLeft('~/work/clients/project/src', 12), '…/src');
  // The last name alone is too long: its end, without a separator.
  assert.equal(truncatePathLeft('/x/averyveryverylongname', 10), '…ylongname');
  assert.equal(truncatePathLeft('/x/y', 1), '…');
  assert.equal(truncatePathLeft('/x/y', 0), '');
});

for (const [cols, name] of [[120, 'status-bar-120'], [80, 'status-bar-80'], [60, 'status-bar-60'], [40, 'status-bar-40']] as const) {
  test(`status bar at ${cols} columns`, async () => {
    const s = await expectScreen(`tui/${name}`, new StatusBar(INFO), { cols, rows: 1, colors: cols === 80 });
    const row = s.lines[0]!;
    assert.match(row, /^ >_ …\/(.*\/)?src · /, row);
    // Labelled from 80 columns; narrower, the values alone.
    assert.match(row, cols >= 80 ? /sandbox workspace-write · approval on-request$/ : / · workspace-write · on-request$/, row);
    if (cols === 120) assert.match(row, /gpt-5-codex high · OpenAI/);
  });
}

test('a short directory is shown whole with every item', async () => {
  const s = await expectScreen('tui/status-bar-short', new StatusBar({ ...INFO, cwd: '~/project' }), { cols: 100, rows: 1 });
  assert.equal(s.lines[0], ' >_ ~/project · gpt-5-codex high · OpenAI · sandbox workspace-write · approval on-request');
});

test('with no items (`status_line = []`) there is no bar: it takes no row', () => {
  assert.equal(new StatusBar(INFO, []).measure(80), 0);
  assert.equal(new StatusBar(INFO, ['git-branch']).measure(80), 1, 'an item with nothing to show yet keeps the row');
});
