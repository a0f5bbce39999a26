import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { appendHistory, historyEntry, historyMetadata, historyPath } from '../../app/agent/history.js';

const home = mkdtempSync(join(tmpdir(), 'codex-history-'));
after(() => rmSync(home, { recursive: true, force: true }));

test('entries are JSON lines {session_id, ts, text} in a 0600 file', () => {
  assert.deepEqual(historyMetadata(home), { logId: 0, count: 0 });
  appendHistory(home, 's1', 'first prompt');
  appendHistory(home, 's1', 'second\nprompt');
  const lines = readFileSync(historyPath(home), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { session_id: string; ts: number; text: string });
  assert.deepEqual(lines.map((l) => [l.session_id, l.text]), [['s1', 'first prompt'], ['s1', 'second\nprompt']]);
  assert.ok(Math.abs(lines[0]!.ts - Date.now() / 1000) < 60);
  assert.equal(statSync(historyPath(home)).mode & 0o777, 0o600);
  const meta = historyMetadata(home);
  assert.equal(meta.count, 2);
  assert.equal(meta.logId, statSync(historyPath(home)).ino);
  assert.equal(historyEntry(home, meta.logId, 1)?.text, 'second\nprompt');
  assert.equal(historyEntry(home, meta.logId, 2), undefined);
  assert.equal(historyEntry(home, meta.logId + 1, 0), undefined);
});

test('a first prompt before anything made CODEX_HOME (~/.codex missing) is kept: the folder is made 0700 under a umask of 022, the file 0600', () => {
  const old = process.umask(0o022);
  const parent = mkdtempSync(join(tmpdir(), 'codex-history-'));
  try {
    const fresh = join(parent, '.codex');
    appendHistory(fresh, 's', 'first ever');
    assert.equal(historyEntry(fresh, historyMetadata(fresh).logId, 0)?.text, 'first ever');
    assert.deepEqual([statSync(fresh).mode & 0o777, statSync(historyPath(fresh)).mode & 0o777], [0o700, 0o600]);
  } finally {
    process.umask(old);
    rmSync(parent, { recursive: true, force: true });
  }
});

test('an existing file with looser permissions is tightened to 0600', () => {
  const h = mkdtempSync(join(tmpdir(), 'codex-history-'));
  try {
    writeFileSync(historyPath(h), '');
    chmodSync(historyPath(h), 0o644);
    appendHistory(h, 's', 'x');
    assert.equal(statSync(historyPath(h)).mode & 0o777, 0o600);
  } finally {
    rmSync(h, { recursive: true, force: true });
  }
});
