// The pure undo planner: which turns, which files, to what, and refusal when
// the user changed a file since the agent did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastTurn, liveRecords, netChanges, planUndo, turnsFrom } from '../../app/checkpoints/plan.js';
import type { FileState, Fingerprint, TurnRecord } from '../../app/checkpoints/types.js';

const oid = (c: string) => c.repeat(40);
const file = (c: string): FileState => ({ kind: 'present', oid: oid(c), mode: 'file', store: 'git' });
const absent: FileState = { kind: 'absent' };
const seen = (c: string): Fingerprint => ({ kind: 'present', oid: oid(c), mode: 'file' });

const t1: TurnRecord = { turn: 1, changes: [{ path: '/r/a', before: file('a'), after: file('b') }] };
const t2: TurnRecord = { turn: 2, changes: [{ path: '/r/a', before: file('b'), after: file('c') }, { path: '/r/new', before: absent, after: file('d') }] };

test('the log replays to the turns still undoable, oldest first; a redone turn number replaces the old record', () => {
  assert.deepEqual(liveRecords([{ record: t2 }, { record: t1 }]).map((r) => r.turn), [1, 2]);
  assert.deepEqual(liveRecords([{ record: t1 }, { record: t2 }, { undone: [2] }]).map((r) => r.turn), [1]);
  const again = { ...t2, changes: [] };
  assert.deepEqual(liveRecords([{ record: t2 }, { undone: [2] }, { record: again }]), [again]);
});

test('/undo takes the last turn; backtrack every turn from a point', () => {
  assert.deepEqual(lastTurn([t1, t2]), [t2]);
  assert.deepEqual(lastTurn([]), []);
  assert.deepEqual(turnsFrom([t1, t2], 2), [t2]);
  assert.deepEqual(turnsFrom([t1, t2], 1), [t1, t2]);
});

test('over several turns a file goes back to its state before the first of them', () => {
  assert.deepEqual(netChanges([t2, t1]), [
    { path: '/r/a', before: file('a'), after: file('c') },
    { path: '/r/new', before: absent, after: file('d') },
  ]);
  // Created and removed again within the turns: nothing to restore.
  assert.deepEqual(netChanges([{ turn: 3, changes: [{ path: '/x', before: absent, after: absent }] }]), []);
});

test('undo restores when every file is as the agent left it, and removes files it created', () => {
  const plan = planUndo([t1, t2], new Map([['/r/a', seen('c')], ['/r/new', seen('d')]]));
  assert.deepEqual(plan, { kind: 'restore', turns: [1, 2], restore: [{ path: '/r/a', to: file('a') }, { path: '/r/new', to: absent }] });
});

test('undo refuses, naming the files, when the user changed them since (content, mode, removal, a directory)', () => {
  const now = new Map<string, Fingerprint>([['/r/a', seen('e')], ['/r/new', { kind: 'absent' }]]);
  assert.deepEqual(planUndo([t2], now), { kind: 'conflict', turns: [2], paths: ['/r/a', '/r/new'] });
  const exec = new Map<string, Fingerprint>([['/r/a', { kind: 'present', oid: oid('b'), mode: 'exec' }]]);
  assert.equal(planUndo([t1], exec).kind, 'conflict');
  assert.equal(planUndo([t1], new Map([['/r/a', { kind: 'other' }]])).kind, 'conflict');
  assert.deepEqual(planUndo([], new Map()), { kind: 'nothing' });
});
