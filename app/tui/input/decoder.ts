// Decodes terminal input into key, paste, mouse-wheel and focus events.
// Pure and incremental: `feed` may receive a sequence split across reads; an
// incomplete escape sequence waits for more data, and the shell calls `flush`
// after a short quiet period (a lone ESC is then the Esc key).
// It never throws and never turns a terminal's reply into typed text: escape
// sequences follow the ECMA-48 grammar (CSI parameter/intermediate/final
// bytes; OSC/DCS/APC/PM/SOS strings ended by BEL or ST), so replies to queries
// (DA, kitty `CSI ? flags u`, DECRPM, cursor position, colour reports) and
// sequences we do not know are consumed whole and dropped; malformed ones are
// dropped up to the byte that breaks them, which is then decoded afresh.
// Key names: see keymaps/input-event.ts.
import type { InputEvent } from '../../../keymaps/input-event.js';
import { csiEvent, keyFor, withAlt, SS3_FINAL } from './keys.js';

const ESC = '\x1b';
const PASTE_END = '\x1b[201~';
/** Longest CSI we wait for; anything longer is garbage and is skipped to its final byte. */
const MAX_CSI = 256;
/** Longest OSC/DCS/APC string we buffer; longer ones are skipped to their terminator. */
const MAX_STRING = 64 * 1024;
/** Second bytes that open a control string: OSC, DCS, APC, PM, SOS. */
const STRING_OPENERS = new Set([']', 'P', '_', '^', 'X']);

/** What the decoder is skipping past after an over-long sequence. */
type Skip = 'csi' | 'string' | null;

export class InputDecoder {
  private buf = '';
  private paste: string | null = null;
  private skip: Skip = null;

  /** Events complete in the data so far; a trailing partial sequence is kept. */
  feed(data: string): InputEvent[] {
    this.buf += data;
    const out: InputEvent[] = [];
    let pos = 0;
    for (;;) {
      if (this.paste !== null) {
        const end = this.buf.indexOf(PASTE_END, pos);
        if (end < 0) {
          // Keep a possible partial end marker in the buffer.
          const keep = partialSuffix(this.buf, PASTE_END);
          this.paste += this.buf.slice(pos, this.buf.length - keep);
          this.buf = this.buf.slice(this.buf.length - keep);
          return out;
        }
        out.push({ type: 'paste', text: (this.paste + this.buf.slice(pos, end)).replace(/\r\n?/g, '\n') });
        this.paste = null;
        pos = end + PASTE_END.length;
        continue;
      }
      if (pos >= this.buf.length) break;
      if (this.skip) {
        const n = this.skipOne(pos);
        if (n === 0 && this.skip) break; // an ESC that may start the terminator
        pos += n;
        continue;
      }
      const n = this.parseOne(pos, out);
      if (n === 0) break; // incomplete
      pos += n;
    }
    this.buf = this.buf.slice(pos);
    return out;
  }

  /** True when a lone ESC (or partial sequence) is waiting; the shell flushes it after a pause. */
  get pending(): boolean {
    return this.paste === null && (this.buf.length > 0 || this.skip !== null);
  }

  /**
   * Resolves whatever is waiting: a lone ESC is the Esc key, ESC + one
   * character is Alt+that key; a longer partial sequence is a reply or key cut
   * short and is dropped.
   */
  flush(): InputEvent[] {
    if (this.paste !== null) return [];
    const rest = this.buf;
    this.buf = '';
    this.skip = null;
    if (rest === ESC) return [{ type: 'key', key: 'esc' }];
    const chars = [...rest];
    if (chars.length === 2 && chars[0] === ESC) {
      const key = keyFor(chars[1]!);
      return key ? [withAlt(key)] : [];
    }
    return [];
  }

  // Parses one event at `pos`; returns characters consumed (0 = need more).
  private parseOne(pos: number, out: InputEvent[]): number {
    const b = this.buf;
    if (b[pos] !== ESC) {
      const ch = String.fromCodePoint(b.codePointAt(pos)!);
      const key = keyFor(ch);
      if (key) out.push(key);
      return ch.length;
    }
    if (pos + 1 >= b.length) return 0;
    const second = b[pos + 1]!;
    if (second === '[') return this.parseCsi(pos, out);
    if (STRING_OPENERS.has(second)) return this.parseString(pos);
    if (second === 'O') {
      if (pos + 2 >= b.length) return 0;
      const name = SS3_FINAL[b[pos + 2]!];
      if (name) {
        out.push(name.length === 1 ? { type: 'key', key: name, text: name } : { type: 'key', key: name });
        return 3;
      }
    }
    if (second === ESC) {
      out.push({ type: 'key', key: 'esc' });
      return 1;
    }
    // ESC + key = Alt+key (ESC DEL = alt+backspace, ESC CR = alt+enter).
    const ch = String.fromCodePoint(b.codePointAt(pos + 1)!);
    const key = keyFor(ch);
    if (key) out.push(withAlt(key));
    return 1 + ch.length;
  }

