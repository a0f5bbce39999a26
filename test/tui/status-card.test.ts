// The /status card's words and numbers, as 0.169 prints them (its screens for
// the same settings, read in a pty, are the reference).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactTokens } from '../../app/agent/token-usage.js';
import { permissionsLabel } from '../../app/tui/status-card.js';

test('token counts are compact: three significant digits, trailing zeros dropped', () => {
  assert.deepEqual([0, 999, 1000, 1500, 10_345, 11_845, 100_000, 258_400, 1_234_567, 2_000_000_000].map(compactTokens),
    ['0', '999', '1K', '1.5K', '10.3K', '11.8K', '100K', '258K', '1.23M', '2B']);
});

test('permissions in the original\'s words', () => {
  const ws = { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false } as const;
  assert.equal(permissionsLabel('on-request', ws, '/w'), 'Workspace (Ask for approval)');
  assert.equal(permissionsLabel('on-request', { ...ws, networkAccess: true, writableRoots: ['/w', '/extra'] }, '/w'), 'Workspace with network access [/extra] (Ask for approval)');
  assert.equal(permissionsLabel('never', ws, '/w'), 'Custom (workspace, never)');
  assert.equal(permissionsLabel('never', { mode: 'read-only' }, '/w'), 'Read Only (never)');
  assert.equal(permissionsLabel('never', { mode: 'danger-full-access' }, '/w'), 'Full Access');
  assert.equal(permissionsLabel('on-request', { mode: 'danger-full-access' }, '/w'), 'Custom (danger-full-access, Ask for approval)');
  assert.equal(permissionsLabel('untrusted', { mode: 'read-only' }, '/w'), 'Read Only (untrusted)');
});
