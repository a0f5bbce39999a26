import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levelEnabled, parseLogFilter } from '../../app/log.js';

test('a bare level sets the default for every target', () => {
  const f = parseLogFilter('debug');
  assert.equal(levelEnabled(f, 'codex_core', 'debug'), true);
  assert.equal(levelEnabled(f, 'codex_core', 'trace'), false);
});

test('target=level lists pick the longest matching target', () => {
  const f = parseLogFilter('warn,codex_core=trace,codex_core::model=error');
  assert.equal(levelEnabled(f, 'codex_tui', 'info'), false);
  assert.equal(levelEnabled(f, 'codex_core::exec', 'trace'), true);
  assert.equal(levelEnabled(f, 'codex_core::model', 'warn'), false);
});

test('unset means warn and unknown words are ignored', () => {
  const f = parseLogFilter('loud,,');
  assert.equal(levelEnabled(f, 'x', 'warn'), true);
  assert.equal(levelEnabled(f, 'x', 'info'), false);
});
