import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UndoStack } from '../../../widgets/composer/undo.js';

test('undo/redo walk the recorded states; a new edit clears redo', () => {
  const u = new UndoStack<string>();
  assert.equal(u.undo('now'), undefined);
  u.record('');
  u.record('a');
  assert.equal(u.undo('ab'), 'a');
  assert.equal(u.undo('a'), '');
  assert.equal(u.undo(''), undefined);
  assert.equal(u.redo(''), 'a');
  assert.equal(u.redo('a'), 'ab');
  assert.equal(u.redo('ab'), undefined);
  assert.equal(u.undo('ab'), 'a');
  u.record('a');
  assert.equal(u.redo('ax'), undefined, 'the edit cleared redo');
});

test('records of one group join the first (a run of typing); seal or another group starts a new step', () => {
  const u = new UndoStack<string>();
  u.record('', 'typing');
  u.record('h', 'typing');
  u.record('he', 'typing');
  u.seal();
  u.record('hel', 'typing');
  u.record('help', 'typing');
  u.record('help!');
  assert.equal(u.undo('help!?'), 'help!');
  assert.equal(u.undo('help!'), 'hel');
  assert.equal(u.undo('hel'), '');
  // After an undo, typing is a new step even in the same group.
  u.record('', 'typing');
  assert.equal(u.undo('x'), '');
});

test('the stack keeps the newest `limit` steps', () => {
  const u = new UndoStack<number>(3);
  for (let i = 0; i < 10; i++) u.record(i);
  assert.deepEqual([u.undo(10), u.undo(9), u.undo(8), u.undo(7)], [9, 8, 7, undefined]);
  u.clear();
  assert.equal(u.redo(0), undefined);
});
