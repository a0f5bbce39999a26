// /rename without a name opens a prompt in the composer's place, as 0.169's:
// "Name thread" (or "Rename thread" holding the current name), Enter saves
// through the same op as `/rename NAME`, a blank Enter does nothing, Esc and
// Ctrl+C close it; keys edit the prompt's field, never the draft behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendSessionName } from '../../app/agent/session-index.js';
import { expectScreen } from '../support/screen.js';
import { key, run, type, withApp, type Harness } from './harness.js';

const renames = (h: Harness) => h.session.ops.filter((o) => o.type === 'set_session_name');

test('/rename with no name: the prompt (snapshot); typing and Enter save the name as /rename NAME does', () => withApp(async (h) => {
  run(h, '/rename');
  assert.equal(h.app.mode, 'prompt');
  const s = await expectScreen('tui/rename-prompt', h.app, { cols: 60, rows: 12, colors: true });
  assert.match(s.text, /Name thread\n\n› Type a name and press Enter\n\n {2}enter submit · esc back/);
  assert.doesNotMatch(s.text, /Ask Codex to do anything/, 'the prompt stands where the composer was');
  type(h, 'my  first');
  key(h, 'backspace');
  key(h, 'enter');
  assert.equal(h.app.mode, 'composer');
  assert.deepEqual(renames(h), [{ type: 'set_session_name', name: 'my firs' }]);
  run(h, '/rename  my   firs ');
  assert.deepEqual(renames(h).at(-1), { type: 'set_session_name', name: 'my firs' }, 'the same name, saved the same way');
}));

test('/rename on a named session: "Rename thread" holding the name; a blank Enter stays; Esc and Ctrl+C cancel', () => withApp(async (h) => {
  appendSessionName(h.app.config.codexHome, h.session.id, 'old name');
  run(h, '/rename');
  const s = await expectScreen('tui/rename-prompt-named', h.app, { cols: 60, rows: 12 });
  assert.match(s.text, /Rename thread\n\n› old name\n/);
  key(h, 'ctrl+u');
  type(h, '   ');
  assert.equal(h.app.composer.text, '', 'keys edit the field, not the composer behind it');
  key(h, 'enter');
  assert.equal(h.app.mode, 'prompt', 'a blank name is not submitted');
  key(h, 'esc');
  assert.equal(h.app.mode, 'composer');
  run(h, '/rename');
  key(h, 'ctrl+c');
  assert.equal(h.app.mode, 'composer');
  assert.equal(h.exited(), false, 'Ctrl+C closed the prompt, it did not arm quitting');
  assert.deepEqual(renames(h), []);
}));
