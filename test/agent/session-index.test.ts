import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { appendSessionName, sessionNames } from '../../app/agent/session-index.js';

const home = mkdtempSync(join(tmpdir(), 'codex-session-index-'));
after(() => rmSync(home, { recursive: true, force: true }));
const file = join(home, 'session_index.jsonl');

test('session names are for the user only: the file is made 0600 under a umask of 022, and one left 0644 is narrowed when a name is added', () => {
  const old = process.umask(0o022);
  try {
    appendSessionName(home, 's1', 'first name');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    rmSync(file);
    writeFileSync(file, `${JSON.stringify({ id: 's0', thread_name: 'older', updated_at: '2026-01-01T00:00:00Z' })}\n`);
    chmodSync(file, 0o644);
    appendSessionName(home, 's1', 'renamed');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual([...sessionNames(home)], [['s0', 'older'], ['s1', 'renamed']]);
  } finally {
    process.umask(old);
  }
});
