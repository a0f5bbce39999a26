// Inline markdown → styled spans: `code`, **bold**, *italic*, ***both***,
// ~~strike~~, [text](url) shown as `text (url)`, <autolinks>, backslash escapes.
// Emphasis follows CommonMark's flanking idea closely enough for model output:
// an opener is not followed by a space, a closer not preceded by one, and `_`
// only counts at word boundaries, so `snake_case_name` and `src/a_b.rs:12`
// citations stay plain text. Unclosed markers are literal (while streaming, they
// turn into emphasis once the closer arrives).
import type { Span, Style } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';

const ESCAPABLE = new Set('\\`*_{}[]()#+-.!~|<>'.split(''));

export function parseInline(text: string, base: Style = {}): Span[] {
  const out: Span[] = [];
  parseInto(text, base, out);
  return out;
}

function parseInto(text: string, style: Style, out: Span[]): void {
  let buf = '';
  const flush = (): void => {
    if (buf) push(out, buf, style);
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1]!)) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = runLength(text, i, '`');
      const close = text.indexOf('`'.repeat(run), i + run);
      if (close > 0 && runLength(text, close, '`') === run) {
        flush();
        let code = text.slice(i + run, close);
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
        push(out, code, { ...style, fg: TOKENS.code });
        i = close + run;
        continue;
      }
      buf += '`'.repeat(run);
      i += run;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      const run = runLength(text, i, c);
      const m = c === '~' ? matchStrike(text, i, run) : matchEmphasis(text, i, c, run);
      if (m) {
        flush();
        parseInto(text.slice(i + m.len, m.close), { ...style, ...m.style }, out);
        i = m.close + m.len;
        continue;
      }
      buf += c.repeat(run);
      i += run;
      continue;
    }
    if (c === '[') {
      const link = matchLink(text, i);
      if (link) {
        flush();
        const linkStyle: Style = { ...style, fg: TOKENS.link, underline: true };
        parseInto(link.label, linkStyle, out);
        if (link.url && link.url !== link.label) push(out, ` (${link.url})`, { ...style, fg: TOKENS.muted });
        i = link.end;
        continue;
      }
    }
    if (c === '<') {
      const m = /^<([a-z][a-z0-9+.-]*:[^\s<>]+)>/i.exec(text.slice(i));
      if (m) {
        flush();
        push(out, m[1]!, { ...style, fg: TOKENS.link, underline: true });
        i += m[0].length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
}

function runLength(text: string, i: number, ch: string): number {
  let n = 0;
  while (text[i + n] === ch) n++;
  return n;
}

interface EmphasisMatch {
  close: number;
  len: number;
  style: Style;
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

function matchEmphasis(text: string, i: number, ch: string, run: number): EmphasisMatch | undefined {
  if (isSpace(text[i + run])) return undefined;
  if (ch === '_' && isWordChar(text[i - 1])) return undefined;
  // Try the widest delimiter first: *** → bold+italic, ** → bold, * → italic.
  for (let len = Math.min(run, 3); len >= 1; len--) {
    const delim = ch.repeat(len);
    let from = i + len;
    for (;;) {
      const close = text.indexOf(delim, from);
      if (close < 0) break;
      const before = text[close - 1];
      const after = text[close + len];
      const closeRun = runLength(text, close, ch);
      const okClose =
        close > i + len && !isSpace(before) && (ch !== '_' || !isWordChar(after)) && closeRun === len;
      if (okClose) {
        const style: Style = len === 3 ? { bold: true, italic: true } : len === 2 ? { bold: true } : { italic: true };
        return { close, len, style };
      }
      from = close + Math.max(closeRun, 1);
    }
  }
  return undefined;
}

function matchStrike(text: string, i: number, run: number): EmphasisMatch | undefined {
  if (run !== 2 || isSpace(text[i + 2])) return undefined;
  const close = text.indexOf('~~', i + 2);
  if (close <= i + 2 || isSpace(text[close - 1])) return undefined;
  return { close, len: 2, style: { strikethrough: true } };
}

function matchLink(text: string, i: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let j = i;
  for (; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '[') depth++;
    else if (text[j] === ']' && --depth === 0) break;
  }
  if (j >= text.length || text[j + 1] !== '(') return undefined;
  // The destination may hold balanced parentheses (…/Foo_(bar)).
  let close = j + 2;
  for (let open = 1; close < text.length; close++) {
    if (text[close] === '(') open++;
    else if (text[close] === ')' && --open === 0) break;
  }
  if (close >= text.length) return undefined;
  const url = text.slice(j + 2, close).trim().split(/\s+/)[0] ?? '';
  return { label: text.slice(i + 1, j), url: url.replace(/^<|>$/g, ''), end: close + 1 };
}

function push(out: Span[], text: string, style: Style): void {
  const last = out[out.length - 1];
  if (last && sameStyle(last.style, style)) {
    last.text += text;
    return;
  }
  out.push(isEmpty(style) ? { text } : { text, style });
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  return (
    x.fg === y.fg &&
    x.bg === y.bg &&
    !x.bold === !y.bold &&
    !x.dim === !y.dim &&
    !x.italic === !y.italic &&
    !x.underline === !y.underline &&
    !x.inverse === !y.inverse &&
    !x.strikethrough === !y.strikethrough
  );
}

function isEmpty(style: Style): boolean {
  return sameStyle(style, undefined);
}