  // CSI: ESC [ parameters (0x30–0x3F)* intermediates (0x20–0x2F)* final (0x40–0x7E).
  private parseCsi(pos: number, out: InputEvent[]): number {
    const b = this.buf;
    let i = pos + 2;
    while (i < b.length && b.charCodeAt(i) >= 0x30 && b.charCodeAt(i) <= 0x3f) i++;
    const paramsEnd = i;
    while (i < b.length && b.charCodeAt(i) >= 0x20 && b.charCodeAt(i) <= 0x2f) i++;
    if (i >= b.length) {
      if (i - pos <= MAX_CSI) return 0;
      this.skip = 'csi';
      return i - pos;
    }
    const c = b.charCodeAt(i);
    if (c < 0x40 || c > 0x7e) {
      // Broken off by a byte that cannot be in a CSI: ESC [ alone was Alt+[; else drop what came before it.
      if (i === pos + 2) {
        out.push(withAlt({ type: 'key', key: '[', text: '[' }));
        return 2;
      }
      return i - pos;
    }
    const params = b.slice(pos + 2, paramsEnd);
    const final = b[i]!;
    if (final === 'M' && params === '' && i === paramsEnd) return this.parseX10Mouse(pos, i + 1, out);
    const ev = csiEvent(params, b.slice(paramsEnd, i), final);
    if (ev === 'paste') this.paste = '';
    else if (ev) out.push(ev);
    return i + 1 - pos;
  }

  // Legacy mouse report: ESC [ M and three characters (button, x, y, each + 32).
  private parseX10Mouse(pos: number, at: number, out: InputEvent[]): number {
    const chars = [...this.buf.slice(at, at + 6)].slice(0, 3);
    if (chars.length < 3) return 0;
    const [btn, x, y] = chars.map((ch) => ch.codePointAt(0)! - 32) as [number, number, number];
    const wheel = btn & ~0x1c; // without the shift/alt/ctrl bits
    if (wheel === 64 || wheel === 65) out.push({ type: 'wheel', direction: wheel === 64 ? 'up' : 'down', x: Math.max(0, x - 1), y: Math.max(0, y - 1) });
    return at - pos + chars.join('').length;
  }

  // OSC/DCS/APC/PM/SOS: ends at BEL or ST (ESC \); any other ESC aborts it.
  private parseString(pos: number): number {
    const b = this.buf;
    for (let i = pos + 2; i < b.length; i++) {
      if (b[i] === '\x07') return i + 1 - pos;
      if (b[i] !== ESC) continue;
      if (i + 1 >= b.length) return 0;
      return b[i + 1] === '\\' ? i + 2 - pos : i - pos;
    }
    if (b.length - pos <= MAX_STRING) return 0;
    this.skip = 'string';
    return b.length - pos;
  }

  // After an over-long sequence: drop input until the sequence's end; clears `skip` there.
  private skipOne(pos: number): number {
    const b = this.buf;
    if (this.skip === 'csi') {
      let i = pos;
      while (i < b.length && b.charCodeAt(i) >= 0x20 && b.charCodeAt(i) <= 0x3f) i++;
      if (i >= b.length) return i - pos;
      this.skip = null;
      const c = b.charCodeAt(i);
      return c >= 0x40 && c <= 0x7e ? i + 1 - pos : i - pos;
    }
    let i = pos;
    while (i < b.length && b[i] !== '\x07' && b[i] !== ESC) i++;
    if (i >= b.length) return i - pos;
    if (b[i] === '\x07') {
      this.skip = null;
      return i + 1 - pos;
    }
    if (i + 1 >= b.length) return i - pos;
    this.skip = null;
    return b[i + 1] === '\\' ? i + 2 - pos : i - pos;
  }
}

function partialSuffix(s: string, marker: string): number {
  for (let k = Math.min(marker.length - 1, s.length); k > 0; k--) if (s.endsWith(marker.slice(0, k))) return k;
  return 0;
}
