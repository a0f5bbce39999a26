import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputDecoder } from '../../app/tui/input/decoder.js';
import type { InputEvent } from '../../keymaps/input-event.js';
import { REPLIES } from './terminal-replies.js';

const keys = (events: InputEvent[]): string[] => events.map((e) => (e.type === 'key' ? e.key : e.type === 'paste' ? `paste:${e.text}` : e.type));

test('printable keys, control keys and Alt combinations', () => {
  const d = new InputDecoder();
  assert.deepEqual(keys(d.feed('aZ \r\n\t\x7f\x08\x01\x17')), ['a', 'Z', 'space', 'enter', 'ctrl+j', 'tab', 'backspace', 'ctrl+h', 'ctrl+a', 'ctrl+w']);
  assert.deepEqual(keys(d.feed('\x1bb\x1bf\x1bd\x1b\x7f\x1b\r')), ['alt+b', 'alt+f', 'alt+d', 'alt+backspace', 'alt+enter']);
  assert.deepEqual(d.feed('é你')[1], { type: 'key', key: '你', text: '你' });
});

test('CSI and SS3 keys with modifiers, kitty and modifyOtherKeys forms', () => {
  const d = new InputDecoder();
  assert.deepEqual(
    keys(d.feed('\x1b[A\x1bOB\x1b[1;5C\x1b[1;3D\x1b[H\x1b[4~\x1b[5~\x1b[6~\x1b[3~\x1b[3;3~\x1b[Z\x1b[13;2u\x1b[27;2;13~\x1b[1;5H')),
    ['up', 'down', 'ctrl+right', 'alt+left', 'home', 'end', 'pageup', 'pagedown', 'delete', 'alt+delete', 'shift+tab', 'shift+enter', 'shift+enter', 'ctrl+home'],
  );
});

test('bracketed paste arrives as one event, even split across reads, with CRLF normalised', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed('x\x1b[200~line 1\r\nli'), [{ type: 'key', key: 'x', text: 'x' }]);
  assert.deepEqual(d.feed('ne 2\x1b[20'), []);
  assert.deepEqual(d.feed('1~y'), [{ type: 'paste', text: 'line 1\nline 2' }, { type: 'key', key: 'y', text: 'y' }]);
});

test('a lone ESC waits for more input, then flushes as the Esc key', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed('\x1b'), []);
  assert.equal(d.pending, true);
  assert.deepEqual(keys(d.flush()), ['esc']);
  assert.deepEqual(keys(d.feed('\x1b\x1b')), ['esc']);
  assert.deepEqual(keys(d.flush()), ['esc']);
  // An escape sequence split across reads is still one key.
  assert.deepEqual(d.feed('\x1b['), []);
  assert.deepEqual(keys(d.feed('B')), ['down']);
});

test('SGR mouse wheel, left-button press/drag/release and focus reports; other buttons are dropped', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed('\x1b[<64;10;5M\x1b[<65;1;1M\x1b[<0;3;3M\x1b[<32;7;4M\x1b[<0;8;4m\x1b[<2;3;3M\x1b[<2;3;3m\x1b[<35;9;9M\x1b[I\x1b[O'), [
    { type: 'wheel', direction: 'up', x: 9, y: 4 },
    { type: 'wheel', direction: 'down', x: 0, y: 0 },
    { type: 'mouse', action: 'press', x: 2, y: 2 },
    { type: 'mouse', action: 'drag', x: 6, y: 3 },
    { type: 'mouse', action: 'release', x: 7, y: 3 },
    { type: 'focus', focused: true },
    { type: 'focus', focused: false },
  ]);
});

test('terminal replies and unknown sequences are consumed whole and type nothing', () => {
  for (const reply of REPLIES) {
    const d = new InputDecoder();
    assert.deepEqual(keys(d.feed(`a${reply}b`)), ['a', 'b'], JSON.stringify(reply));
    assert.equal(d.pending, false, JSON.stringify(reply));
  }
});

test('a reply split across reads at any point is still consumed whole', () => {
  for (const reply of REPLIES) {
    const stream = `x${reply}\x1b[Ay`;
    for (let cut = 1; cut < stream.length; cut++) {
      const d = new InputDecoder();
      const got = [...d.feed(stream.slice(0, cut)), ...d.feed(stream.slice(cut))];
      assert.deepEqual(keys(got), ['x', 'up', 'y'], `${JSON.stringify(reply)} cut at ${cut}`);
    }
  }
});

test('broken sequences are dropped up to the byte that breaks them, which is decoded afresh', () => {
  const d = new InputDecoder();
  assert.deepEqual(keys(d.feed('\x1b[1;2你')), ['你']);
  assert.deepEqual(keys(d.feed('\x1b[12\x1b[B')), ['down']);
  assert.deepEqual(keys(d.feed('\x1b]11;rgb:00\x1b[A')), ['up'], 'an ESC aborts an unterminated OSC');
  assert.deepEqual(keys(d.feed('\x1b[\r')), ['alt+[', 'enter']);
  // C1 controls and U+FFFD (what invalid UTF-8 decodes to) are not keys.
  assert.deepEqual(keys(d.feed('\u009b\u0090\ufffdz')), ['z']);
});

test('over-long sequences are skipped to their end, without buffering them', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed(`\x1b[${'1;'.repeat(200)}`), []);
  assert.deepEqual(keys(d.feed(`${'2;'.repeat(200)}Ha`)), ['a']);
  assert.deepEqual(d.feed(`\x1b]52;c;${'A'.repeat(70_000)}`), []);
  assert.deepEqual(d.feed('B'.repeat(70_000)), []);
  assert.deepEqual(keys(d.feed('\x07q')), ['q']);
  assert.equal(d.pending, false);
});

test('a partial sequence flushed after a pause: ESC + one key is Alt+key, a longer one is dropped', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed('\x1b]'), []);
  assert.deepEqual(keys(d.flush()), ['alt+]']);
  assert.deepEqual(d.feed('\x1b[?6'), []);
  assert.deepEqual(d.flush(), []);
  assert.deepEqual(keys(d.feed('\x1bOx\x1bOM')), ['8', 'enter'], 'application keypad');
});

test('X10 mouse wheel reports', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed('\x1b[M`!!\x1b[Ma%&'), [
    { type: 'wheel', direction: 'up', x: 0, y: 0 },
    { type: 'wheel', direction: 'down', x: 4, y: 5 },
  ]);
});

test('the answer to the bracketed-paste query (DECRPM 2004) is an event, split or whole, and types nothing', () => {
  const d = new InputDecoder();
  assert.deepEqual(d.feed('\x1b[?2004;1$'), []);
  assert.deepEqual(d.feed('ya'), [{ type: 'bracketed_paste', supported: true }, { type: 'key', key: 'a', text: 'a' }]);
  assert.deepEqual(d.feed('\x1b[?2004;0$y'), [{ type: 'bracketed_paste', supported: false }]);
});
