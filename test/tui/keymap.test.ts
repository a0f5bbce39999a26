import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeymap, KeymapError, normalizeKey } from '../../keymaps/engine.js';
import { KEYMAP_MODES, MODE_ACTIONS } from '../../keymaps/actions.js';
import defaults from '../../keymaps/default.json' with { type: 'json' };

const key = (k: string, text?: string) => ({ type: 'key' as const, key: k, ...(text ? { text } : {}) });

test('key names normalise (case, aliases, modifier order)', () => {
  assert.equal(normalizeKey('Ctrl-J'), 'ctrl+j');
  assert.equal(normalizeKey('shift+ctrl+Left'), 'ctrl+shift+left');
  assert.equal(normalizeKey('Escape'), 'esc');
  assert.equal(normalizeKey('G'), 'G');
  assert.throws(() => normalizeKey('hyper+x'), /unknown modifier "hyper"/);
  assert.throws(() => normalizeKey('ctrl+foo'), /unknown key "foo"/);
});

test('the default composer table covers the key table of reference §3.1', () => {
  const km = buildKeymap();
  const expect: Record<string, string> = {
    enter: 'submit', 'shift+enter': 'newline', 'ctrl+j': 'newline', 'alt+enter': 'newline', up: 'history_prev_or_up', down: 'history_next_or_down',
    'ctrl+a': 'line_start', home: 'line_start', 'ctrl+e': 'line_end', end: 'line_end', 'ctrl+b': 'char_left', left: 'char_left', 'ctrl+f': 'char_right',
    right: 'char_right', 'alt+b': 'word_left', 'ctrl+left': 'word_left', 'alt+left': 'word_left', 'alt+f': 'word_right', 'ctrl+right': 'word_right',
    'ctrl+w': 'delete_word_backward', 'alt+backspace': 'delete_word_backward', 'alt+delete': 'delete_word_forward', 'alt+d': 'delete_word_forward',
    'ctrl+u': 'kill_line_start', 'ctrl+k': 'kill_line_end', 'ctrl+y': 'yank', 'ctrl+h': 'delete_backward', backspace: 'delete_backward',
    'ctrl+d': 'delete_forward_or_quit', delete: 'delete_forward', esc: 'cancel', 'ctrl+c': 'interrupt_or_quit', 'ctrl+t': 'open_transcript',
  };
  for (const [k, action] of Object.entries(expect)) assert.equal(km.resolve('composer', key(k))?.action, action, k);
  assert.deepEqual(km.resolve('composer', key('x', 'x')), { action: 'insert_text', text: 'x' });
  assert.deepEqual(km.resolve('composer', { type: 'paste', text: 'p' }), { action: 'paste', text: 'p' });
  assert.deepEqual(km.resolve('composer', { type: 'wheel', direction: 'up', x: 0, y: 0 }), { action: 'scroll_up' });
});

test('modes: popup falls back to the composer, backtrack cancels on any other key, pager ignores text', () => {
  const km = buildKeymap();
  assert.equal(km.resolve('popup', key('tab'))?.action, 'popup_complete');
  assert.equal(km.resolve('popup', key('ctrl+n'))?.action, 'popup_next');
  assert.deepEqual(km.resolve('popup', key('a', 'a')), { action: 'insert_text', text: 'a' });
  assert.equal(km.resolve('popup', key('ctrl+w'))?.action, 'delete_word_backward');
  assert.equal(km.resolve('backtrack', key('esc'))?.action, 'backtrack_older');
  assert.equal(km.resolve('backtrack', key('x', 'x'))?.action, 'backtrack_cancel');
  assert.equal(km.resolve('pager', key('x', 'x')), undefined);
  assert.equal(km.resolve('pager', key('q', 'q'))?.action, 'pager_close');
  assert.equal(km.resolve('modal', key('y', 'y'))?.action, 'modal_approve');
});

test('[tui.keymap] overrides: per action everywhere, per mode, and a rebound key leaves its old action', () => {
  const km = buildKeymap({ submit: 'ctrl+j', pager: { pager_close: ['x'] } });
  assert.equal(km.resolve('composer', key('ctrl+j'))?.action, 'submit');
  // The key submit gave up goes to the action that gave up Ctrl+J: Enter is not left dead.
  assert.equal(km.resolve('composer', key('enter'))?.action, 'newline');
  assert.equal(km.resolve('composer', key('shift+enter'))?.action, 'newline');
  assert.equal(km.resolve('pager', key('x', 'x'))?.action, 'pager_close');
  assert.equal(km.resolve('pager', key('q', 'q')), undefined);
});

test('bad overrides name the key path', () => {
  assert.throws(() => buildKeymap({ sumbit: 'enter' }), (e: Error) => e instanceof KeymapError && /tui\.keymap\.sumbit: unknown action/.test(e.message));
  assert.throws(() => buildKeymap({ nomode: { x: 'y' } }), /tui\.keymap\.nomode: unknown mode/);
  assert.throws(() => buildKeymap({ pager: { nope: 'y' } }), /tui\.keymap\.pager\.nope: unknown action/);
  assert.throws(() => buildKeymap({ submit: 'ctrl+nope' }), /tui\.keymap\.submit: unknown key "nope"/);
  assert.throws(() => buildKeymap({ submit: 3 as unknown as string }), /tui\.keymap\.submit: expected a key or a list of keys/);
});

test('keymaps/default.json names exactly the modes and actions of the TypeScript unions (keymaps/actions.ts)', () => {
  const data = defaults as Record<string, { text?: string; paste?: string; unbound?: string; bindings: Record<string, string[]> }>;
  assert.deepEqual(Object.keys(data).sort(), [...KEYMAP_MODES].sort());
  for (const mode of KEYMAP_MODES) {
    const spec = data[mode]!;
    const named = [...Object.keys(spec.bindings), spec.text, spec.paste, spec.unbound].filter((a): a is string => a !== undefined);
    assert.deepEqual(named.sort(), [...MODE_ACTIONS[mode]].sort(), `mode ${mode}`);
  }
});

test('with a problem handler, bad overrides are reported and skipped; the good ones and the defaults apply', () => {
  const problems: string[] = [];
  const km = buildKeymap({ submitt: 'ctrl+j', nomode: { x: 'y' }, newline: 'ctrl+nope', pager: { nope: 'y', pager_close: ['x'] } }, (m) => problems.push(m));
  assert.deepEqual(problems.map((p) => p.split(':')[0]), ['tui.keymap.submitt', 'tui.keymap.nomode', 'tui.keymap.newline', 'tui.keymap.pager.nope']);
  assert.equal(km.resolve('composer', key('enter'))?.action, 'submit');
  assert.equal(km.resolve('pager', key('x', 'x'))?.action, 'pager_close');
});
