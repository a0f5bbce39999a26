// Vim mode in the controller over a fake session: keys go through the real
// keymap (keymaps/vim.json) to the real composer; what the draft becomes, the
// caret, the footer's mode indicator, /vim and [tui] vim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, type Harness } from './harness.js';

const NAMED: Record<string, string> = { '<Esc>': 'esc', '<CR>': 'enter', '<C-r>': 'ctrl+r', ' ': 'space' };

/** Types vim-style key notation: `ihello<Esc>0dw`. */
function keys(h: Harness, notation: string): void {
  for (const k of notation.match(/<[^>]+>|./gu) ?? []) {
    h.clock.now += 50;
    const named = NAMED[k];
    h.app.handleInput([{ type: 'key', key: named ?? k, ...(named && named !== 'space' ? {} : { text: k }) }]);
  }
}

const draft = (h: Harness): string => h.app.composer.text;
const caret = (h: Harness): number => h.app.composer.textarea.cursor;

test('[tui] vim = true starts in normal mode: ihello<Esc>0dwitest<Esc> leaves "test"; the footer names the mode', () => withApp((h) => {
  assert.equal(h.app.footer.mode, 'NORMAL');
  keys(h, 'ihello');
  assert.equal(h.app.footer.mode, 'INSERT');
  keys(h, '<Esc>');
  assert.deepEqual([draft(h), caret(h), h.app.footer.mode], ['hello', 4, 'NORMAL']);
  keys(h, '0dw');
  assert.equal(draft(h), '');
  keys(h, 'itest<Esc>');
  assert.equal(draft(h), 'test');
  keys(h, '<CR>');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'test' }] });
}, ['tui.vim=true']));

test('normal mode: motions, counts, x, dd, cw, ciw, A, a, o, u and redo', () => withApp((h) => {
  keys(h, 'ione two three four<Esc>');
  keys(h, '0w');
  assert.equal(caret(h), 4);
  keys(h, 'e');
  assert.equal(caret(h), 6);
  keys(h, 'b0$');
  assert.equal(caret(h), 'one two three four'.length - 1, '$ sits on the last character');
  keys(h, '02x');
  assert.equal(draft(h), 'e two three four');
  keys(h, 'wcwTWO<Esc>');
  assert.equal(draft(h), 'e TWO three four');
  keys(h, 'u');
  assert.equal(draft(h), 'e two three four', 'one undo takes back a change and what replaced it');
  keys(h, '<C-r>');
  assert.equal(draft(h), 'e TWO three four');
  keys(h, 'wciwTHREE<Esc>');
  assert.equal(draft(h), 'e TWO THREE four');
  keys(h, '0d2w');
  assert.equal(draft(h), 'THREE four');
  keys(h, 'A!<Esc>');
  assert.equal(draft(h), 'THREE four!');
  keys(h, '0a-<Esc>');
  assert.equal(draft(h), 'T-HREE four!');
  keys(h, 'osecond<Esc>');
  assert.equal(draft(h), 'T-HREE four!\nsecond');
  keys(h, 'u');
  assert.equal(draft(h), 'T-HREE four!', 'one undo takes back o and what it typed');
  keys(h, 'uu');
  assert.equal(draft(h), 'THREE four');
  keys(h, '<C-r>');
  assert.equal(draft(h), 'THREE four!');
  keys(h, 'osecond<Esc>kdd');
  assert.equal(draft(h), 'second');
  keys(h, 'u');
  assert.equal(draft(h), 'THREE four!\nsecond');
  keys(h, '2u');
  assert.equal(draft(h), 'THREE four', 'a count undoes that many steps (o, then A!)');
  // Keys pending towards a count or operator show beside the mode.
  keys(h, '2d');
  assert.equal(h.app.footer.mode, 'NORMAL 2d');
  keys(h, '<Esc>');
  assert.equal(h.app.footer.mode, 'NORMAL');
  assert.equal(draft(h), 'THREE four', 'Esc cancelled the operator');
}, ['tui.vim=true']));

test('normal mode types nothing and opens no popup; /vim toggles vim mode off and on', () => withApp((h) => {
  assert.equal(h.app.footer.mode, undefined);
  keys(h, '/vim');
  keys(h, '<CR>');
  assert.equal(h.app.footer.mode, 'NORMAL');
  keys(h, 'qzy/');
  assert.equal(draft(h), '');
  assert.equal(h.app.mode, 'vim_normal', 'no slash popup from normal mode');
  keys(h, 'i/vim<CR>');
  assert.equal(h.app.mode, 'composer');
  assert.equal(h.app.footer.mode, undefined);
  keys(h, 'hjkl');
  assert.equal(draft(h), 'hjkl');
}));
