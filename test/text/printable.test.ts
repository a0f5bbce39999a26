import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printable, visibleControls } from '../../app/text/printable.js';

test('printable drops every kind of escape sequence, not only CSI and OSC', () => {
  // `tput sgr0` on xterm: charset selection then SGR reset (it printed `red(B done`).
  assert.equal(printable('red\x1b(B\x1b[m done'), 'red done');
  assert.equal(printable('\x1b)0line'), 'line');
  // C1 CSI (one byte 0x9b instead of ESC [).
  assert.equal(printable('\x9b31mred\x9b0m'), 'red');
  // DCS, APC, PM and SOS strings with their payloads, ended by ST or BEL.
  assert.equal(printable('a\x1bP1$r0m\x1b\\b'), 'ab');
  assert.equal(printable('a\x1b_Gf=100;AAAA\x1b\\b'), 'ab');
  assert.equal(printable('a\x1b^private\x1b\\b\x1bXsos\x07c'), 'abc');
  assert.equal(printable('a\x90payload\x9cb'), 'ab');
  // OSC with spaces in the payload (a window title), and 8-bit OSC.
  assert.equal(printable('\x1b]0;my title\x07text'), 'text');
  assert.equal(printable('\x9d8;;https://x.y\x9clink\x9d8;;\x9c'), 'link');
  // Keypad modes, cursor save/restore: one final byte, the text after it stays.
  assert.equal(printable('\x1b=app\x1b>num'), 'appnum');
  assert.equal(printable('a\x1b7b\x1b8c'), 'abc');
});

test('printable keeps the text after an unterminated control string', () => {
  assert.equal(printable('a\x1b]0;no end\nnext'), 'a0;no end\nnext');
  assert.equal(printable('cut \x1b[31'), 'cut 31');
});

test('printable keeps carriage-return progress and tab handling', () => {
  assert.equal(printable('\x1b[32m0%\r50%\r100%\x1b[0m\nnext'), '100%\nnext');
  assert.equal(printable('a\tb'), 'a    b');
  assert.equal(printable('plain text'), 'plain text');
  assert.equal(printable('bell\x07 and nul\x00'), 'bell and nul');
});

test('visibleControls shows what printable would hide', () => {
  assert.equal(visibleControls('rm\x1b[2K -rf'), 'rm\u241b[2K -rf');
  assert.equal(visibleControls('a\x7fb'), 'a\u2421b');
});
