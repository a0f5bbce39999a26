import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import {
  findNewestRollout, findRolloutById, readRollout, replayItems, RolloutRecorder, rolloutPathFor, type SessionMeta,
} from '../../app/agent/rollout.js';
import { configureLogging } from '../../app/log.js';

const home = mkdtempSync(join(tmpdir(), 'codex-rollout-'));
after(() => rmSync(home, { recursive: true, force: true }));

const meta = (id: string, cwd = '/w'): SessionMeta => ({ id, timestamp: '2026-01-01T00:00:00Z', cwd, originator: 'test', cli_version: '0.0.0' });

test('path follows sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<id>.jsonl in local time', () => {
  const at = new Date(2026, 10, 24, 14, 46, 5);
  assert.equal(rolloutPathFor('/h', 'abc', at), '/h/sessions/2026/11/24/rollout-2026-11-24T14-46-05-abc.jsonl');
});

/** A recorder whose file exists (a session materializes it with the first user turn). */
function created(...args: Parameters<typeof RolloutRecorder.create>): RolloutRecorder {
  const rec = RolloutRecorder.create(...args);
  rec.materialize();
  return rec;
}

test('a new log is written from materialize() on: until then nothing is on disk, and closing unmaterialized leaves no file', () => {
  const rec = RolloutRecorder.create(home, meta('11111111-0000-7000-8000-00000000000e'));
  rec.record('event_msg', { type: 'error', message: 'before' });
  assert.equal(existsSync(rec.path), false);
  rec.materialize();
  assert.deepEqual(readRollout(rec.path).lines.map((l) => l.payload.message), ['before']);
  rec.close();
  const empty = RolloutRecorder.create(home, meta('11111111-0000-7000-8000-00000000000f'));
  empty.record('event_msg', { type: 'error', message: 'never written' });
  empty.close();
  empty.materialize();
  assert.equal(existsSync(empty.path), false);
});

test('lines are {timestamp,type,payload}, written as they happen, and read back', () => {
  const rec = created(home, meta('11111111-0000-7000-8000-000000000001'));
  rec.record('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] });
  // Visible on disk before close: nothing is buffered in the process.
  const text = readFileSync(rec.path, 'utf8');
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { timestamp: string; type: string; payload: unknown });
  assert.deepEqual(lines.map((l) => l.type), ['session_meta', 'response_item']);
  assert.match(lines[0]!.timestamp, /^\d{4}-\d\d-\d\dT/);
  rec.close();
  const back = readRollout(rec.path);
  assert.equal(back.meta.id, '11111111-0000-7000-8000-000000000001');
  assert.equal(back.lines.length, 1);
  assert.equal(back.lines[0]!.type, 'response_item');
});

test('a half-written last line is skipped on read and removed before appending', () => {
  const rec = created(home, meta('11111111-0000-7000-8000-000000000002'));
  rec.record('event_msg', { type: 'agent_message', message: 'one' });
  rec.close();
  appendFileSync(rec.path, '{"timestamp":"x","type":"event_ms');
  assert.equal(readRollout(rec.path).lines.length, 1);
  const again = RolloutRecorder.append(rec.path);
  again.record('event_msg', { type: 'agent_message', message: 'two' });
  again.close();
  const back = readRollout(rec.path);
  assert.deepEqual(back.lines.map((l) => l.payload.message), ['one', 'two']);
  for (const line of readFileSync(rec.path, 'utf8').trimEnd().split('\n')) JSON.parse(line);
});

test('resuming a session whose log is readable by others (0644: the native CLI writes them so) narrows it to 0600 before appending', () => {
  const rec = created(home, meta('11111111-0000-7000-8000-000000000022'));
  rec.close();
  chmodSync(rec.path, 0o644);
  const again = RolloutRecorder.append(rec.path);
  assert.equal(statSync(rec.path).mode & 0o777, 0o600);
  again.close();
});

test('a last line that is whole JSON but lacks its newline is kept and terminated before appending', () => {
  const rec = created(home, meta('11111111-0000-7000-8000-000000000012'));
  rec.close();
  appendFileSync(rec.path, JSON.stringify({ timestamp: 'x', type: 'event_msg', payload: { type: 'agent_message', message: 'one' } }));
  const again = RolloutRecorder.append(rec.path);
  again.record('event_msg', { type: 'agent_message', message: 'two' });
  again.close();
  assert.deepEqual(readRollout(rec.path).lines.map((l) => l.payload.message), ['one', 'two']);
});

