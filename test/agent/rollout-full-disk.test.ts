// A full disk (issue 17 item 16) on a real one: a 64 KiB tmpfs (we are root;
// skipped with the reason where mounting is not allowed). Session logs and
// history keep whole lines only, a resume that would not fit is refused with
// the file untouched, and the user is told once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appendHistory, historyPath } from '../../app/agent/history.js';
import { readRollout, RolloutError, RolloutRecorder, type SessionMeta } from '../../app/agent/rollout.js';
import { configureLogging } from '../../app/log.js';

const root = mkdtempSync(join(tmpdir(), 'codex-full-disk-'));
const disk = join(root, 'disk');
mkdirSync(disk);
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { encoding: 'utf8' });
const skip = mount.status === 0 ? false : `cannot mount a tmpfs here: ${(mount.stderr || mount.error?.message || '').trim()}`;
before(() => configureLogging({ file: join(root, 'log.txt') }, 'warn'));
after(() => {
  if (!skip) spawnSync('umount', [disk]);
  rmSync(root, { recursive: true, force: true });
});

const meta: SessionMeta = { id: '11111111-0000-7000-8000-0000000000d1', timestamp: '2026-01-01T00:00:00Z', cwd: '/w', originator: 'test', cli_version: '0.0.0' };
const filler = join(disk, 'filler');

/** Fills the disk up to `leave` bytes (within a block) of free space. */
function fill(leave = 0): void {
  rmSync(filler, { force: true });
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(1024, 0x78);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // full
  } finally {
    closeSync(fd);
  }
  if (leave > 0) writeFileSync(filler, readFileSync(filler).subarray(leave + 1024));
}

function session(): RolloutRecorder {
  rmSync(join(disk, 'sessions'), { recursive: true, force: true });
  rmSync(filler, { force: true });
  const rec = RolloutRecorder.create(disk, meta);
  rec.materialize();
  rec.record('event_msg', { type: 'agent_message', message: 'one' });
  rec.close();
  return rec;
}

test('resuming on a full disk is refused with one clear error, the log left byte for byte', { skip }, () => {
  const { path } = session();
  const before = readFileSync(path);
  fill();
  assert.throws(() => RolloutRecorder.append(path), (err: unknown) => {
    assert.ok(err instanceof RolloutError);
    assert.match(err.message, /^Cannot resume: the disk holding .*rollout-.*\.jsonl is full \(\d+ bytes free, 65536 needed\); the session file is left as it was$/);
    return true;
  });
  assert.deepEqual(readFileSync(path), before);
});

test('a line the disk has no room for is cut back off: the log keeps whole lines, the user is told once', { skip }, () => {
  const { path } = session();
  const before = readFileSync(path);
  fill(2048);
  const rec = RolloutRecorder.append(path, 0);
  const told: string[] = [];
  rec.onWriteFailure = (m) => told.push(m);
  rec.record('event_msg', { type: 'agent_message', message: 'x'.repeat(20_000) });
  assert.deepEqual(readFileSync(path), before, 'no part of the line that did not fit');
  rmSync(filler);
  rec.record('event_msg', { type: 'agent_message', message: 'after the failure' });
  rec.close();
  assert.deepEqual(readFileSync(path), before, 'the log stops at the failure: no gap in the middle');
  assert.equal(told.length, 1);
  assert.match(told[0]!, /^The session log .* could not be written \(No space left on device \(os error 28\)\): it ends at the last whole line/);
  assert.deepEqual(readRollout(path).lines.map((l) => l.payload.message), ['one']);
});

test('a new session whose log cannot be created says so once, and goes on', { skip }, () => {
  rmSync(join(disk, 'sessions'), { recursive: true, force: true });
  fill();
  const rec = RolloutRecorder.create(disk, meta);
  const told: string[] = [];
  rec.onWriteFailure = (m) => told.push(m);
  rec.record('event_msg', { type: 'agent_message', message: 'x'.repeat(20_000) });
  rec.materialize();
  rec.record('event_msg', { type: 'agent_message', message: 'more' });
  rec.close();
  assert.equal(told.length, 1);
  assert.match(told[0]!, /No space left on device/);
  const text = readFileSync(rec.path, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'no torn line');
});

test('history.jsonl keeps whole lines on a full disk', { skip }, () => {
  rmSync(filler, { force: true });
  rmSync(historyPath(disk), { force: true });
  appendHistory(disk, meta.id, 'first');
  const before = readFileSync(historyPath(disk));
  fill(512);
  appendHistory(disk, meta.id, 'y'.repeat(20_000));
  assert.deepEqual(readFileSync(historyPath(disk)), before);
});

test('a torn last line is skipped on read with a warning naming the line', () => {
  const dir = mkdtempSync(join(root, 'torn-'));
  const path = join(dir, 'rollout.jsonl');
  writeFileSync(path, `${JSON.stringify({ timestamp: 't', type: 'session_meta', payload: meta })}\n{"timestamp":"t","type":"event_m`);
  assert.deepEqual(readRollout(path).lines, []);
  assert.match(readFileSync(join(root, 'log.txt'), 'utf8'), /rollout\.jsonl:2: skipping a last line cut short \(a crash or a full disk\)/);
});
