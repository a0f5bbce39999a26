// Decodes terminal input bytes into key, paste, mouse-wheel and focus events.
// Pure and incremental: `feed` may receive a sequence split across reads; an
// incomplete escape sequence waits for more data, and a lone ESC becomes the
// Esc key when the shell calls `flush` after a short quiet period.
// Key names: 'a', 'A', 'space', 'enter', 'tab', 'backspace', 'delete', 'esc',
// 'up', 'pageup', 'home', 'f1', with modifiers in the order ctrl+alt+shift+.

export type InputEvent =
  | { type: 'key'; key: string; text?: string }
  | { type: 'paste'; text: string }
  | { type: 'wheel'; direction: 'up' | 'down'; x: number; y: number }
  | { type: 'focus'; focused: boolean };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

const CSI_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'tab', P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };
const CSI_TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5', '17': 'f6', '18': 'f7', '19': 'f8', '20': 'f9', '21': 'f10', '23': 'f11', '24': 'f12',
};
const SS3_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4', M: 'enter' };

/** Modifier prefix for an xterm modifier parameter (1 + shift·1 + alt·2 + ctrl·4). */
function mods(param: number | undefined): string {
  if (!param || param <= 1) return '';
  const m = param - 1;
  return `${m & 4 ? 'ctrl+' : ''}${m & 2 ? 'alt+' : ''}${m & 1 ? 'shift+' : ''}`;
}

function keyFor(ch: string): InputEvent {
  const c = ch.charCodeAt(0);
  if (ch === '\r') return { type: 'key', key: 'enter' };
  if (ch === '\n') return { type: 'key', key: 'ctrl+j' };
  if (ch === '\t') return { type: 'key', key: 'tab' };
  if (c === 0x7f) return { type: 'key', key: 'backspace' };
  if (c === 0x08) return { type: 'key', key: 'ctrl+h' };
  if (c === 0) return { type: 'key', key: 'ctrl+space' };
  if (c < 0x1b) return { type: 'key', key: `ctrl+${String.fromCharCode(c + 96)}` };
  if (c < 0x20) return { type: 'key', key: `ctrl+${['\\', ']', '^', '_'][c - 0x1c]}` };
  if (ch === ' ') return { type: 'key', key: 'space', text: ' ' };
  return { type: 'key', key: ch, text: ch };
}

function withAlt(e: InputEvent): InputEvent {
  if (e.type !== 'key') return e;
  return { type: 'key', key: e.key.startsWith('ctrl+') ? `ctrl+alt+${e.key.slice(5)}` : `alt+${e.key}` };
}

export class InputDecoder {
  private buf = '';
  private paste: string | null = null;

  /** Events complete in the data so far; a trailing partial sequence is kept. */
  feed(data: string): InputEvent[] {
    this.buf += data;
    const out: InputEvent[] = [];
    for (;;) {
      if (this.paste !== null) {
        const end = this.buf.indexOf(PASTE_END);
        if (end < 0) {
          // Keep a possible partial end marker in the buffer.
          const keep = partialSuffix(this.buf, PASTE_END);
          this.paste += this.buf.slice(0, this.buf.length - keep);
          this.buf = this.buf.slice(this.buf.length - keep);
          return out;
        }
        out.push({ type: 'paste', text: (this.paste + this.buf.slice(0, end)).replace(/\r\n?/g, '\n') });
        this.paste = null;
        this.buf = this.buf.slice(end + PASTE_END.length);
        continue;
      }
      if (!this.buf) return out;
      const n = this.parseOne(out);
      if (n === 0) return out; // incomplete
      this.buf = this.buf.slice(n);
    }
  }

  /** True when a lone ESC (or partial sequence) is waiting; the shell flushes it after a pause. */
  get pending(): boolean {
    return this.paste === null && this.buf.length > 0;
  }

  /** Resolves whatever is waiting as plain keys (a lone ESC is the Esc key). */
  flush(): InputEvent[] {
    if (this.paste !== null) return [];
    const rest = this.buf;
    this.buf = '';
    const out: InputEvent[] = [];
    for (const [i, ch] of [...rest].entries()) out.push(ch === '\x1b' && i === 0 ? { type: 'key', key: 'esc' } : keyFor(ch));
    return out;
  }