test('a file without session_meta is an error naming the file', () => {
  const p = join(home, 'bogus.jsonl');
  appendFileSync(p, '{"timestamp":"x","type":"event_msg","payload":{}}\n');
  assert.throws(() => readRollout(p), (e: Error) => e.message.includes(p) && /session_meta/.test(e.message));
  assert.throws(() => readRollout(join(home, 'missing.jsonl')), /Failed to read session file/);
});

test('--last finds a session whose session_meta line is large (long AGENTS.md instructions)', () => {
  const h = mkdtempSync(join(tmpdir(), 'codex-find-'));
  try {
    const big = created(h, { ...meta('cccccccc-0000-7000-8000-00000000000c', '/big'), instructions: 'Be careful. '.repeat(20_000) });
    big.close();
    assert.equal(findNewestRollout(h, '/big'), big.path);
  } finally {
    rmSync(h, { recursive: true, force: true });
  }
});

test('sessions are found by id and by last use, optionally by cwd', () => {
  const h = mkdtempSync(join(tmpdir(), 'codex-find-'));
  try {
    const a = created(h, meta('aaaaaaaa-0000-7000-8000-00000000000a', '/one'), new Date(2026, 0, 1, 10, 0, 0));
    const b = created(h, meta('bbbbbbbb-0000-7000-8000-00000000000b', '/two'), new Date(2026, 0, 2, 9, 0, 0));
    a.close();
    b.close();
    // Both were written within the same instant: give each the time of its last use.
    utimesSync(a.path, new Date(2026, 0, 1, 10, 5), new Date(2026, 0, 1, 10, 5));
    utimesSync(b.path, new Date(2026, 0, 2, 9, 5), new Date(2026, 0, 2, 9, 5));
    assert.equal(findRolloutById(h, 'AAAAAAAA-0000-7000-8000-00000000000A'), a.path);
    assert.equal(findRolloutById(h, 'nope'), undefined);
    assert.equal(findNewestRollout(h), b.path);
    assert.equal(findNewestRollout(h, '/one'), a.path);
    assert.equal(findNewestRollout(h, '/three'), undefined);
    assert.match(basename(b.path), /^rollout-2026-01-02T09-00-00-bbbb/);
    utimesSync(a.path, new Date(), new Date()); // a resumed and continued session is the newest, whatever its name says
    assert.equal(findNewestRollout(h), a.path);
  } finally {
    rmSync(h, { recursive: true, force: true });
  }
});

test('a damaged response_item (or compacted history) is skipped with its line number, the rest is kept', () => {
  const rec = created(home, meta('11111111-0000-7000-8000-000000000009'));
  rec.record('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'kept' }] });
  rec.record('response_item', { type: 'message', role: 'user', content: 'not an array' });
  rec.record('response_item', { type: 'function_call', name: 'shell', arguments: '{}' }); // no call_id
  rec.record('compacted', { message: 's', replacement_history: [{ type: 'message', role: 'nobody', content: [] }] });
  rec.record('response_item', { type: 'function_call', name: 'shell', arguments: '{}', call_id: 'c' });
  rec.close();
  const logFile = join(home, 'rollout-warnings.log');
  configureLogging({ file: logFile });
  const back = readRollout(rec.path);
  assert.deepEqual(back.lines.map((l) => l.payload.type ?? 'compacted'), ['message', 'function_call']);
  assert.deepEqual(replayItems(back.lines).map((i) => i.type), ['message', 'function_call']);
  const warnings = readFileSync(logFile, 'utf8');
  assert.match(warnings, new RegExp(`${basename(rec.path)}:3: skipping a response_item line whose item is malformed: content: `));
  assert.match(warnings, new RegExp(`${basename(rec.path)}:4: skipping a response_item line whose item is malformed: call_id: `));
  assert.match(warnings, new RegExp(`${basename(rec.path)}:5: skipping a compacted line whose item is malformed: role: `));
});
