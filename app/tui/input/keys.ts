// What the bytes of one decoded unit mean: a character, or the parameters and
// final byte of a CSI sequence, as a key (or mouse/focus) event. Pure tables
// and functions for the decoder; anything that is not a key is `undefined`.
import type { InputEvent } from '../../../keymaps/input-event.js';

type KeyEvent = Extract<InputEvent, { type: 'key' }>;

const CSI_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'tab', P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };
const CSI_TILDE: Record<number, string> = {
  1: 'home', 2: 'insert', 3: 'delete', 4: 'end', 5: 'pageup', 6: 'pagedown', 7: 'home', 8: 'end',
  11: 'f1', 12: 'f2', 13: 'f3', 14: 'f4', 15: 'f5', 17: 'f6', 18: 'f7', 19: 'f8', 20: 'f9', 21: 'f10', 23: 'f11', 24: 'f12',
};
/** SS3 keys: cursor and function keys, and the keypad in application mode (one-character names are typed text). */
export const SS3_FINAL: Record<string, string> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4', M: 'enter',
  j: '*', k: '+', l: ',', m: '-', n: '.', o: '/', X: '=', p: '0', q: '1', r: '2', s: '3', t: '4', u: '5', v: '6', w: '7', x: '8', y: '9',
};

/** One numeric CSI parameter (its first `:` sub-parameter); anything else is undefined. */
function param(s: string | undefined): number | undefined {
  const first = s?.split(':')[0];
  return first !== undefined && /^\d{1,7}$/.test(first) ? Number(first) : undefined;
}

/** Modifier prefix for an xterm/kitty modifier parameter (1 + shift·1 + alt·2 + ctrl·4; lock bits ignored). */
function mods(p: number | undefined): string {
  if (!p || p <= 1) return '';
  const m = (p - 1) & 7;
  return `${m & 4 ? 'ctrl+' : ''}${m & 2 ? 'alt+' : ''}${m & 1 ? 'shift+' : ''}`;
}

/** The key one typed character stands for; C1 controls, lone surrogates and U+FFFD (invalid UTF-8) are not keys. */
export function keyFor(ch: string): KeyEvent | undefined {
  const c = ch.codePointAt(0)!;
  if (ch === '\r') return { type: 'key', key: 'enter' };
  if (ch === '\n') return { type: 'key', key: 'ctrl+j' };
  if (ch === '\t') return { type: 'key', key: 'tab' };
  if (ch === '\x1b') return { type: 'key', key: 'esc' };
  if (c === 0x7f) return { type: 'key', key: 'backspace' };
  if (c === 0x08) return { type: 'key', key: 'ctrl+h' };
  if (c === 0) return { type: 'key', key: 'ctrl+space' };
  if (c < 0x1b) return { type: 'key', key: `ctrl+${String.fromCharCode(c + 96)}` };
  if (c < 0x20) return { type: 'key', key: `ctrl+${['\\', ']', '^', '_'][c - 0x1c]}` };
  if ((c >= 0x80 && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffd) return undefined;
  if (ch === ' ') return { type: 'key', key: 'space', text: ' ' };
  return { type: 'key', key: ch, text: ch };
}

export function withAlt(e: KeyEvent): KeyEvent {
  return { type: 'key', key: e.key.startsWith('ctrl+') ? `ctrl+alt+${e.key.slice(5)}` : `alt+${e.key}` };
}

/** A key given by code point and modifiers (kitty `CSI code ; mod u`, modifyOtherKeys `CSI 27 ; mod ; code ~`). */
function modified(code: number | undefined, mod: number | undefined): KeyEvent | undefined {
  // Not a character: beyond Unicode, a surrogate, or kitty's private-use codes for keys we do not name.
  if (code === undefined || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0xe000 && code <= 0xf8ff)) return undefined;
  const base = keyFor(String.fromCodePoint(code));
  const prefix = mods(mod);
  if (!base || !prefix) return base;
  if (prefix === 'shift+' && base.text && base.text !== ' ') return { type: 'key', key: base.text.toUpperCase(), text: base.text.toUpperCase() };
  // A control character's own ctrl+ joins the modifiers, in their usual order.
  if (!base.key.startsWith('ctrl+')) return { type: 'key', key: prefix + base.key };
  return { type: 'key', key: (prefix.startsWith('ctrl+') ? prefix : `ctrl+${prefix}`) + base.key.slice(5) };
}

// SGR mouse reports: `M` a press or motion, `m` a release; the button's low
// bits say which (0 left), +32 motion with it held, +64 the wheel.
function mouse(params: string, final: string): InputEvent | undefined {
  const [btn, x, y] = params.slice(1).split(';').map(param);
  if (btn === undefined) return undefined;
  const at = { x: Math.max(0, (x ?? 1) - 1), y: Math.max(0, (y ?? 1) - 1) };
  const b = btn & ~0x1c; // without the shift/alt/ctrl bits
  if (b === 64 || b === 65) return final === 'M' ? { type: 'wheel', direction: b === 64 ? 'up' : 'down', ...at } : undefined;
  if (b === 0) return { type: 'mouse', action: final === 'm' ? 'release' : 'press', ...at };
  if (b === 32 && final === 'M') return { type: 'mouse', action: 'drag', ...at };
  return undefined;
}

/**
 * The event a complete CSI sequence stands for: 'paste' for the start of a
 * bracketed paste, undefined for anything that is not input (replies, unknown).
 */
export function csiEvent(params: string, intermediates: string, final: string): InputEvent | 'paste' | undefined {
  const marker = '<=>?'.includes(params[0] ?? ';') ? params[0]! : '';
  if (marker === '<' && !intermediates && (final === 'M' || final === 'm')) return mouse(params, final);
  // DECRPM for mode 2004, the answer to our bracketed-paste query (renderer/tty.ts):
  // 1 set or 3 permanently set means pastes will come bracketed.
  if (marker === '?' && intermediates === '$' && final === 'y') {
    const [mode, value] = params.slice(1).split(';');
    if (param(mode) === 2004) return { type: 'bracketed_paste', supported: param(value) === 1 || param(value) === 3 };
  }
  // A private marker or intermediates: a terminal's reply (DA, kitty flags, XTVERSION …), never a key.
  if (marker || intermediates) return undefined;
  const p = params.split(';');
  if (params === '' && (final === 'I' || final === 'O')) return { type: 'focus', focused: final === 'I' };
  if (final === '~') {
    const k = param(p[0]);
    if (k === 200) return 'paste';
    if (k === 27 && p.length >= 3) return modified(param(p[2]), param(p[1]));
    const name = k === undefined ? undefined : CSI_TILDE[k];
    return name ? { type: 'key', key: mods(param(p[1])) + name } : undefined;
  }
  if (final === 'u') {
    if (p[1]?.split(':')[1] === '3') return undefined; // kitty key release
    return modified(param(p[0]), param(p[1]));
  }
  // `CSI row ; col R` is a cursor position report; F3 with modifiers is `CSI 1 ; mod R`.
  if (final === 'R' && p.length >= 2 && param(p[0]) !== 1) return undefined;
  const name = CSI_FINAL[final];
  if (!name) return undefined;
  return { type: 'key', key: final === 'Z' ? 'shift+tab' : mods(param(p[1])) + name };
}