  // Parses one event at the start of the buffer; returns characters consumed (0 = need more).
  private parseOne(out: InputEvent[]): number {
    const b = this.buf;
    if (b[0] !== '\x1b') {
      const cp = b.codePointAt(0)!;
      const ch = String.fromCodePoint(cp);
      out.push(keyFor(ch));
      return ch.length;
    }
    if (b.length === 1) return 0;
    if (b.startsWith(PASTE_START)) {
      this.paste = '';
      return PASTE_START.length;
    }
    if (PASTE_START.startsWith(b)) return 0;
    const second = b[1]!;
    if (second === '[') return this.parseCsi(out);
    if (second === 'O') {
      if (b.length < 3) return 0;
      const name = SS3_FINAL[b[2]!];
      out.push(name ? { type: 'key', key: name } : { type: 'key', key: 'esc' });
      return name ? 3 : 1;
    }
    if (second === '\x1b') {
      out.push({ type: 'key', key: 'esc' });
      return 1;
    }
    // ESC + key = Alt+key (ESC DEL = alt+backspace, ESC CR = alt+enter).
    const cp = b.codePointAt(1)!;
    const ch = String.fromCodePoint(cp);
    out.push(withAlt(keyFor(ch)));
    return 1 + ch.length;
  }

  private parseCsi(out: InputEvent[]): number {
    const b = this.buf;
    let i = 2;
    while (i < b.length && /[0-9;<?:]/.test(b[i]!)) i++;
    if (i >= b.length) return b.length > 64 ? this.skipGarbage(out) : 0;
    const final = b[i]!;
    const body = b.slice(2, i);
    const len = i + 1;
    if (body.startsWith('<') && (final === 'M' || final === 'm')) {
      const [btn, x, y] = body.slice(1).split(';').map(Number);
      if (final === 'M' && (btn === 64 || btn === 65)) out.push({ type: 'wheel', direction: btn === 64 ? 'up' : 'down', x: (x ?? 1) - 1, y: (y ?? 1) - 1 });
      return len;
    }
    if (final === 'I' && body === '') { out.push({ type: 'focus', focused: true }); return len; }
    if (final === 'O' && body === '') { out.push({ type: 'focus', focused: false }); return len; }
    const params = body.split(';').map((p) => (p === '' ? undefined : Number(p.split(':')[0])));
    if (final === '~') {
      // modifyOtherKeys: CSI 27 ; mod ; code ~
      if (params[0] === 27 && params[2] !== undefined) {
        out.push(this.modified(params[2], params[1]));
        return len;
      }
      const name = CSI_TILDE[String(params[0])];
      if (name) out.push({ type: 'key', key: mods(params[1]) + name });
      return len;
    }
    if (final === 'u' && params[0] !== undefined) {
      // kitty keyboard protocol / fixterms: CSI code ; mod u
      out.push(this.modified(params[0], params[1]));
      return len;
    }
    const name = CSI_FINAL[final];
    if (name) out.push({ type: 'key', key: final === 'Z' ? 'shift+tab' : mods(params[1]) + name });
    return len;
  }

  private modified(code: number, mod: number | undefined): InputEvent {
    const base = keyFor(String.fromCodePoint(code));
    const name = code === 27 ? 'esc' : base.type === 'key' ? base.key : 'esc';
    const prefix = mods(mod);
    if (!prefix) return base;
    if (prefix === 'shift+' && base.type === 'key' && base.text && base.text !== ' ') {
      return { type: 'key', key: base.text.toUpperCase(), text: base.text.toUpperCase() };
    }
    return { type: 'key', key: prefix + name };
  }

  // An over-long unterminated CSI is not input we understand: drop its introducer.
  private skipGarbage(out: InputEvent[]): number {
    out.push({ type: 'key', key: 'esc' });
    return 1;
  }
}

function partialSuffix(s: string, marker: string): number {
  for (let k = Math.min(marker.length - 1, s.length); k > 0; k--) if (s.endsWith(marker.slice(0, k))) return k;
  return 0;
}
