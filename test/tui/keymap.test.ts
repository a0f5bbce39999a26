import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeymap, Keymap, KeymapError, normalizeKey } from '../../keymaps/engine.js';
import { KEYMAP_MODES, MODE_ACTIONS, OPERAND_ACTIONS, OPERATOR_ACTIONS } from '../../keymaps/actions.js';
import defaults from '../../keymaps/default.json' with { type: 'json' };
import vim from '../../keymaps/vim.json' with { type: 'json' };
import { MOTIONS, OPERATORS, TEXT_OBJECTS } from '../../widgets/composer/motions.js';

const key = (k: string, text?: string) => ({ type: 'key' as const, key: k, ...(text ? { text } : {}) });

test('key names normalise (case, aliases, modifier order)', () => {
  assert.equal(normalizeKey('Ctrl-J'), 'ctrl+j');
  assert.equal(normalizeKey('shift+ctrl+Left'), 'ctrl+shift+left');
  assert.equal(normalizeKey('Escape'), 'esc');
  assert.equal(normalizeKey('G'), 'G');
  // + and - separate modifiers only when something follows: they are keys too.
  assert.equal(normalizeKey('Ctrl++'), 'ctrl++');
  assert.equal(normalizeKey('alt--'), 'alt+-');
  assert.equal(normalizeKey('-'), '-');
  assert.equal(normalizeKey(' shift-Alt-Up '), 'alt+shift+up');
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
  // Overrides leave the built-in data as it was: a later keymap (a reloaded config) starts from the defaults.
  const again = buildKeymap();
  assert.equal(again.resolve('composer', key('enter'))?.action, 'submit');
  assert.equal(again.resolve('composer', key('ctrl+j'))?.action, 'newline');
  assert.equal(again.resolve('pager', key('q', 'q'))?.action, 'pager_close');
  assert.deepEqual(defaults.composer.bindings.submit, ['enter']);
});

test('bad overrides name the key path', () => {
  assert.throws(() => buildKeymap({ sumbit: 'enter' }), (e: Error) => e instanceof KeymapError && /tui\.keymap\.sumbit: unknown action/.test(e.message));
  assert.throws(() => buildKeymap({ nomode: { x: 'y' } }), /tui\.keymap\.nomode: unknown mode/);
  assert.throws(() => buildKeymap({ pager: { nope: 'y' } }), /tui\.keymap\.pager\.nope: unknown action/);
  assert.throws(() => buildKeymap({ submit: 'ctrl+nope' }), /tui\.keymap\.submit: unknown key "nope"/);
  assert.throws(() => buildKeymap({ submit: 3 as unknown as string }), /tui\.keymap\.submit: expected a key or a list of keys/);
});

test('keymaps/default.json and vim.json name exactly the modes and actions of the TypeScript unions (keymaps/actions.ts)', () => {
  type Spec = {
    text?: string; paste?: string; unbound?: string; bindings: Record<string, string[]>; operators?: Record<string, string[]>;
    objects?: Record<string, string[]>; line_object?: string;
  };
  const data = { ...defaults, ...vim } as Record<string, Spec>;
  assert.deepEqual(Object.keys(data).sort(), [...KEYMAP_MODES].sort());
  for (const mode of KEYMAP_MODES) {
    const spec = data[mode]!;
    const named = [
      ...Object.keys(spec.bindings), ...Object.keys(spec.operators ?? {}), ...Object.keys(spec.objects ?? {}), spec.line_object, spec.text, spec.paste,
      spec.unbound,
    ].filter((a): a is string => a !== undefined);
    assert.deepEqual([...new Set(named)].sort(), [...MODE_ACTIONS[mode]].sort(), `mode ${mode}`);
  }
  // The composer widget spells motions, text objects and operators as the keymap does.
  assert.deepEqual([...OPERAND_ACTIONS].sort(), [...MOTIONS, ...TEXT_OBJECTS].sort());
  assert.deepEqual([...OPERATOR_ACTIONS].sort(), [...OPERATORS].sort());
});

test('modal modes: counts, operator-pending (motion, doubled key, two-key text object), the mode an action leaves', () => {
  const km = buildKeymap();
  const n = (k: string) => km.resolve('vim_normal', key(k, k.length === 1 ? k : undefined));
  const seq = (keys: string[]) => keys.map(n);
  assert.deepEqual(n('w'), { action: 'word_next_start' });
  assert.deepEqual(seq(['3', 'x']), [undefined, { action: 'delete_forward', count: 3 }]);
  assert.deepEqual(seq(['1', '2', 'l']), [undefined, undefined, { action: 'char_right', count: 12 }]);
  assert.deepEqual(n('0'), { action: 'line_start' }, '0 alone is a motion');
  assert.deepEqual(seq(['1', '0', 'h']).at(-1), { action: 'char_left', count: 10 }, '0 after a digit is part of the count');
  assert.deepEqual(seq(['d', 'w']), [undefined, { action: 'word_next_start', operator: 'delete_to' }]);
  assert.equal(km.pendingKeys(), '');
  assert.deepEqual(seq(['2', 'd', '3', 'e']), [undefined, undefined, undefined, { action: 'word_next_end', operator: 'delete_to', count: 6 }]);
  assert.deepEqual(seq(['d', 'd']).at(-1), { action: 'whole_line', operator: 'delete_to' });
  assert.deepEqual(seq(['c', 'i']), [undefined, undefined]);
  assert.equal(km.pendingKeys(), 'ci');
  assert.deepEqual(n('w'), { action: 'inner_word', operator: 'change_to', then: 'vim_insert' });
  assert.deepEqual(seq(['c', 'w']).at(-1), { action: 'word_next_start', operator: 'change_to', then: 'vim_insert' });
  assert.deepEqual(n('A'), { action: 'append_line_end', then: 'vim_insert' });
  // A key that completes nothing cancels what is pending and is consumed.
  assert.deepEqual(seq(['d', 'esc', 'x']), [undefined, undefined, { action: 'delete_forward' }]);
  assert.deepEqual(seq(['2', 'd', 'u', 'x']), [undefined, undefined, undefined, { action: 'delete_forward' }], 'u is no motion');
  assert.deepEqual(seq(['c', 'i', 'q', 'x']).at(-1), { action: 'delete_forward' });
  assert.deepEqual(seq(['5', 'z', 'x']), [undefined, undefined, { action: 'delete_forward' }], 'a count before an unbound key goes with it');
  // Printable keys type nothing in normal mode; Enter and Ctrl+C keep their composer meaning.
  assert.equal(n('q'), undefined);
  assert.deepEqual(n('enter'), { action: 'submit' });
  assert.equal(n('ctrl+c')?.action, 'interrupt_or_quit');
  assert.deepEqual(km.resolve('vim_normal', { type: 'paste', text: 'p' }), { action: 'paste', text: 'p' });
  // Insert mode types through the composer; Esc leaves for normal mode.
  assert.deepEqual(km.resolve('vim_insert', key('h', 'h')), { action: 'insert_text', text: 'h' });
  assert.equal(km.resolve('vim_insert', key('esc'))?.then, 'vim_normal');
  assert.equal(km.resolve('vim_insert', key('ctrl+w'))?.action, 'delete_word_backward');
  // Pending keys do not survive a change of mode.
  n('d');
  assert.equal(km.pendingKeys(), 'd');
  km.resolve('composer', key('a', 'a'));
  assert.deepEqual(n('w'), { action: 'word_next_start' });
  assert.deepEqual([km.indicator('vim_normal'), km.indicator('vim_insert'), km.indicator('composer')], ['NORMAL', 'INSERT', undefined]);
  assert.deepEqual([km.caretOnChar('vim_normal'), km.caretOnChar('vim_insert')], [true, false]);
  assert.deepEqual([km.typesText('vim_normal'), km.typesText('vim_insert'), km.typesText('popup')], [false, true, true]);
});

test('modal data is checked when the mode first resolves a key: an operator, operand or next mode that is not one fails naming it', () => {
  const base = { bindings: { char_left: ['h'] } };
  const first = (km: Keymap) => () => km.resolve('vim_normal', key('h', 'h'));
  assert.throws(first(new Keymap({ vim_normal: { ...base, operators: { undo: ['u'] } } })), /"undo" in vim_normal\.operators is not an operator/);
  assert.throws(first(new Keymap({ vim_normal: { ...base, line_object: 'undo' } })), /"undo" in vim_normal is not a motion or text object/);
  assert.throws(first(new Keymap({ vim_normal: { ...base, then: { char_left: 'nowhere' } } })), /vim_normal\.then\.char_left": unknown mode "nowhere"/);
  assert.throws(first(new Keymap({ vim_normal: { bindings: { pager_close: ['h'] } } })), /"pager_close" is not an action of mode "vim_normal"/);
  // The built-in data of every mode holds.
  const km = buildKeymap();
  for (const mode of KEYMAP_MODES) km.resolve(mode, key('x', 'x'));
  assert.deepEqual(buildKeymap({ vim_normal: { word_next_start: 'W' } }).resolve('vim_normal', key('W', 'W')), { action: 'word_next_start' });
});

test('with a problem handler, bad overrides are reported and skipped; the good ones and the defaults apply', () => {
  const problems: string[] = [];
  const km = buildKeymap({ submitt: 'ctrl+j', nomode: { x: 'y' }, newline: 'ctrl+nope', pager: { nope: 'y', pager_close: ['x'] } }, (m) => problems.push(m));
  assert.deepEqual(problems.map((p) => p.split(':')[0]), ['tui.keymap.submitt', 'tui.keymap.nomode', 'tui.keymap.newline', 'tui.keymap.pager.nope']);
  assert.equal(km.resolve('composer', key('enter'))?.action, 'submit');
  assert.equal(km.resolve('pager', key('x', 'x'))?.action, 'pager_close');
});
